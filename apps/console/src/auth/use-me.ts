import { useQuery } from '@tanstack/react-query';

import { api, unwrap } from '../api/client';
import type { Me } from './permissions';

export const ME_QUERY = ['me'] as const;

/** The signed-in user; the console's permission gates read it. */
export function useMe() {
  return useQuery({
    queryKey: ME_QUERY,
    queryFn: (): Promise<Me> => unwrap(api.GET('/api/v1/me')),
    staleTime: 60_000,
  });
}
