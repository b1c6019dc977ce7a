import { MASK, maskSecrets } from './mask-session';

describe('masking a key session for the screen', () => {
  const session = {
    alias: 'billing',
    rate: 100,
    hmac_enabled: true,
    hmac_string: 'shared-hmac-secret',
    basic_auth_data: { password: 'p4ss', hash_type: 'bcrypt' },
    jwt_data: { secret: 'jwt-secret' },
    meta_data: { oauth_token: 'tok', nested: [{ client_secret: 'cs', plain: 'ok' }] },
    access_rights: { a1: { api_id: 'a1', versions: [] } },
  };

  it('masks every secret-looking field at any depth', () => {
    const masked = maskSecrets(session) as typeof session;
    expect(masked.hmac_string).toBe(MASK);
    expect(masked.basic_auth_data).toEqual({ password: MASK, hash_type: 'bcrypt' });
    expect(masked.jwt_data).toEqual({ secret: MASK });
    expect(masked.meta_data).toEqual({ oauth_token: MASK, nested: [{ client_secret: MASK, plain: 'ok' }] });
    expect(JSON.stringify(masked)).not.toMatch(/shared-hmac-secret|p4ss|jwt-secret|"tok"|"cs"/);
  });

  it('keeps everything else as the API returned it', () => {
    const masked = maskSecrets(session) as typeof session;
    expect(masked.alias).toBe('billing');
    expect(masked.rate).toBe(100);
    expect(masked.hmac_enabled).toBe(true);
    expect(masked.access_rights).toEqual(session.access_rights);
    expect(session.hmac_string).toBe('shared-hmac-secret');
  });
});
