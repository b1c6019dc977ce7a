import { getRouteApi, Link, useNavigate } from '@tanstack/react-router';

import type { components } from '../../api/generated/dashboard-api';
import { Can } from '../../auth/Can';
import { DataTable, listColumns, PAGE_SIZE } from '../../ui/DataTable';
import { PageHeader } from '../../ui/PageHeader';
import { Empty, ErrorMessage, Loading } from '../../ui/QueryState';
import { useGroups } from './gateway-api';
import { GroupFormDialog } from './GroupFormDialog';

type GatewayGroup = components['schemas']['GatewayGroup'];

const route = getRouteApi('/app/gateways');
const column = listColumns<GatewayGroup>();
const columns = column.columns([
  column.accessor('name', {
    header: 'Name',
    cell: (info) => (
      <Link to="/gateways/$groupId" params={{ groupId: info.row.original.groupId }}>
        {info.getValue()}
      </Link>
    ),
  }),
  column.accessor('groupId', { header: 'Id', cell: (info) => <code>{info.getValue()}</code> }),
  column.accessor('region', { header: 'Region' }),
  column.accessor('tags', {
    header: 'Tags',
    cell: (info) =>
      info.getValue().length > 0 ? info.getValue().join(', ') : <span className="muted">none</span>,
  }),
]);

/** The org's gateway groups (a handful: one per region or cluster), each leading to its nodes and tokens. */
export function GatewayGroupsPage() {
  const { deleted } = route.useSearch();
  const navigate = useNavigate();
  const groups = useGroups();
  const create = (
    <Can resource="gateway-groups" verb="write">
      <GroupFormDialog
        label="Create group"
        onSaved={(group) => void navigate({ to: '/gateways/$groupId', params: { groupId: group.groupId } })}
      />
    </Can>
  );

  return (
    <div>
      <PageHeader
        title="Gateways"
        description="Gateway groups, their nodes and whether each serves the current config."
        actions={create}
      />
      {deleted ? (
        <p className="notice" role="status">
          Deleted gateway group {deleted}; its node tokens were revoked.
        </p>
      ) : null}
      {groups.isPending ? (
        <Loading what="gateway groups" />
      ) : groups.isError ? (
        <ErrorMessage error={groups.error} title="Could not load gateway groups" />
      ) : groups.data.length === 0 ? (
        <Empty action={create}>
          No gateway groups yet. Create one per region, then mint a node token for its gateways.
        </Empty>
      ) : (
        // The API answers every group in one list (an org has a handful), so the table holds one page.
        <DataTable
          caption="Gateway groups"
          columns={columns}
          rows={groups.data}
          total={groups.data.length}
          page={0}
          pageSize={Math.max(PAGE_SIZE, groups.data.length)}
          onPageChange={() => undefined}
          rowId={(group) => group.groupId}
        />
      )}
    </div>
  );
}
