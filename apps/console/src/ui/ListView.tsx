import type { UseQueryResult } from '@tanstack/react-query';
import type { RowData } from '@tanstack/react-table';
import type { ReactNode } from 'react';

import type { Page } from '../api/client';
import { DataTable, type ListColumn } from './DataTable';
import { Empty, ErrorMessage, Loading } from './QueryState';

interface ListViewProps<Row extends RowData> {
  list: UseQueryResult<Page<Row>>;
  /** What is loading, e.g. "APIs" ("Loading APIs…"). */
  what: string;
  /** Says which list failed, above the API's message. */
  errorTitle: string;
  /**
   * Shown instead of an empty table: why there is nothing (no entries yet, or none matching the filters)
   * and what to do next. Lists that are never empty (an org always has its owner) give none.
   */
  empty?: ReactNode;
  /** The table's caption for screen readers. */
  caption: string;
  columns: ListColumn<Row>[];
  rowId: (row: Row) => string;
  /** The zero-based page from the URL; none is the first. */
  page: number | undefined;
  /** The first page is `undefined`, so it stays out of the URL. */
  onPageChange: (page: number | undefined) => void;
}

/** A server-paged list's states: loading, failed with the API's message, empty, or a page of the table. */
export function ListView<Row extends RowData>({
  list,
  what,
  errorTitle,
  empty,
  caption,
  columns,
  rowId,
  page,
  onPageChange,
}: ListViewProps<Row>) {
  if (list.isPending) return <Loading what={what} />;
  if (list.isError) return <ErrorMessage error={list.error} title={errorTitle} />;
  if (list.data.total === 0 && empty !== undefined) return empty;
  if (list.data.items.length === 0 && list.data.total > 0) {
    return (
      <Empty
        action={
          <button type="button" onClick={() => onPageChange(undefined)}>
            Go to the first page
          </button>
        }
      >
        This page is past the end of the list ({list.data.total} entries).
      </Empty>
    );
  }
  return (
    <DataTable
      caption={caption}
      columns={columns}
      rows={list.data.items}
      total={list.data.total}
      page={page ?? 0}
      onPageChange={(next) => onPageChange(next || undefined)}
      rowId={rowId}
    />
  );
}
