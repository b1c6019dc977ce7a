import { compileApiSpec, RequestContext } from '@gatehouse/gateway-core';
import { sessionStateSchema } from '@gatehouse/shared-tyk-compat';

import type { KeyResolver } from '../ports';
import { ClientRevisions } from './client-revisions';
import { OAuth2AuthStage } from './oauth2-auth.stage';

const spec = compileApiSpec({
  api_id: 'oauth',
  use_oauth2: true,
  proxy: { listen_path: '/oauth/', target_url: 'http://up' },
});
const session = (fields: Record<string, unknown>) =>
  sessionStateSchema.parse({ access_rights: { oauth: { api_id: 'oauth' } }, ...fields });
/** A fake of our KeyResolver: tokens by raw value. */
const keys = (sessions: Record<string, ReturnType<typeof session>>): KeyResolver => ({
  resolve: (raw) => (sessions[raw] ? { keyId: `id-${raw}`, ref: raw, session: sessions[raw] } : undefined),
});
const request = (authorization?: string) =>
  ({
    header: (name: string) => (name === 'authorization' ? authorization : undefined),
    query: '',
    removeUpstreamHeaders: [],
  }) as unknown as RequestContext;

describe(OAuth2AuthStage.name, () => {
  const registered = new ClientRevisions({
    clientRevision: async (_api, id) => (id === 'app' ? 'r2' : undefined),
  });
  const stage = new OAuth2AuthStage(
    spec,
    spec.auth.oauth!,
    keys({
      current: session({ oauth_client_id: 'app', oauth_client_rev: 'r2' }),
      older: session({ oauth_client_id: 'app', oauth_client_rev: 'r1' }),
      deleted: session({ oauth_client_id: 'gone' }),
      plain: session({}),
    }),
    registered,
  );
  const run = async (authorization?: string) => (await stage.run(request(authorization)))?.message;

  it("words a missing or non-bearer value as Tyk's Oauth2KeyExists does", async () => {
    expect(await run()).toBe('Authorization field missing');
    expect(await run('current')).toBe('Authorization field missing');
    expect(await run('Token current')).toBe('Bearer token malformed');
    expect(await run('Bearer unknown')).toBe('Key not authorised');
  });

  it('accepts a token of the registered client and takes its session', async () => {
    const ctx = request('bearer current');
    expect(await stage.run(ctx)).toBeUndefined();
    expect(ctx.session?.oauth_client_id).toBe('app');
  });

  it('refuses tokens of a deleted client, of an earlier registration of its id, and plain keys', async () => {
    const revoked = 'Key not authorised. OAuth client access was revoked';
    expect(await run('Bearer deleted')).toBe(revoked);
    expect(await run('Bearer older')).toBe(revoked);
    expect(await run('Bearer plain')).toBe(revoked);
  });
});
