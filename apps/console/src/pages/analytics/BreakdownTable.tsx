import { useMemo } from 'react';

import { DataTable, listColumns } from '../../ui/DataTable';
import { Empty, ErrorMessage, Loading } from '../../ui/QueryState';
import { useBreakdown } from './analytics-api';
import { breakdownQuery, type AnalyticsSearch, type Breakdown } from './analytics-search';
import type { ResolvedRange } from './time-range';

const VALUE_LABELS: Record<Breakdown, string> = {
  api: 'API',
  key: 'Key',
  region: 'Region',
  status: 'Status',
  path: 'Path',
};

interface Row {
  value: string;
  hits: number;
  errors: number;
  latency: { p50: number; p95: number; p99: number };
}

const column = listColumns<Row>();
const count = (value: number) => value.toLocaleString();
const ms = (value: number) => `${value.toLocaleString()} ms`;

function columnsFor(by: Breakdown) {
  return column.columns([
    column.accessor('value', { header: VALUE_LABELS[by], cell: (info) => <code>{info.getValue()}</code> }),
    column.accessor('hits', { header: 'Requests', cell: (info) => count(info.getValue()) }),
    column.accessor('errors', { header: 'Errors', cell: (info) => count(info.getValue()) }),
    column.display({
      id: 'errorRate',
      header: 'Error rate',
      cell: ({ row }) =>
        row.original.hits === 0 ? '–' : `${((100 * row.original.errors) / row.original.hits).toFixed(1)} %`,
    }),
    column.accessor((row) => row.latency.p50, {
      id: 'p50',
      header: 'p50',
      cell: (info) => ms(info.getValue()),
    }),
    column.accessor((row) => row.latency.p95, {
      id: 'p95',
      header: 'p95',
      cell: (info) => ms(info.getValue()),
    }),
    column.accessor((row) => row.latency.p99, {
      id: 'p99',
      header: 'p99',
      cell: (info) => ms(info.getValue()),
    }),
  ]);
}

interface BreakdownTableProps {
  caption: string;
  search: AnalyticsSearch;
  range: ResolvedRange;
  by: Breakdown;
  page: number;
  pageSize: number;
  onPageChange: (page: number) => void;
}

/** Totals per value of one dimension, busiest first, paged by the API. */
export function BreakdownTable({
  caption,
  search,
  range,
  by,
  page,
  pageSize,
  onPageChange,
}: BreakdownTableProps) {
  const breakdown = useBreakdown(breakdownQuery(search, range, by, page, pageSize));
  const columns = useMemo(() => columnsFor(by), [by]);
  if (breakdown.isPending) return <Loading what={caption.toLowerCase()} />;
  if (breakdown.isError)
    return <ErrorMessage error={breakdown.error} title={`Could not load ${caption.toLowerCase()}`} />;
  if (breakdown.data.total === 0) return <Empty>No requests in this range.</Empty>;
  return (
    <DataTable
      caption={caption}
      columns={columns}
      rows={breakdown.data.rows}
      total={breakdown.data.total}
      page={page}
      pageSize={pageSize}
      onPageChange={onPageChange}
      rowId={(row) => row.value}
    />
  );
}
