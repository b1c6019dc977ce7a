/** The dashboard's REST API as an org owner calls it. */
export class ControlPlaneClient {
  constructor(
    readonly url: string,
    private readonly token: string,
  ) {}

  async call<T = unknown>(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; body: T }> {
    const response = await fetch(`${this.url}/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${this.token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
  }

  /** Like `call`, failing with the answer unless it is 2xx. */
  async must<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
    const answer = await this.call<T>(method, path, body);
    if (answer.status >= 300)
      throw new Error(`${method} ${path} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
    return answer.body;
  }

  /** Creates an organisation and returns its owner's client. */
  static async createOrg(url: string, adminSecret: string, slug: string): Promise<ControlPlaneClient> {
    const response = await fetch(`${url}/api/v1/orgs`, {
      method: 'POST',
      headers: { 'x-gatehouse-admin-secret': adminSecret, 'content-type': 'application/json' },
      body: JSON.stringify({
        slug,
        name: slug,
        owner: { email: `owner@${slug}.example`, name: 'Owner', password: 'e2e password 123' },
      }),
    });
    const body = (await response.json()) as { token?: string };
    if (!body.token)
      throw new Error(`creating org ${slug} answered ${response.status}: ${JSON.stringify(body)}`);
    return new ControlPlaneClient(url, body.token);
  }
}

/** A keyed API (auth token in the Authorization header) at `/<id>/`, optionally tagged. */
export function keyedApi(id: string, upstreamUrl: string, tags: string[] = []): Record<string, unknown> {
  return {
    api_id: id,
    name: id,
    active: true,
    tags,
    use_keyless: false,
    auth: { auth_header_name: 'Authorization' },
    version_data: { not_versioned: true, versions: { Default: { name: 'Default' } } },
    proxy: { listen_path: `/${id}/`, target_url: upstreamUrl, strip_listen_path: true },
  };
}

/** A keyless API at `/<id>/`, optionally tagged. */
export function keylessApi(id: string, upstreamUrl: string, tags: string[] = []): Record<string, unknown> {
  return { ...keyedApi(id, upstreamUrl, tags), use_keyless: true };
}
