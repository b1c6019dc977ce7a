import type { SessionState } from '@gatehouse/shared-tyk-compat';

import { accessRightsOf } from './access-lookup';

type Rights = SessionState['access_rights'];
const access = (apiId: string) => ({ api_id: apiId, api_name: apiId, versions: [], allowed_urls: [] });

describe(accessRightsOf.name, () => {
  it("answers a session's rights by API id, building the Map once per rights object", () => {
    const rights = { orders: access('orders'), billing: access('billing') } as unknown as Rights;
    const map = accessRightsOf(rights);
    expect([...map.keys()]).toEqual(['orders', 'billing']);
    expect(map.get('orders')).toBe(rights['orders']);
    expect(map.get('__proto__')).toBeUndefined();
    expect(accessRightsOf(rights)).toBe(map);
  });

  it('reads a new rights object afresh, as a changed session brings one', () => {
    const before = { orders: access('orders') } as unknown as Rights;
    const after = { billing: access('billing') } as unknown as Rights;
    expect(accessRightsOf(before).has('billing')).toBe(false);
    expect(accessRightsOf(after).has('billing')).toBe(true);
    expect(accessRightsOf({} as Rights).size).toBe(0);
  });
});
