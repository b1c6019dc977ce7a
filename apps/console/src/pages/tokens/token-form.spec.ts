import { tokenFormSchema, toTokenBody } from './token-form';

describe('the create-token form', () => {
  it('sends the name and the expiry in days, or no expiry', () => {
    expect(toTokenBody({ name: ' ci ', expiresInDays: '30' })).toEqual({ name: 'ci', expiresInDays: 30 });
    expect(toTokenBody({ name: 'ci', expiresInDays: '' })).toEqual({ name: 'ci' });
  });

  it('refuses what the API would refuse', () => {
    expect(tokenFormSchema.safeParse({ name: ' ', expiresInDays: '' }).success).toBe(false);
    expect(tokenFormSchema.safeParse({ name: 'ci', expiresInDays: '0' }).success).toBe(false);
    expect(tokenFormSchema.safeParse({ name: 'ci', expiresInDays: '3651' }).success).toBe(false);
    expect(tokenFormSchema.safeParse({ name: 'ci', expiresInDays: '1.5' }).success).toBe(false);
    expect(tokenFormSchema.safeParse({ name: 'ci', expiresInDays: '3650' }).success).toBe(true);
  });
});
