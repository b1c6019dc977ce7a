import { Link } from '@tanstack/react-router';

import { listColumns, type ListColumn } from '../../ui/DataTable';
import { authLabel } from './api-form';
import { apiName, type ApiListItem } from './api-queries';

const column = listColumns<ApiListItem>();

// Display columns only: the table neither sorts nor filters (the server does), so no accessor is needed.
export const apiColumns: ListColumn<ApiListItem>[] = [
  column.display({
    id: 'name',
    header: 'Name',
    cell: ({ row }) => (
      <Link to="/apis/$apiId" params={{ apiId: row.original.id }}>
        {apiName(row.original.document)}
      </Link>
    ),
  }),
  column.display({
    id: 'listenPath',
    header: 'Listen path',
    cell: ({ row }) => row.original.fields.listenPath,
  }),
  column.display({ id: 'auth', header: 'Auth', cell: ({ row }) => authLabel(row.original.document) }),
  column.display({
    id: 'active',
    header: 'Status',
    cell: ({ row }) =>
      row.original.fields.active ? (
        <span className="badge ok">Active</span>
      ) : (
        <span className="badge bad">Inactive</span>
      ),
  }),
  column.display({
    id: 'tags',
    header: 'Tags',
    cell: ({ row }) =>
      row.original.fields.tags.length === 0 ? (
        <span className="muted">none</span>
      ) : (
        <ul className="inline-list">
          {row.original.fields.tags.map((tag) => (
            <li key={tag} className="badge">
              {tag}
            </li>
          ))}
        </ul>
      ),
  }),
  column.display({
    id: 'regions',
    header: 'Served in',
    cell: ({ row }) => {
      const regions = row.original.regions ?? [];
      return regions.length === 0 ? (
        <span className="muted">none</span>
      ) : (
        regions.map((group) => `${group.name} (${group.region})`).join(', ')
      );
    },
  }),
  column.display({
    id: 'updated',
    header: 'Updated',
    cell: ({ row }) => new Date(row.original.updatedAt).toLocaleString(),
  }),
];
