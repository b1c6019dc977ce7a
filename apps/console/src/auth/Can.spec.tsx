import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen } from '@testing-library/react';

import { Can } from './Can';
import type { Me } from './permissions';
import { ME_QUERY } from './use-me';

function user(role: Me['role'], permissions: string[]): Me {
  return { orgId: 'o', userId: 'u', email: `${role}@example.com`, role, permissions, tokenKind: 'session' };
}

function renderAs(me: Me) {
  const client = new QueryClient();
  client.setQueryData(ME_QUERY, me);
  return render(
    <QueryClientProvider client={client}>
      <Can resource="keys" verb="write">
        <button type="button">Create key</button>
      </Can>
      <Can resource="keys" verb="read">
        <p>key list</p>
      </Can>
    </QueryClientProvider>,
  );
}

describe('permission gating', () => {
  it('shows a key manager the create button', () => {
    renderAs(user('key-manager', ['keys:read', 'keys:write']));
    expect(screen.getByRole('button', { name: 'Create key' })).toBeTruthy();
    expect(screen.getByText('key list')).toBeTruthy();
  });

  it('hides it from a viewer, who may still read', () => {
    renderAs(user('viewer', ['keys:read']));
    expect(screen.queryByRole('button', { name: 'Create key' })).toBeNull();
    expect(screen.getByText('key list')).toBeTruthy();
  });
});
