import { emptyKeyForm, keyFormSchema, toKeyBody, type KeyForm } from './key-form';

const form = (change: Partial<KeyForm>): KeyForm => ({ ...emptyKeyForm, ...change });

function issuesOf(values: KeyForm): Record<string, string> {
  const result = keyFormSchema.safeParse(values);
  if (result.success) return {};
  return Object.fromEntries(result.error.issues.map((issue) => [issue.path.join('.'), issue.message]));
}

describe('the create-key form', () => {
  it('sends only the chosen policies for a key that takes its limits from policies', () => {
    const values = form({
      alias: ' billing ',
      policies: [
        { id: 'gold', name: 'Gold' },
        { id: 'audit', name: 'Audit' },
      ],
      apis: [{ id: 'ignored', name: 'Ignored' }],
    });
    expect(issuesOf(values)).toEqual({});
    expect(toKeyBody(values)).toEqual({ alias: 'billing', expires: 0, apply_policies: ['gold', 'audit'] });
  });

  it('sends explicit limits and access rights, and no policies, for a key with its own limits', () => {
    const values = form({
      mode: 'limits',
      policies: [{ id: 'not-sent', name: 'Not sent' }],
      apis: [{ id: 'a1', name: 'Orders' }],
      rate: '10',
      per: '1',
      quotaMax: '1000',
      quotaRenewalRate: '86400',
      expires: '2099-01-02T03:04',
    });
    expect(issuesOf(values)).toEqual({});
    expect(toKeyBody(values)).toEqual({
      alias: '',
      expires: Date.UTC(2099, 0, 2, 3, 4) / 1000,
      rate: 10,
      per: 1,
      quota_max: 1000,
      quota_remaining: 1000,
      quota_renewal_rate: 86400,
      access_rights: { a1: { api_id: 'a1', api_name: 'Orders', versions: [] } },
    });
  });

  it('takes -1 as no quota', () => {
    const body = toKeyBody(form({ mode: 'limits', apis: [{ id: 'a1', name: 'A' }], quotaMax: '-1' }));
    expect(body.quota_max).toBe(-1);
  });

  it('asks for a policy, or for APIs and sane limits, depending on the choice', () => {
    expect(issuesOf(form({}))).toEqual({ policies: 'Choose at least one policy' });
    expect(
      issuesOf(form({ mode: 'limits', rate: '0', per: 'x', quotaMax: '-2', quotaRenewalRate: '' })),
    ).toEqual({
      apis: 'Choose at least one API the key may call',
      rate: 'A whole number, 1 or more',
      per: 'Seconds, 1 or more',
      quotaMax: 'A whole number, or -1 for no quota',
      quotaRenewalRate: 'Seconds, 0 or more',
    });
  });

  it('refuses an expiry in the past', () => {
    const values = form({ policies: [{ id: 'p', name: 'p' }], expires: '2001-01-01T00:00' });
    expect(issuesOf(values)).toEqual({ expires: 'Choose a time in the future' });
  });
});
