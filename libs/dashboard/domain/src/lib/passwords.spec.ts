import { hashPassword, verifyPassword } from './passwords';

describe('passwords', () => {
  it('verifies the right password only, with a fresh salt each time', async () => {
    const stored = await hashPassword('correct horse battery');
    expect(stored).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(stored).not.toContain('correct horse battery');
    expect(await verifyPassword('correct horse battery', stored)).toBe(true);
    expect(await verifyPassword('correct horse batterx', stored)).toBe(false);
    expect(await hashPassword('correct horse battery')).not.toBe(stored);
    expect(await verifyPassword('x', 'bcrypt$whatever')).toBe(false);
  });
});
