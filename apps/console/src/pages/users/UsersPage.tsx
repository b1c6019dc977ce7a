import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';

import { api, unwrapPage } from '../../api/client';
import { Can } from '../../auth/Can';
import { DataTable, listColumns, PAGE_SIZE } from '../../ui/DataTable';
import { PageHeader } from '../../ui/PageHeader';
import { ErrorMessage, Loading } from '../../ui/QueryState';
import { InviteUserForm } from './InviteUserForm';
import { RoleCell } from './RoleCell';
import type { User } from './roles';
import { usersRoute } from './routes';
import { UserStateCell } from './UserStateCell';

function stateOf(user: User): { word: string; tone: string } {
  if (!user.active) return { word: 'Inactive', tone: 'bad' };
  return user.activated ? { word: 'Active', tone: 'ok' } : { word: 'Invited', tone: 'warn' };
}

const column = listColumns<User>();
const columns = column.columns([
  column.accessor('name', { header: 'Name' }),
  column.accessor('email', { header: 'Email' }),
  column.accessor('role', { header: 'Role', cell: (info) => <RoleCell user={info.row.original} /> }),
  column.accessor('active', {
    header: 'State',
    cell: (info) => {
      const state = stateOf(info.row.original);
      return <span className={`badge ${state.tone}`}>{state.word}</span>;
    },
  }),
  column.display({
    id: 'actions',
    header: () => <span className="visually-hidden">Actions</span>,
    cell: (info) => <UserStateCell user={info.row.original} />,
  }),
]);

/** The org's users: invite, change roles, deactivate; the list pages on the server. */
export function UsersPage() {
  const { page = 0 } = usersRoute.useSearch();
  const navigate = useNavigate({ from: usersRoute.fullPath });
  const [inviting, setInviting] = useState(false);
  const query = { limit: PAGE_SIZE, offset: page * PAGE_SIZE };
  const users = useQuery({
    queryKey: ['users', query],
    queryFn: () => unwrapPage(api.GET('/api/v1/users', { params: { query } })),
    placeholderData: keepPreviousData,
  });

  return (
    <>
      <PageHeader
        title="Users"
        description="Who can sign in to this organisation, and what their role lets them do."
        actions={
          inviting ? null : (
            <Can resource="users" verb="write">
              <button type="button" className="primary" onClick={() => setInviting(true)}>
                Invite user
              </button>
            </Can>
          )
        }
      />
      {inviting ? <InviteUserForm onClose={() => setInviting(false)} /> : null}
      {users.isPending ? (
        <Loading what="users" />
      ) : users.isError ? (
        <ErrorMessage error={users.error} title="Could not load users" />
      ) : (
        // An organisation always has its owner, so the list is never empty.
        <DataTable
          caption="Users"
          columns={columns}
          rows={users.data.items}
          total={users.data.total}
          page={page}
          onPageChange={(next) => void navigate({ search: { page: next || undefined } })}
          rowId={(user) => user.id}
        />
      )}
    </>
  );
}
