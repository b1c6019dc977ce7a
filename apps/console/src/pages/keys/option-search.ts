import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';

import { api, unwrap } from '../../api/client';

/** Something a key can name: a policy or an API, by id, with the name people know it by. */
export interface Option {
  id: string;
  name: string;
}

export type OptionKind = 'policies' | 'apis';

/** How many matches a picker offers: enough to choose from, never the whole catalogue. */
const MATCHES = 20;

async function searchOptions(kind: OptionKind, q: string): Promise<Option[]> {
  const query = { limit: MATCHES, ...(q ? { q } : {}) };
  if (kind === 'policies') {
    const policies = await unwrap(api.GET('/api/v1/policies', { params: { query } }));
    return policies.map((policy) => ({ id: policy.id, name: policy.fields.name || policy.id }));
  }
  const apis = await unwrap(api.GET('/api/v1/apis', { params: { query } }));
  return apis.map((item) => ({ id: item.id, name: item.document.name || item.id }));
}

/** Waits until typing pauses, so each keystroke does not become a request. */
export function useDebounced<T>(value: T, delayMs = 250): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), delayMs);
    return () => clearTimeout(timer);
  }, [value, delayMs]);
  return settled;
}

/** Policies or APIs whose name or id contains `text`, asked of the server (never loaded in full). */
export function useOptionSearch(kind: OptionKind, text: string) {
  const q = useDebounced(text.trim().slice(0, 100));
  return useQuery({
    queryKey: ['key-options', kind, q],
    queryFn: () => searchOptions(kind, q),
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
}
