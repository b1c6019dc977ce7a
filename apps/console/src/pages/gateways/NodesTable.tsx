import { useMemo } from 'react';

import { DataTable, listColumns, PAGE_SIZE } from '../../ui/DataTable';
import { Empty, ErrorMessage, Loading } from '../../ui/QueryState';
import { useNodes } from './gateway-api';
import { nodeState, stateTone, streamsSummary, timeAgo, type GatewayNode } from './node-status';

const column = listColumns<GatewayNode>();

function columnsAt(now: number) {
  return column.columns([
    column.accessor('nodeId', { header: 'Node', cell: (info) => <code>{info.getValue()}</code> }),
    column.accessor('version', { header: 'Version', cell: (info) => info.getValue() || '–' }),
    column.display({
      id: 'state',
      header: 'Status',
      cell: ({ row }) => {
        const state = nodeState(row.original, now);
        return <span className={`badge ${stateTone(state)}`}>{state}</span>;
      },
    }),
    column.accessor('lastSeenAt', {
      header: 'Last seen',
      cell: (info) => (
        <time dateTime={info.getValue()} title={new Date(info.getValue()).toLocaleString()}>
          {timeAgo(info.getValue(), now)}
        </time>
      ),
    }),
    column.accessor((node) => node.status?.appliedRev, {
      id: 'appliedRev',
      header: 'Applied revision',
      cell: (info) => info.getValue() ?? '–',
    }),
    column.accessor((node) => node.status?.emergency, {
      id: 'emergency',
      header: 'Emergency mode',
      cell: (info) =>
        info.getValue() === undefined ? '–' : info.getValue() ? <span className="badge bad">on</span> : 'off',
    }),
    column.display({
      id: 'streams',
      header: 'Streams',
      cell: ({ row }) => streamsSummary(row.original) ?? '–',
    }),
  ]);
}

/** The group's gateway nodes, refreshed every 5 s while the page is visible. */
export function NodesTable({ groupId }: { groupId: string }) {
  const nodes = useNodes(groupId);
  // Ages are measured from when the answer arrived, so they move on with each refresh.
  const now = nodes.dataUpdatedAt;
  const columns = useMemo(() => columnsAt(now), [now]);
  if (nodes.isPending) return <Loading what="nodes" />;
  if (nodes.isError) return <ErrorMessage error={nodes.error} title="Could not load nodes" />;
  if (nodes.data.length === 0)
    return (
      <Empty>
        No gateway of this group has connected in the last hour. Start one with a node token of this group.
      </Empty>
    );
  return (
    <DataTable
      caption="Gateway nodes"
      columns={columns}
      rows={nodes.data}
      total={nodes.data.length}
      page={0}
      pageSize={Math.max(PAGE_SIZE, nodes.data.length)}
      onPageChange={() => undefined}
      rowId={(node) => node.nodeId}
    />
  );
}
