import type { RowData } from '@tanstack/react-table';
import type { ReactNode } from 'react';

import { listColumns, type ListColumn } from './DataTable';

// Display columns only: the tables neither sort nor filter (the server does), so no accessor is needed.

/** The document's name, linking to its page. */
export function nameColumn<Row extends RowData>(link: (row: Row) => ReactNode): ListColumn<Row> {
  return listColumns<Row>().display({ id: 'name', header: 'Name', cell: ({ row }) => link(row.original) });
}

/** When the stored document last changed, in the reader's locale and time zone. */
export function updatedColumn<Row extends { updatedAt: string }>(): ListColumn<Row> {
  return listColumns<Row>().display({
    id: 'updated',
    header: 'Updated',
    cell: ({ row }) => new Date(row.original.updatedAt).toLocaleString(),
  });
}

/** The document's tags as `show` lays them out, or a muted "none". */
export function tagsColumn<Row extends { fields: { tags: string[] } }>(
  show: (tags: string[]) => ReactNode,
): ListColumn<Row> {
  return listColumns<Row>().display({
    id: 'tags',
    header: 'Tags',
    cell: ({ row }) => {
      const { tags } = row.original.fields;
      return tags.length === 0 ? <span className="muted">none</span> : show(tags);
    },
  });
}
