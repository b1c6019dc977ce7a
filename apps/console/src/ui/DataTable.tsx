import {
  createColumnHelper,
  FlexRender,
  rowPaginationFeature,
  tableFeatures,
  useTable,
  type ColumnDef,
  type PaginationState,
  type RowData,
} from '@tanstack/react-table';

import { PAGE_SIZE } from './page-size';

/** Lists page on the server: the table holds one page and the total the API reported. */
export const listFeatures = tableFeatures({ rowPaginationFeature });
export type ListFeatures = typeof listFeatures;
export type ListColumn<Row extends RowData> = ColumnDef<ListFeatures, Row>;

/** A typed column helper for a list's rows. */
export function listColumns<Row extends RowData>() {
  return createColumnHelper<ListFeatures, Row>();
}

export { PAGE_SIZE };

interface DataTableProps<Row extends RowData> {
  /** Names the table for screen readers, e.g. "APIs". */
  caption: string;
  columns: ListColumn<Row>[];
  rows: Row[];
  total: number;
  /** Zero-based page index. */
  page: number;
  pageSize?: number;
  onPageChange: (page: number) => void;
  rowId: (row: Row) => string;
}

export function DataTable<Row extends RowData>({
  caption,
  columns,
  rows,
  total,
  page,
  pageSize = PAGE_SIZE,
  onPageChange,
  rowId,
}: DataTableProps<Row>) {
  const pagination: PaginationState = { pageIndex: page, pageSize };
  const table = useTable({
    features: listFeatures,
    columns,
    data: rows,
    getRowId: rowId,
    manualPagination: true,
    rowCount: total,
    state: { pagination },
    onPaginationChange: (update) => {
      const next = typeof update === 'function' ? update(pagination) : update;
      onPageChange(next.pageIndex);
    },
  });
  const first = total === 0 ? 0 : page * pageSize + 1;
  const last = Math.min(total, page * pageSize + rows.length);
  return (
    <div className="table-wrap">
      <table>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id}>
              {group.headers.map((header) => (
                <th key={header.id} scope="col">
                  <FlexRender header={header} />
                </th>
              ))}
            </tr>
          ))}
        </thead>
        <tbody>
          {table.getRowModel().rows.map((row) => (
            <tr key={row.id}>
              {row.getAllCells().map((cell) => (
                <td key={cell.id}>
                  <FlexRender cell={cell} />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <nav className="pager" aria-label={`${caption} pages`}>
        <span aria-live="polite">
          {first}–{last} of {total}
        </span>
        <button type="button" onClick={() => table.previousPage()} disabled={!table.getCanPreviousPage()}>
          Previous
        </button>
        <button type="button" onClick={() => table.nextPage()} disabled={!table.getCanNextPage()}>
          Next
        </button>
      </nav>
    </div>
  );
}
