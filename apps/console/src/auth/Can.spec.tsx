import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen } from '@testing-library/react';

import { Can } from './Can';
import type { Me } from './permissions';
import { ME_QUERY } from './use-me';

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
    renderAs({ orgId: 'o', role: 'key-manager', permissions: ['keys:read', 'keys:write'] });
    expect(screen.getByRole('button', { name: 'Create key' })).toBeTruthy();
    expect(screen.getByText('key list')).toBeTruthy();
  });

  it('hides it from a viewer, who may still read', () => {
    renderAs({ orgId: 'o', role: 'viewer', permissions: ['keys:read'] });
    expect(screen.queryByRole('button', { name: 'Create key' })).toBeNull();
    expect(screen.getByText('key list')).toBeTruthy();
  });
});
