import type { SessionState } from '@gatehouse/shared-tyk-compat';

import { accessFor, listsAnyApi } from './access-lookup';

const access = (apiId: string) => ({ api_id: apiId, api_name: apiId, versions: [], allowed_urls: [] });
const sessionWith = (...ids: string[]) =>
  ({ access_rights: Object.fromEntries(ids.map((id) => [id, access(id)])) }) as unknown as SessionState;

describe(accessFor.name, () => {
  it("finds a key's entry for an API among its rights, and nothing for other APIs", () => {
    const session = sessionWith('orders', 'billing');
    expect(accessFor(session, 'billing')).toBe(session.access_rights['billing']);
    expect(accessFor(session, 'inventory')).toBeUndefined();
  });

  it('never answers what a plain object inherits', () => {
    const session = sessionWith('orders');
    for (const inherited of ['__proto__', 'constructor', 'toString', 'hasOwnProperty'])
      expect(accessFor(session, inherited)).toBeUndefined();
  });

  it('finds entries among many rights', () => {
    const session = sessionWith(...Array.from({ length: 500 }, (_, index) => `api-${index}`));
    expect(accessFor(session, 'api-499')).toBe(session.access_rights['api-499']);
    expect(accessFor(session, 'api-500')).toBeUndefined();
    expect(accessFor(session, 'constructor')).toBeUndefined();
  });
});

describe(listsAnyApi.name, () => {
  it('tells a master key (no rights) from a key with some', () => {
    expect(listsAnyApi(sessionWith())).toBe(false);
    expect(listsAnyApi(sessionWith('orders'))).toBe(true);
  });
});
