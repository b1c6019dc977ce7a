import fc from 'fast-check';

import { Policy, policySchema } from './policy';
import { applyPolicies, PolicyApplicationError } from './policy-merge';
import { SessionState, sessionStateSchema } from './session';

function policy(fields: Record<string, unknown>): Policy {
  return policySchema.parse({ org_id: 'acme', active: true, ...fields });
}

function session(fields: Record<string, unknown> = {}): SessionState {
  return sessionStateSchema.parse({ org_id: 'acme', ...fields });
}

function lookupOf(...policies: Policy[]) {
  const byId = new Map(policies.map((p) => [p.id, p]));
  return (id: string) => byId.get(id);
}

const api = (apiId: string, extra: Record<string, unknown> = {}) => ({
  api_id: apiId,
  api_name: apiId,
  versions: ['Default'],
  ...extra,
});

describe(applyPolicies.name, () => {
  it('gives a key everything from a policy without partitions', () => {
    const gold = policy({
      id: 'gold',
      rate: 100,
      per: 60,
      quota_max: 1000,
      quota_renewal_rate: 3600,
      access_rights: { a: api('a') },
    });
    const sut = applyPolicies(session({ apply_policies: ['gold'], rate: 1, per: 1 }), lookupOf(gold));
    expect(sut).toMatchObject({ rate: 100, per: 60, quota_max: 1000, quota_renewal_rate: 3600 });
    expect(Object.keys(sut.access_rights)).toEqual(['a']);
    expect(sut.access_rights['a'].limit).toMatchObject({ rate: 100, per: 60, quota_max: 1000 });
  });

  it('leaves the key unchanged (but scopes per-API limits) when it has no policies', () => {
    const key = session({
      rate: 5,
      per: 1,
      access_rights: { a: api('a', { limit: { rate: 2, per: 1 } }), b: api('b') },
    });
    const sut = applyPolicies(key, lookupOf());
    expect(sut.rate).toBe(5);
    expect(sut.access_rights['a'].allowance_scope).toBe('a');
    expect(sut.access_rights['b'].allowance_scope).toBe('');
  });

  it('takes each aspect only from the policy whose partition covers it', () => {
    const quota = policy({
      id: 'q',
      quota_max: 50,
      quota_renewal_rate: 60,
      partitions: { quota: true },
      access_rights: { a: api('a') },
    });
    const rate = policy({
      id: 'r',
      rate: 10,
      per: 1,
      partitions: { rate_limit: true },
      access_rights: { a: api('a') },
    });
    const acl = policy({
      id: 'acl',
      partitions: { acl: true },
      access_rights: { a: api('a', { allowed_urls: [{ url: '/orders', methods: ['GET'] }] }) },
    });
    const sut = applyPolicies(session({ apply_policies: ['q', 'r', 'acl'] }), lookupOf(quota, rate, acl));
    expect(sut.access_rights['a'].limit).toMatchObject({
      rate: 10,
      per: 1,
      quota_max: 50,
      quota_renewal_rate: 60,
    });
    expect(sut.access_rights['a'].allowed_urls).toEqual([{ url: '/orders', methods: ['GET'] }]);
  });

  it('keeps the more generous limit, with -1 (unlimited) beating any quota', () => {
    const small = policy({ id: 's', rate: 10, per: 1, quota_max: 100, access_rights: { a: api('a') } });
    const unlimited = policy({ id: 'u', rate: 5, per: 1, quota_max: -1, access_rights: { a: api('a') } });
    const sut = applyPolicies(session({ apply_policies: ['s', 'u'] }), lookupOf(small, unlimited));
    expect(sut.access_rights['a'].limit).toMatchObject({ rate: 10, per: 1, quota_max: -1 });
  });

  it('unions allowed URLs and methods across policies', () => {
    const one = policy({
      id: '1',
      access_rights: { a: api('a', { allowed_urls: [{ url: '/x', methods: ['GET'] }] }) },
    });
    const two = policy({
      id: '2',
      access_rights: {
        a: api('a', {
          allowed_urls: [
            { url: '/x', methods: ['POST'] },
            { url: '/y', methods: ['GET'] },
          ],
        }),
      },
    });
    const sut = applyPolicies(session({ apply_policies: ['1', '2'] }), lookupOf(one, two));
    expect(sut.access_rights['a'].allowed_urls).toEqual([
      { url: '/x', methods: ['GET', 'POST'] },
      { url: '/y', methods: ['GET'] },
    ]);
  });

  it('gives each API its own limit and counter scope with per_api', () => {
    const perApi = policy({
      id: 'per',
      rate: 1,
      per: 1,
      partitions: { per_api: true },
      access_rights: { a: api('a', { limit: { rate: 100, per: 1, quota_max: -1 } }), b: api('b') },
    });
    const sut = applyPolicies(session({ apply_policies: ['per'] }), lookupOf(perApi));
    expect(sut.access_rights['a']).toMatchObject({ allowance_scope: 'a', limit: { rate: 100, per: 1 } });
    expect(sut.access_rights['b']).toMatchObject({ allowance_scope: 'per', limit: { rate: 1, per: 1 } });
  });

  it('refuses to mix per_api and partitioned policies', () => {
    const perApi = policy({ id: 'per', partitions: { per_api: true }, access_rights: { a: api('a') } });
    const partitioned = policy({ id: 'part', partitions: { quota: true }, access_rights: { a: api('a') } });
    expect(() =>
      applyPolicies(session({ apply_policies: ['per', 'part'] }), lookupOf(perApi, partitioned)),
    ).toThrow(PolicyApplicationError);
  });

  it('refuses a missing single policy and a policy of another org, but skips one missing among several', () => {
    expect(() => applyPolicies(session({ apply_policies: ['nope'] }), lookupOf())).toThrow(
      'policy not found: "nope"',
    );
    const foreign = policy({ id: 'f', org_id: 'globex', access_rights: { a: api('a') } });
    expect(() => applyPolicies(session({ apply_policies: ['f'] }), lookupOf(foreign), 'acme')).toThrow(
      'attempting to apply policy from different organisation to key, skipping',
    );
    const gold = policy({ id: 'gold', access_rights: { a: api('a') } });
    expect(
      Object.keys(applyPolicies(session({ apply_policies: ['nope', 'gold'] }), lookupOf(gold)).access_rights),
    ).toEqual(['a']);
  });

  it('marks the key inactive if any policy is, and merges tags and metadata', () => {
    const off = policy({
      id: 'off',
      is_inactive: true,
      tags: ['t1'],
      meta_data: { tier: 'gold' },
      access_rights: { a: api('a') },
    });
    const sut = applyPolicies(session({ apply_policies: ['off'], tags: ['t2'] }), lookupOf(off));
    expect(sut.is_inactive).toBe(true);
    expect(sut.tags.sort()).toEqual(['t1', 't2']);
    expect(sut.meta_data).toEqual({ tier: 'gold' });
  });

  it('does not change the session it was given', () => {
    const key = session({ apply_policies: ['gold'] });
    const before = JSON.stringify(key);
    applyPolicies(key, lookupOf(policy({ id: 'gold', rate: 9, per: 1, access_rights: { a: api('a') } })));
    expect(JSON.stringify(key)).toBe(before);
  });

  it('is order-independent and picks the most generous rate and quota (property)', () => {
    const limits = fc.record({
      rate: fc.integer({ min: 1, max: 1000 }),
      per: fc.integer({ min: 1, max: 3600 }),
      quota_max: fc.oneof(fc.constant(-1), fc.integer({ min: 1, max: 100000 })),
    });
    fc.assert(
      fc.property(fc.array(limits, { minLength: 1, maxLength: 5 }), (drawn) => {
        const policies = drawn.map((limit, index) =>
          policy({ id: `p${index}`, ...limit, access_rights: { a: api('a') } }),
        );
        const ids = policies.map((p) => p.id);
        const forward = applyPolicies(session({ apply_policies: ids }), lookupOf(...policies));
        const backward = applyPolicies(
          session({ apply_policies: [...ids].reverse() }),
          lookupOf(...policies),
        );
        const limit = forward.access_rights['a'].limit;
        expect(limit?.per && limit.rate ? limit.per / limit.rate : 0).toBeCloseTo(
          Math.min(...drawn.map((d) => d.per / d.rate)),
        );
        const expectedQuota = drawn.some((d) => d.quota_max === -1)
          ? -1
          : Math.max(...drawn.map((d) => d.quota_max));
        expect(limit?.quota_max).toBe(expectedQuota);
        expect(backward.access_rights['a'].limit?.quota_max).toBe(expectedQuota);
        expect(backward.access_rights['a'].limit!.per / backward.access_rights['a'].limit!.rate).toBeCloseTo(
          limit!.per / limit!.rate,
        );
      }),
    );
  });

  // Tyk v5.10.2 internal/policy/apply.go, checked field by field against hand-computed values: the key's
  // own rate and quota are cleared, each partition sets its aspect, the rest is inherited from the key.
  it('merges a rate/ACL policy on one API and a quota/ACL policy on another, whatever the numbers (property)', () => {
    const positive = fc.integer({ min: 1, max: 10_000 });
    fc.assert(
      fc.property(
        positive,
        positive,
        positive,
        positive,
        positive,
        positive,
        (rate, per, quota, renewal, ownRate, ownQuota) => {
          const rateA = policy({
            id: 'rate-a',
            rate,
            per,
            partitions: { rate_limit: true, acl: true },
            access_rights: { a: api('a') },
          });
          const quotaB = policy({
            id: 'quota-b',
            quota_max: quota,
            quota_renewal_rate: renewal,
            partitions: { quota: true, acl: true },
            access_rights: { b: api('b') },
          });
          const key = session({
            rate: ownRate,
            per: 1,
            quota_max: ownQuota,
            apply_policies: ['rate-a', 'quota-b'],
          });
          const sut = applyPolicies(key, lookupOf(rateA, quotaB));
          expect(Object.keys(sut.access_rights).sort()).toEqual(['a', 'b']);
          expect([sut.rate, sut.per, sut.quota_max, sut.quota_renewal_rate]).toEqual([
            rate,
            per,
            quota,
            renewal,
          ]);
          expect(sut.access_rights['a'].limit).toMatchObject({
            rate,
            per,
            quota_max: quota,
            quota_renewal_rate: renewal,
          });
          expect(sut.access_rights['b'].limit).toMatchObject({
            rate,
            per,
            quota_max: quota,
            quota_renewal_rate: renewal,
          });
        },
      ),
      { numRuns: 200 },
    );
  });

  it('grants no API through a quota partition without the acl one, as Tyk', () => {
    const rateA = policy({
      id: 'r',
      rate: 5,
      per: 1,
      partitions: { rate_limit: true, acl: true },
      access_rights: { a: api('a') },
    });
    const quotaOnly = policy({
      id: 'q',
      quota_max: 7,
      partitions: { quota: true },
      access_rights: { b: api('b') },
    });
    const sut = applyPolicies(session({ apply_policies: ['r', 'q'] }), lookupOf(rateA, quotaOnly));
    expect(Object.keys(sut.access_rights)).toEqual(['a']);
    expect(sut.quota_max).toBe(7);
  });
});
