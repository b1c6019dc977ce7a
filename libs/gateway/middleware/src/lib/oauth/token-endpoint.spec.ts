import { compileApiSpec, FailureCounter } from '@gatehouse/gateway-core';
import type { StoredOAuthClient, TokenIssue } from '@gatehouse/gateway-storage';
import { policySchema } from '@gatehouse/shared-tyk-compat';

import type { OAuthServerDependencies, OAuthTokenStore } from './oauth-ports';
import type { FormValues } from './oauth-request';
import { TokenEndpoint } from './token-endpoint';

const spec = compileApiSpec({
  api_id: 'oauth',
  org_id: 'acme',
  use_oauth2: true,
  oauth_meta: { allowed_access_types: ['client_credentials', 'refresh_token', 'authorization_code'] },
  proxy: { listen_path: '/oauth/', target_url: 'http://up' },
});
const client: StoredOAuthClient = {
  id: 'app',
  secret_hash: 'hash:app:s3cret',
  redirecturi: 'https://app/cb',
  policyid: 'gold',
  meta_data: { tier: 'gold' },
  description: '',
  rev: 'r1',
};
const gold = policySchema.parse({
  id: 'gold',
  org_id: 'acme',
  rate: 5,
  per: 1,
  access_rights: { oauth: {} },
});

/** An in-memory store: a fake of our own port, recording what was issued. */
function fakeStore(clients: StoredOAuthClient[]) {
  const issued: TokenIssue[] = [];
  const store: OAuthTokenStore = {
    findClient: async (_apiId, id) => clients.find((candidate) => candidate.id === id),
    secretMatches: (id, secret, hash) => hash === `hash:${id}:${secret}`,
    issue: async (issue) => void issued.push(issue),
    takeRefresh: async () => 'unknown',
    revokeAccess: async () => undefined,
    revokeAccessIds: async () => undefined,
    revokeRefresh: async () => undefined,
    revokeAll: async () => undefined,
  };
  return { store, issued };
}

function endpoint(clients: StoredOAuthClient[] = [client]) {
  const { store, issued } = fakeStore(clients);
  const deps: OAuthServerDependencies = {
    store,
    policies: () => (id) => (id === 'gold' ? gold : undefined),
    keys: { resolve: () => undefined },
    settings: {
      tokenExpireSeconds: 60,
      refreshExpireSeconds: 600,
      errorStatus: 403,
      expiredGraceSeconds: 10,
      maxTokensPerClient: 5,
      keyFormat: 'murmur64',
    },
  };
  const failures = new FailureCounter({ limit: 3, windowMs: 60_000, maxSources: 100 });
  return { sut: new TokenEndpoint(deps, failures), issued };
}

const form = (fields: Record<string, string>): FormValues =>
  new Map(Object.entries(fields).map(([name, value]) => [name, [value]]));
const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;
const ask = (sut: TokenEndpoint, fields: Record<string, string>, authorization?: string, method = 'POST') =>
  sut
    .handle(spec, { method, form: form(fields), authorization, clientIp: '10.0.0.1' })
    .then((answer) => ({ status: answer.status, ...JSON.parse(answer.body) }));

describe(TokenEndpoint.name, () => {
  const cc = { grant_type: 'client_credentials' };

  it("checks in osin's order: method, grant type, client authentication, then the client", async () => {
    const { sut } = endpoint();
    expect((await ask(sut, cc, basic('app', 's3cret'), 'GET')).error).toBe('invalid_request');
    expect((await ask(sut, { grant_type: 'password' }, 'nonsense')).error).toBe('unsupported_grant_type');
    expect((await ask(sut, { grant_type: 'authorization_code' }, basic('app', 's3cret'))).error).toBe(
      'unsupported_grant_type',
    );
    expect((await ask(sut, cc)).error).toBe('invalid_request');
    expect((await ask(sut, { grant_type: 'refresh_token' }, basic('app', 'wrong'))).error).toBe(
      'invalid_grant',
    );
    expect(await ask(sut, cc, basic('app', 'wrong'))).toMatchObject({
      status: 403,
      error: 'unauthorized_client',
    });
  });

  it('refuses a client without a redirect URI, as osin does for every grant', async () => {
    const { sut } = endpoint([{ ...client, redirecturi: '' }]);
    expect((await ask(sut, cc, basic('app', 's3cret'))).error).toBe('unauthorized_client');
  });

  it("issues a key-format token whose session is the client's policy applied, without refresh token", async () => {
    const { sut, issued } = endpoint();
    const answer = await ask(sut, { ...cc, scope: 'read' }, basic('app', 's3cret'));
    expect(answer).toEqual({
      status: 200,
      access_token: expect.any(String),
      expires_in: 60,
      scope: 'read',
      token_type: 'bearer',
    });
    expect(JSON.parse(Buffer.from(answer.access_token, 'base64').toString())).toMatchObject({
      org: 'acme',
      h: 'murmur64',
    });
    const [issue] = issued;
    expect(issue).toMatchObject({ clientId: 'app', sessionTtl: 70, maxTokens: 5, refresh: undefined });
    expect(issue.session).toMatchObject({
      org_id: 'acme',
      apply_policies: ['gold'],
      rate: 5,
      oauth_client_id: 'app',
      oauth_client_rev: 'r1',
      meta_data: { tier: 'gold' },
    });
  });

  it("answers server_error when the client's policy is gone (Tyk: no session can be built)", async () => {
    const { sut, issued } = endpoint([{ ...client, policyid: 'missing' }]);
    expect((await ask(sut, cc, basic('app', 's3cret'))).error).toBe('server_error');
    expect(issued).toEqual([]);
  });

  it('stops checking secrets for a client and address after repeated failures', async () => {
    const { sut } = endpoint();
    for (let i = 0; i < 3; i++) await ask(sut, cc, basic('app', `guess-${i}`));
    expect(await ask(sut, cc, basic('app', 's3cret'))).toMatchObject({
      status: 429,
      error: 'temporarily_unavailable',
    });
  });
});
