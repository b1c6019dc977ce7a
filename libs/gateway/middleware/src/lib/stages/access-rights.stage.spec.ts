import { compileApiSpec, RequestContext } from '@gatehouse/gateway-core';
import { sessionStateSchema } from '@gatehouse/shared-tyk-compat';

import { AccessRightsStage } from './access-rights.stage';

/** One instance serves every API: each request names its own. */
const stage = new AccessRightsStage();
const specOf = (apiId: string) =>
  compileApiSpec({ api_id: apiId, proxy: { listen_path: `/${apiId}/`, target_url: 'http://up' } });
/** What the stage reads of a request: its API, the key's session and the path. */
const requestWith = (apiId: string, rights: Record<string, unknown>) =>
  ({
    spec: specOf(apiId),
    session: sessionStateSchema.parse({ access_rights: rights }),
    path: '/x',
    method: 'GET',
  }) as unknown as RequestContext;
const ordersOnly = { orders: { api_id: 'orders', api_name: 'orders', versions: ['Default'] } };

describe(AccessRightsStage.name, () => {
  it('lets a key reach the APIs it lists and refuses others with 403', () => {
    expect(stage.run(requestWith('orders', ordersOnly))).toBeUndefined();
    expect(stage.run(requestWith('billing', ordersOnly))).toMatchObject({ status: 403 });
  });

  it('refuses an API whose id names a member of Object.prototype, instead of throwing', () => {
    // An attacker holding a key for `orders` calls an API named `constructor` or `__proto__`: read as
    // `rights[apiId]`, the inherited member passed for a right and the stage threw (a 500).
    for (const apiId of ['constructor', '__proto__', 'toString', 'hasOwnProperty'])
      expect(stage.run(requestWith(apiId, ordersOnly))).toMatchObject({ status: 403 });
  });

  it('passes a key that lists no API (a master key), as Tyk does', () => {
    expect(stage.run(requestWith('orders', {}))).toBeUndefined();
  });
});
