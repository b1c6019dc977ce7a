import { splitIssues } from '../../ui/json-editor/issue-fields';
import {
  POLICY_FORM_MEMBERS,
  newPolicyDocument,
  policyDocumentFromForm,
  policyFormFromDocument,
  policyFormSchema,
} from './policy-form';

/** A stored policy with members the form never names (allowed URLs, per-API limits, metadata). */
const stored = {
  id: 'gold',
  name: 'Gold',
  org_id: 'acme',
  rate: 100,
  per: 1,
  quota_max: 10000,
  quota_renewal_rate: 3600,
  throttle_interval: -1,
  throttle_retry_limit: -1,
  active: true,
  tags: ['paid'],
  access_rights: {
    orders: {
      api_id: 'orders',
      api_name: 'Orders',
      versions: ['v1', 'v2'],
      allowed_urls: [{ url: '/orders', methods: ['GET'] }],
      limit: { rate: 5, per: 1 },
    },
    pets: { api_id: 'pets', api_name: 'Pets', versions: ['Default'] },
  },
  partitions: { quota: true, rate_limit: false, acl: false, complexity: false, per_api: false },
  meta_data: { plan: 'gold' },
  hmac_enabled: false,
};

describe('policy form ↔ body', () => {
  it('shows limits, state, tags, granted APIs and partitions', () => {
    expect(policyFormFromDocument(stored)).toEqual({
      id: 'gold',
      name: 'Gold',
      rate: 100,
      per: 1,
      quotaMax: 10000,
      quotaRenewalRate: 3600,
      throttleInterval: -1,
      throttleRetryLimit: -1,
      state: 'active',
      tags: 'paid',
      accessRights: [
        { apiId: 'orders', apiName: 'Orders' },
        { apiId: 'pets', apiName: 'Pets' },
      ],
      partitions: { quota: true, rate_limit: false, acl: false, complexity: false },
    });
  });

  it('writes the form back, keeping what it does not edit (each right’s URLs, limits and versions)', () => {
    const values = {
      ...policyFormFromDocument(stored),
      rate: 50,
      accessRights: [
        { apiId: 'orders', apiName: 'Orders' },
        { apiId: 'billing', apiName: 'Billing' },
      ],
      partitions: { quota: true, rate_limit: true, acl: true, complexity: false },
    };
    const sut = policyDocumentFromForm(stored, values);
    expect(sut).toEqual({
      ...stored,
      rate: 50,
      is_inactive: false,
      access_rights: {
        orders: stored.access_rights.orders,
        billing: { api_id: 'billing', api_name: 'Billing', versions: ['Default'] },
      },
      partitions: { quota: true, rate_limit: true, acl: true, complexity: false, per_api: false },
    });
    expect(policyFormFromDocument(sut)).toEqual(values);
  });

  it('maps the state onto Tyk’s active and is_inactive flags', () => {
    const base = policyFormFromDocument(stored);
    expect(policyDocumentFromForm(stored, { ...base, state: 'draft' })).toMatchObject({
      active: false,
      is_inactive: false,
    });
    expect(policyDocumentFromForm(stored, { ...base, state: 'deny' })).toMatchObject({
      active: true,
      is_inactive: true,
    });
    expect(policyFormFromDocument({ ...stored, is_inactive: true }).state).toBe('deny');
    expect(policyFormFromDocument({ id: 'p' }).state).toBe('active');
  });

  it('starts a new policy with a generated id and no APIs', () => {
    const fresh = policyFormFromDocument(newPolicyDocument());
    expect(fresh.id).toMatch(/^[0-9a-f]{32}$/);
    expect(fresh).toMatchObject({ accessRights: [], quotaMax: -1, state: 'active' });
  });

  it('checks numbers before sending (an empty number input is NaN)', () => {
    const result = policyFormSchema.safeParse({
      ...policyFormFromDocument(stored),
      name: '',
      rate: Number.NaN,
      per: -5,
    });
    expect(result.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['name', 'rate', 'per']);
  });

  it('puts the API’s issues under the fields that edit them', () => {
    const sut = splitIssues(
      [
        { path: 'id', message: 'a policy needs an id (or _id)' },
        { path: 'access_rights.orders.versions', message: 'expected array' },
        { path: 'partitions.quota', message: 'expected boolean' },
        { path: 'meta_data.plan', message: 'too long' },
      ],
      POLICY_FORM_MEMBERS,
    );
    expect(sut.fields).toEqual({
      id: 'a policy needs an id (or _id)',
      accessRights: 'expected array',
      partitions: 'expected boolean',
    });
    expect(sut.others).toEqual([{ path: 'meta_data.plan', message: 'too long' }]);
  });
});
