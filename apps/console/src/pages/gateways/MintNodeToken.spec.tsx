import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';

import { api } from '../../api/client';
import { nodeTokensQueryKey } from './gateway-api';
import { MintNodeToken } from './MintNodeToken';

const TOKEN = 'ghn_node-token-shown-once-0123456789';

/** Everything the query client holds, queries and mutations, as one text to search. */
function cachedText(client: QueryClient): string {
  const queries = client
    .getQueryCache()
    .getAll()
    .map((query) => query.state.data);
  const mutations = client
    .getMutationCache()
    .getAll()
    .map((mutation) => mutation.state);
  return JSON.stringify({ queries, mutations });
}

describe('minting a node token', () => {
  afterEach(() => jest.restoreAllMocks());

  it('shows the token once and never puts it in the query or mutation cache', async () => {
    // Our typed client stands in for the dashboard: the minted token is its answer.
    jest.spyOn(api, 'POST').mockResolvedValue({
      data: { groupId: 'eu', id: 'nt-1', token: TOKEN },
      response: { ok: true, status: 201 } as Response,
    } as never);
    const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    // The list the new token joins, as the group's page holds it (the mint refreshes it).
    client.setQueryData(nodeTokensQueryKey('eu'), []);
    render(
      <QueryClientProvider client={client}>
        <MintNodeToken groupId="eu" />
      </QueryClientProvider>,
    );

    await userEvent.click(screen.getByRole('button', { name: 'Mint node token' }));
    expect((await screen.findByTestId('secret-value')).textContent).toBe(TOKEN);
    expect(cachedText(client)).not.toContain(TOKEN);

    await userEvent.click(screen.getByRole('button', { name: 'I have stored it' }));
    expect(screen.queryByTestId('secret-value')).toBeNull();
  });
});
