import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, within } from '@testing-library/react';

import type { Me } from '../../auth/permissions';
import { ME_QUERY } from '../../auth/use-me';
import { RoleCell } from './RoleCell';
import { roleChoices, type User } from './roles';
import { UserStateCell } from './UserStateCell';

const signedIn = (userId: string, role: Me['role'], permissions: string[]): Me => ({
  orgId: 'o',
  userId,
  email: `${userId}@example.test`,
  role,
  permissions,
  tokenKind: 'session',
});
const owner = signedIn('u-owner', 'owner', ['users:read', 'users:write']);
const admin = signedIn('u-admin', 'admin', ['users:read', 'users:write']);
const editor = signedIn('u-editor', 'api-editor', ['users:read']);

const user = (id: string, role: User['role']): User => ({
  id,
  orgId: 'o',
  email: `${id}@example.test`,
  name: id,
  role,
  active: true,
  activated: true,
  createdAt: '2026-01-01T00:00:00.000Z',
});

function renderCells(me: Me, target: User) {
  const client = new QueryClient();
  client.setQueryData(ME_QUERY, me);
  return render(
    <QueryClientProvider client={client}>
      <RoleCell user={target} />
      <UserStateCell user={target} />
    </QueryClientProvider>,
  );
}

describe('who may change a role', () => {
  it('lets an owner give any role, the owner role included', () => {
    expect(roleChoices(owner, user('u1', 'viewer'))).toContain('owner');
    renderCells(owner, user('u1', 'viewer'));
    const select = screen.getByRole('combobox', { name: 'Role of u1' });
    expect(
      within(select)
        .getAllByRole('option')
        .map((option) => option.textContent),
    ).toEqual(['Owner', 'Admin', 'API editor', 'Key manager', 'Analyst', 'Viewer']);
    expect(screen.getByRole('button', { name: 'Deactivate' })).toBeTruthy();
  });

  it('lets an admin change non-owners, without offering the owner role', () => {
    renderCells(admin, user('u1', 'analyst'));
    const select = screen.getByRole('combobox', { name: 'Role of u1' });
    expect(within(select).queryByRole('option', { name: 'Owner' })).toBeNull();
    expect((select as HTMLSelectElement).value).toBe('analyst');
  });

  it('shows an owner to an admin as read-only', () => {
    renderCells(admin, user('u-owner', 'owner'));
    expect(screen.queryByRole('combobox')).toBeNull();
    expect(screen.getByText('Owner')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Deactivate' })).toBeNull();
  });

  it('never lets anyone change their own role or deactivate themselves', () => {
    renderCells(owner, user('u-owner', 'owner'));
    expect(screen.queryByRole('combobox')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Deactivate' })).toBeNull();
  });

  it('shows roles as text to a role that may only read users', () => {
    renderCells(editor, user('u1', 'viewer'));
    expect(screen.queryByRole('combobox')).toBeNull();
    expect(screen.getByText('Viewer')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Deactivate' })).toBeNull();
  });
});
