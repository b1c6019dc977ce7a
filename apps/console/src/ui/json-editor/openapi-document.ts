import { useQuery } from '@tanstack/react-query';

import { ApiError } from '../../api/api-error';

/** The dashboard's own OpenAPI document, as it serves it; only `components` is read (for schemas). */
export interface OpenApiDocument {
  components?: { schemas?: Record<string, unknown> };
}

/**
 * The document is fetched at run time rather than bundled: the committed copy is ~430 KB, and the served one
 * is by definition the schema this dashboard validates with. It is not part of its own `paths`, so the typed
 * client has no route for it; a plain same-origin fetch it is.
 */
async function fetchOpenApiDocument(): Promise<OpenApiDocument> {
  let response: Response;
  try {
    response = await fetch('/api/v1/openapi.json', { headers: { accept: 'application/json' } });
  } catch (error) {
    throw new ApiError(0, error instanceof Error ? error.message : 'the dashboard could not be reached');
  }
  const body: unknown = await response.json().catch(() => undefined);
  if (!response.ok) throw ApiError.from(response.status, body);
  return (body ?? {}) as OpenApiDocument;
}

export function useOpenApiDocument(enabled: boolean) {
  return useQuery({
    queryKey: ['openapi-document'],
    queryFn: fetchOpenApiDocument,
    enabled,
    // It changes only when the dashboard is upgraded.
    staleTime: Infinity,
  });
}
