import * as z from 'zod/mini';

import { isJsonObject, type JsonObject } from '../../ui/json-editor/json-document';
import { tagsFromText } from '../apis/api-form';

/** Active: applied. Draft: kept but not active. Deny: keys holding it are refused (Tyk's `is_inactive`). */
export type PolicyState = 'active' | 'draft' | 'deny';

/** An API the policy grants, as the picker shows it; versions default to Tyk's "Default". */
export interface GrantedApi {
  apiId: string;
  apiName: string;
}

export interface PolicyFormValues {
  id: string;
  name: string;
  rate: number;
  per: number;
  quotaMax: number;
  quotaRenewalRate: number;
  throttleInterval: number;
  throttleRetryLimit: number;
  state: PolicyState;
  tags: string;
  accessRights: GrantedApi[];
  partitions: { quota: boolean; rate_limit: boolean; acl: boolean; complexity: boolean };
}

/** The policy members each form field writes: the API's issues on them are shown under the field. */
export const POLICY_FORM_MEMBERS: Record<keyof PolicyFormValues, readonly string[]> = {
  id: ['id', '_id'],
  name: ['name'],
  rate: ['rate'],
  per: ['per'],
  quotaMax: ['quota_max'],
  quotaRenewalRate: ['quota_renewal_rate'],
  throttleInterval: ['throttle_interval'],
  throttleRetryLimit: ['throttle_retry_limit'],
  state: ['active', 'is_inactive'],
  tags: ['tags'],
  accessRights: ['access_rights'],
  partitions: ['partitions'],
};

const count = (message: string) => z.number(message).check(z.gte(-1, 'At least -1 (-1 means unlimited)'));

export const policyFormSchema = z.object({
  id: z.string().check(z.trim(), z.minLength(1, 'Enter an ID'), z.maxLength(256, 'At most 256 characters')),
  name: z.string().check(z.trim(), z.minLength(1, 'Enter a name')),
  rate: count('Enter a number of requests'),
  per: z.number('Enter a number of seconds').check(z.gte(0, 'Zero or more seconds')),
  quotaMax: count('Enter a number of requests'),
  quotaRenewalRate: z.number('Enter a number of seconds').check(z.gte(0, 'Zero or more seconds')),
  throttleInterval: count('Enter a number of seconds'),
  throttleRetryLimit: count('Enter a number of retries'),
  state: z.enum(['active', 'draft', 'deny']),
  tags: z.string(),
  accessRights: z.array(z.object({ apiId: z.string(), apiName: z.string() })),
  partitions: z.object({
    quota: z.boolean(),
    rate_limit: z.boolean(),
    acl: z.boolean(),
    complexity: z.boolean(),
  }),
});

const record = (value: unknown): JsonObject => (isJsonObject(value) ? value : {});
const number = (value: unknown, fallback: number): number =>
  typeof value === 'number' && Number.isFinite(value) ? value : fallback;
const text = (value: unknown): string => (typeof value === 'string' ? value : '');

function stateOf(document: JsonObject): PolicyState {
  if (document['is_inactive'] === true) return 'deny';
  // Tyk reads a policy without `active` as active.
  return document['active'] === false ? 'draft' : 'active';
}

/** What the form shows of a Tyk policy. */
export function policyFormFromDocument(document: JsonObject): PolicyFormValues {
  const partitions = record(document['partitions']);
  const rights = Object.entries(record(document['access_rights']));
  return {
    id: text(document['id']) || text(document['_id']),
    name: text(document['name']),
    rate: number(document['rate'], 0),
    per: number(document['per'], 0),
    quotaMax: number(document['quota_max'], -1),
    quotaRenewalRate: number(document['quota_renewal_rate'], 0),
    throttleInterval: number(document['throttle_interval'], -1),
    throttleRetryLimit: number(document['throttle_retry_limit'], -1),
    state: stateOf(document),
    tags: (Array.isArray(document['tags']) ? document['tags'] : [])
      .filter((tag) => typeof tag === 'string')
      .join(', '),
    accessRights: rights.map(([apiId, right]) => ({
      apiId: text(record(right)['api_id']) || apiId,
      apiName: text(record(right)['api_name']),
    })),
    partitions: {
      quota: partitions['quota'] === true,
      rate_limit: partitions['rate_limit'] === true,
      acl: partitions['acl'] === true,
      complexity: partitions['complexity'] === true,
    },
  };
}

/** Each granted API keeps what the form does not edit (allowed URLs, per-API limits, its versions). */
function accessRightsFromForm(document: JsonObject, granted: GrantedApi[]): JsonObject {
  const before = record(document['access_rights']);
  return Object.fromEntries(
    granted.map(({ apiId, apiName }) => {
      const kept = record(before[apiId]);
      const versions =
        Array.isArray(kept['versions']) && kept['versions'].length > 0 ? kept['versions'] : ['Default'];
      return [apiId, { ...kept, api_id: apiId, api_name: apiName || text(kept['api_name']), versions }];
    }),
  );
}

/** The policy with the form's values written in; every member the form does not name is kept. */
export function policyDocumentFromForm(document: JsonObject, values: PolicyFormValues): JsonObject {
  return {
    ...document,
    id: values.id.trim(),
    name: values.name.trim(),
    rate: values.rate,
    per: values.per,
    quota_max: values.quotaMax,
    quota_renewal_rate: values.quotaRenewalRate,
    throttle_interval: values.throttleInterval,
    throttle_retry_limit: values.throttleRetryLimit,
    active: values.state !== 'draft',
    is_inactive: values.state === 'deny',
    tags: tagsFromText(values.tags),
    access_rights: accessRightsFromForm(document, values.accessRights),
    partitions: { ...record(document['partitions']), ...values.partitions },
  };
}

/** A new policy: 1,000 requests a minute, no quota, no APIs yet. */
export function newPolicyDocument(id = crypto.randomUUID().replace(/-/g, '')): JsonObject {
  return {
    id,
    name: '',
    rate: 1000,
    per: 60,
    quota_max: -1,
    quota_renewal_rate: 3600,
    throttle_interval: -1,
    throttle_retry_limit: -1,
    active: true,
    is_inactive: false,
    tags: [],
    access_rights: {},
    partitions: { quota: false, rate_limit: false, acl: false, complexity: false, per_api: false },
  };
}
