import { SessionState, sessionStateSchema } from '@gatehouse/shared-tyk-compat';

import { compactSession } from './compact-session';
import { StringInterner } from './string-interner';

const session = (fields: Record<string, unknown>) => sessionStateSchema.parse(fields);
const compact = (value: SessionState, strings = new StringInterner(100)) => compactSession(value, strings);

describe(compactSession.name, () => {
  it('makes two blank sessions share their empty lists, maps and blank auth data, read-only', () => {
    const access = { a: { api_id: 'a', api_name: 'A' } };
    const [one, two] = [session({ access_rights: access }), session({ access_rights: access })].map((one) =>
      compact(one),
    );
    for (const field of ['tags', 'apply_policies', 'meta_data', 'basic_auth_data', 'jwt_data'] as const) {
      expect(one[field]).toBe(two[field]);
      expect(Object.isFrozen(one[field])).toBe(true);
    }
    expect(one.access_rights['a'].versions).toBe(two.access_rights['a'].allowed_urls);
    expect(() => one.tags.push('x')).toThrow(TypeError);
    expect(JSON.parse(JSON.stringify(one))).toEqual(
      JSON.parse(JSON.stringify(session({ access_rights: access }))),
    );
  });

  it('keeps what holds data: tags, metadata, policies, a password, a secret, URL lists', () => {
    const full = {
      tags: ['t'],
      apply_policies: ['p'],
      meta_data: { team: 'x' },
      basic_auth_data: { password: 'hash', hash_type: 'bcrypt' },
      jwt_data: { secret: 's' },
      access_rights: {
        a: { api_id: 'a', versions: ['v1'], allowed_urls: [{ url: '/x', methods: ['GET'] }] },
      },
    };
    const compacted = compact(session(full));
    expect(compacted).toMatchObject(full);
    for (const value of [
      compacted.tags,
      compacted.meta_data,
      compacted.basic_auth_data,
      compacted.jwt_data,
    ]) {
      expect(Object.isFrozen(value)).toBe(false);
    }
    // Extra fields kept with a blank password are not the shared blank value.
    const extra = compact(session({ basic_auth_data: { password: '', hash_type: '', note: 'n' } }));
    expect(extra.basic_auth_data).toEqual({ password: '', hash_type: '', note: 'n' });
  });

  it("shares one ['Default'] version list, and passes org and API ids and names through the interner", () => {
    const strings = new StringInterner(100);
    const rights = (id: string) => ({ [id]: { api_id: id, api_name: `${id} name`, versions: ['Default'] } });
    const org = '5f8e0c3b2a1d4e6f7a8b9c0d';
    const [one, two] = [rights('orders'), rights('billing')].map((access_rights) =>
      compact(session({ org_id: org, access_rights }), strings),
    );
    expect(one.access_rights['orders'].versions).toBe(two.access_rights['billing'].versions);
    expect(() => (one.access_rights['orders'].versions as string[]).push('v2')).toThrow(TypeError);
    // The org once, each API's id and name once.
    expect(strings.size).toBe(5);
    expect(two).toMatchObject({ org_id: org, access_rights: rights('billing') });
  });
});
