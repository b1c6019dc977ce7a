import bcrypt from 'bcryptjs';

import { withHashedBasicAuthPassword } from './basic-auth-password';

describe(withHashedBasicAuthPassword.name, () => {
  it('hashes a clear-text basic-auth password with bcrypt (attack: password stored readable)', async () => {
    const sut = await withHashedBasicAuthPassword({
      org_id: 'o',
      basic_auth_data: { password: 'pa55word', hash_type: '' },
    });
    const data = sut.basic_auth_data as { password: string; hash_type: string };
    expect(data.hash_type).toBe('bcrypt');
    expect(data.password).not.toContain('pa55word');
    expect(await bcrypt.compare('pa55word', data.password)).toBe(true);
  });

  it('leaves hashed passwords and sessions without basic auth unchanged', async () => {
    const hashed = { basic_auth_data: { password: 'abc', hash_type: 'sha256' } };
    expect(await withHashedBasicAuthPassword(hashed)).toBe(hashed);
    const plain = { rate: 1 };
    expect(await withHashedBasicAuthPassword(plain)).toBe(plain);
  });
});
