import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';

import { api, unwrapPage } from '../../api/client';
import { usePageQuery } from '../../api/use-page-query';
import { Can } from '../../auth/Can';
import { listColumns, PAGE_SIZE } from '../../ui/DataTable';
import { ListView } from '../../ui/ListView';
import { PageHeader } from '../../ui/PageHeader';
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
  const users = usePageQuery(['users', query], () =>
    unwrapPage(api.GET('/api/v1/users', { params: { query } })),
  );

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
      {/* An organisation always has its owner, so the list is never empty. */}
      <ListView
        list={users}
        what="users"
        errorTitle="Could not load users"
        caption="Users"
        columns={columns}
        rowId={(user) => user.id}
        page={page}
        onPageChange={(next) => void navigate({ search: { page: next } })}
      />
    </>
  );
}
