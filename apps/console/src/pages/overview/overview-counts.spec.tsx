import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';

import { api } from '../../api/client';
import { useApiCount, useKeyCount, usePolicyCount } from './overview-api';

/** Our typed client answering a page whose X-Total-Count is `total`. */
function answerTotal(total: () => number) {
  return jest.spyOn(api, 'GET').mockImplementation(
    async () =>
      ({
        data: [],
        response: { ok: true, status: 200, headers: { get: () => String(total()) } },
      }) as never,
  );
}

describe('the overview counts', () => {
  afterEach(() => jest.restoreAllMocks());

  it.each([
    ['apis', useApiCount],
    ['policies', usePolicyCount],
    ['keys', useKeyCount],
  ] as const)(
    'follow a write that invalidates %s, as every create, import and delete does',
    async (resource, useCount) => {
      let stored = 0;
      answerTotal(() => stored);
      const client = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: 60_000 } } });
      const wrapper = ({ children }: { children: ReactNode }) => (
        <QueryClientProvider client={client}>{children}</QueryClientProvider>
      );
      const { result } = renderHook(() => useCount(true), { wrapper });
      await waitFor(() => expect(result.current.data).toBe(0));

      stored = 1;
      await act(() => client.invalidateQueries({ queryKey: [resource] }));
      await waitFor(() => expect(result.current.data).toBe(1));
    },
  );
});
