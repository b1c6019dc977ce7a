import type { IncomingMessage } from 'node:http';

import { compileApiSpec, RequestContext } from '@gatehouse/gateway-core';
import { generateKey, sessionStateSchema } from '@gatehouse/shared-tyk-compat';

import type { KeyResolver, ResolvedKey } from '../ports';
import { TokenAuthStage } from './token-auth.stage';

const KEY_FORMAT = 'murmur64';
const aliceOfOrg1 = generateKey('org-1', 'alice', KEY_FORMAT);

/** A key store holding one key: alice, of org-1. */
const keys: KeyResolver = {
  resolve: (rawKey: string): ResolvedKey | undefined =>
    rawKey === aliceOfOrg1
      ? { keyId: rawKey, ref: 'ref', session: sessionStateSchema.parse({ org_id: 'org-1' }) }
      : undefined,
};

const api = (id: string, orgId: string, extra: Record<string, unknown> = {}) =>
  compileApiSpec({
    api_id: id,
    org_id: orgId,
    proxy: { listen_path: `/${id}/`, target_url: 'http://up' },
    ...extra,
  });

const request = (spec: ReturnType<typeof api>, headers: Record<string, string>) =>
  new RequestContext(
    { headers, method: 'GET' } as unknown as IncomingMessage,
    spec,
    '/',
    '',
    '127.0.0.1',
    'r',
    0,
  );

/** One instance serves every API of the gateway, as the chain builder shares it. */
const stage = new TokenAuthStage(keys, KEY_FORMAT);

describe(TokenAuthStage.name, () => {
  it("finds a key by its bare name in the request's own organisation only", async () => {
    // Attack: the stage is shared by every tenant's APIs; a name known in one organisation must not
    // open another organisation's API.
    const own = request(api('orders', 'org-1'), { authorization: 'alice' });
    expect(await stage.run(own)).toBeUndefined();
    expect(own.keyId).toBe(aliceOfOrg1);
    const other = request(api('billing', 'org-2'), { authorization: 'alice' });
    expect(await stage.run(other)).toMatchObject({ status: 403 });
    expect(other.keyId).toBeUndefined();
  });

  it("reads the key from, and strips, the header the request's API names", async () => {
    const custom = api('custom', 'org-1', { auth: { auth_header_name: 'x-api-key' }, strip_auth_data: true });
    expect(await stage.run(request(custom, { authorization: aliceOfOrg1 }))).toMatchObject({ status: 401 });
    const ctx = request(custom, { 'x-api-key': aliceOfOrg1 });
    expect(await stage.run(ctx)).toBeUndefined();
    expect(ctx.removeUpstreamHeaders).toEqual(['x-api-key']);
  });

  it('refuses a request whose API has no token settings instead of letting it through', async () => {
    const keyless = api('open', 'org-1', { use_keyless: true });
    expect(await stage.run(request(keyless, { authorization: aliceOfOrg1 }))).toMatchObject({ status: 401 });
  });
});
