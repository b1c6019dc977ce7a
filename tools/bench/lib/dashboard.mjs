// The dashboard's REST API, as the propagation benchmark uses it: the org, gateway groups, APIs, keys.

/**
 * One call to /api/v1; fails unless the answer is 2xx. The error carries the answer's `status` and, when
 * the dashboard sent one, `retryAfterMs` (429 over the write rate, 503 no write slot).
 */
export async function api(base, method, path, body, headers) {
  const response = await fetch(`${base}/api/v1${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (response.status >= 300) {
    const error = new Error(`${method} ${path} answered ${response.status}: ${text.slice(0, 500)}`);
    error.status = response.status;
    const retryAfter = Number(response.headers.get('retry-after'));
    if (Number.isFinite(retryAfter) && retryAfter > 0) error.retryAfterMs = retryAfter * 1000;
    throw error;
  }
  return text ? JSON.parse(text) : undefined;
}

export function apiDefinition(id, upstreamUrl, keyless) {
  return {
    api_id: id,
    name: id,
    active: true,
    use_keyless: keyless,
    ...(keyless ? {} : { auth: { auth_header_name: 'Authorization' } }),
    version_data: { not_versioned: true, versions: { Default: { name: 'Default' } } },
    proxy: { listen_path: `/${id}/`, target_url: upstreamUrl, strip_listen_path: true },
  };
}

/**
 * Stores `definitions` with one `POST /apis/import` (Tyk definitions, each created or replaced under
 * its own revision, audited and announced on the change log like a single POST); resolves with the
 * number of records the dashboard answered.
 */
export async function importApis(base, auth, definitions) {
  const stored = await api(base, 'POST', '/apis/import', definitions, auth);
  return Array.isArray(stored) ? stored.length : 1;
}

/**
 * Creates the org and one gateway group per region, each with a node token for its gateway; returns the
 * owner's auth header, the org id and the tokens by region.
 */
export async function createOrg(base, adminSecret, regions) {
  const { token } = await api(
    base,
    'POST',
    '/orgs',
    {
      slug: 'bench',
      name: 'Bench',
      owner: { email: 'owner@bench.example', name: 'Owner', password: 'bench password 123' },
    },
    { 'x-gatehouse-admin-secret': adminSecret },
  );
  if (!token) throw new Error('POST /orgs answered no token');
  const auth = { authorization: `Bearer ${token}` };
  let orgId = '';
  const nodeTokens = {};
  for (const region of regions) {
    const group = await api(
      base,
      'POST',
      '/gateway-groups',
      { groupId: region, name: region.toUpperCase(), region, tags: [region] },
      auth,
    );
    orgId = group.orgId;
    nodeTokens[region] = (await api(base, 'POST', `/gateway-groups/${region}/tokens`, undefined, auth)).token;
  }
  return { auth, orgId, nodeTokens };
}

/** A key for the API `apiId` alone; resolves with the dashboard's answer ({ key, key_hash, ... }). */
export function createKey(base, auth, apiId) {
  const rights = { [apiId]: { api_id: apiId, api_name: apiId, versions: ['Default'] } };
  return api(base, 'POST', '/keys', { access_rights: rights }, auth);
}
