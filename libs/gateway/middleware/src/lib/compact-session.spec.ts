import { sessionStateSchema } from '@gatehouse/shared-tyk-compat';

import { compactSession } from './compact-session';

const session = (fields: Record<string, unknown>) => sessionStateSchema.parse(fields);

describe(compactSession.name, () => {
  it('makes two blank sessions share their empty lists, maps and blank auth data, read-only', () => {
    const access = { a: { api_id: 'a', api_name: 'A' } };
    const [one, two] = [session({ access_rights: access }), session({ access_rights: access })].map(
      compactSession,
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
    const compacted = compactSession(session(full));
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
    const extra = compactSession(session({ basic_auth_data: { password: '', hash_type: '', note: 'n' } }));
    expect(extra.basic_auth_data).toEqual({ password: '', hash_type: '', note: 'n' });
  });
});
