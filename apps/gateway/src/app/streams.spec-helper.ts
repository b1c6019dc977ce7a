/** A Tyk OAS stream API with these `x-tyk-streaming` streams; keyless unless `auth`. */
export function streamApi(apiId: string, streams: Record<string, unknown>, options: { auth?: boolean } = {}) {
  const security = options.auth
    ? {
        components: { securitySchemes: { token: { type: 'apiKey', in: 'header', name: 'Authorization' } } },
        security: [{ token: [] }],
      }
    : {};
  const authentication = options.auth
    ? { authentication: { enabled: true, securitySchemes: { token: { enabled: true } } } }
    : {};
  return (upstreamUrl: string) => [
    {
      openapi: '3.0.3',
      info: { title: apiId, version: '1.0.0' },
      paths: {},
      ...security,
      'x-tyk-api-gateway': {
        info: { id: apiId, name: apiId, orgId: 'acme', state: { active: true } },
        upstream: { url: upstreamUrl },
        server: { listenPath: { value: `/${apiId}/`, strip: true }, ...authentication },
      },
      'x-tyk-streaming': { streams },
    },
  ];
}
