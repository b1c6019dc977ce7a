import { safeRedirect, signInSchema } from './sign-in-form';

describe('sign-in form', () => {
  it('returns to pages of the console after sign-in', () => {
    expect(safeRedirect('/keys?policy=gold')).toBe('/keys?policy=gold');
    expect(safeRedirect(undefined)).toBe('/');
    expect(safeRedirect('/login?redirect=/keys')).toBe('/');
  });

  it('never sends the browser to another site (an attacker-crafted ?redirect=)', () => {
    for (const target of [
      'https://evil.example/',
      '//evil.example/x',
      '/\\evil.example',
      'javascript:alert(1)',
      42,
    ]) {
      expect(safeRedirect(target)).toBe('/');
    }
  });

  it('names each missing or malformed field before anything is sent', () => {
    const result = signInSchema.safeParse({ org: 'Acme Corp', email: 'not-an-email', password: '' });
    expect(result.success).toBe(false);
    const fields = Object.fromEntries(
      result.error?.issues.map((issue) => [issue.path.join('.'), issue.message]) ?? [],
    );
    expect(fields).toEqual({
      org: 'Lower-case letters, digits and dashes',
      email: 'Enter a valid email address',
      password: 'Enter your password',
    });
  });
});
