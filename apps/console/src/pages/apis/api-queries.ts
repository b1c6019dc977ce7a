import { useQuery } from '@tanstack/react-query';

import { api, unwrap, unwrapPage } from '../../api/client';
import type { components } from '../../api/generated/dashboard-api';
import { usePageQuery } from '../../api/use-page-query';
import { PAGE_SIZE } from '../../ui/page-size';
import { documentQueryKey } from '../../ui/document-editor/document-kind';
import type { JsonObject } from '../../ui/json-editor/json-document';
import { apiListQuery, type ApiListSearch } from './api-list-search';

export type ApiListItem = components['schemas']['ApiListItem'];
export type ApiRecord = components['schemas']['ApiRecord'];
/** What create and replace take: the editors hold it as a plain object and the API checks the rest. */
export type ApiBody = components['schemas']['ApiscreateBody'];
export type ApiImportBody = components['schemas']['ApisimportBody'];

/** Every query about APIs starts with this, so a write can invalidate them all. */
export const APIS_KEY = ['apis'] as const;

export function useApiList(search: ApiListSearch) {
  const query = apiListQuery(search, PAGE_SIZE);
  return usePageQuery([...APIS_KEY, 'list', query], () =>
    unwrapPage(api.GET('/api/v1/apis', { params: { query } })),
  );
}

export function useApi(id: string) {
  return useQuery({
    queryKey: documentQueryKey({ queryKey: APIS_KEY }, id),
    queryFn: () => unwrap(api.GET('/api/v1/apis/{id}', { params: { path: { id } } })),
  });
}

/** An API's display name, classic or OAS. */
export function apiName(document: JsonObject): string {
  const tyk = document['x-tyk-api-gateway'];
  const oasInfo = typeof tyk === 'object' && tyk !== null ? (tyk as JsonObject)['info'] : undefined;
  const oasName =
    typeof oasInfo === 'object' && oasInfo !== null ? (oasInfo as JsonObject)['name'] : undefined;
  const name = document['name'] ?? oasName;
  return typeof name === 'string' && name !== '' ? name : '(unnamed)';
}

export function saveApi(id: string | undefined, document: JsonObject): Promise<ApiRecord> {
  const body = document as ApiBody;
  return id === undefined
    ? unwrap(api.POST('/api/v1/apis', { body }))
    : unwrap(api.PUT('/api/v1/apis/{id}', { params: { path: { id } }, body }));
}
