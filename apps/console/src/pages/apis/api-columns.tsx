import { Link } from '@tanstack/react-router';

import { listColumns, type ListColumn } from '../../ui/DataTable';
import { nameColumn, tagsColumn, updatedColumn } from '../../ui/document-columns';
import { authLabel } from './api-form';
import { apiName, type ApiListItem } from './api-queries';

const column = listColumns<ApiListItem>();

// Display columns only: the table neither sorts nor filters (the server does), so no accessor is needed.
export const apiColumns: ListColumn<ApiListItem>[] = [
  nameColumn((item) => (
    <Link to="/apis/$apiId" params={{ apiId: item.id }}>
      {apiName(item.document)}
    </Link>
  )),
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
  tagsColumn((tags) => (
    <ul className="inline-list">
      {tags.map((tag) => (
        <li key={tag} className="badge">
          {tag}
        </li>
      ))}
    </ul>
  )),
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
  updatedColumn(),
];
