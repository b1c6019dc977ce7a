import { useQuery } from '@tanstack/react-query';

import { api, unwrap, unwrapPage } from '../../api/client';
import type { components } from '../../api/generated/dashboard-api';
import { usePageQuery } from '../../api/use-page-query';
import { PAGE_SIZE } from '../../ui/DataTable';
import { documentQueryKey } from '../../ui/document-editor/document-kind';
import type { JsonObject } from '../../ui/json-editor/json-document';
import { policyListQuery, type PolicyListSearch } from './policy-list-search';

export type PolicyRecord = components['schemas']['PolicyRecord'];
type PolicyBody = components['schemas']['PoliciescreateBody'];

export const POLICIES_KEY = ['policies'] as const;

export function usePolicyList(search: PolicyListSearch) {
  const query = policyListQuery(search, PAGE_SIZE);
  return usePageQuery([...POLICIES_KEY, 'list', query], () =>
    unwrapPage(api.GET('/api/v1/policies', { params: { query } })),
  );
}

export function usePolicy(id: string) {
  return useQuery({
    queryKey: documentQueryKey({ queryKey: POLICIES_KEY }, id),
    queryFn: () => unwrap(api.GET('/api/v1/policies/{id}', { params: { path: { id } } })),
  });
}

export function savePolicy(id: string | undefined, document: JsonObject): Promise<PolicyRecord> {
  const body = document as PolicyBody;
  return id === undefined
    ? unwrap(api.POST('/api/v1/policies', { body }))
    : unwrap(api.PUT('/api/v1/policies/{id}', { params: { path: { id } }, body }));
}
