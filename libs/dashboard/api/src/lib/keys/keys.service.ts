import { allows, assertStorableDocument } from '@gatehouse/dashboard-domain';
import type {
  ApiRepository,
  KeyFields,
  KeyRepository,
  PolicyRepository,
  Versioned,
} from '@gatehouse/shared-control-plane-db';
import { ForbiddenError, InvalidInputError, NotFoundError, parseOrThrow } from '@gatehouse/shared-kernel';
import {
  generateKey,
  keyReference,
  newKeyId,
  OrgKeyHashing,
  SessionState,
  sessionStateSchema,
  sessionPolicyIds,
  withHashedBasicAuthPassword,
} from '@gatehouse/shared-tyk-compat';
import { z } from 'zod';

import { keepRedactedSecrets } from '../audit/redact';
import type { CatalogueRecord, CatalogueWriter, WriteOrder } from '../catalogue/catalogue-writer';
import type { ListPage } from '../http/paged';
import type { Principal } from '../http/principal';
import { KeyView, presentKey, refOf } from './key-visibility';

type Json = Record<string, unknown>;

export const keyListQuerySchema = z.object({
  policy: z.string().max(200).optional(),
  api: z.string().max(200).optional(),
  inactive: z.enum(['true', 'false']).optional(),
  /** The `x-request-id` of the request that created the key (to find a key whose answer was lost). */
  request_id: z.string().max(128).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

/** Tyk sessions to import, each by raw key (hashed on arrival) or by the hash Tyk stored. */
export const keyImportSchema = z.array(
  z.strictObject({
    key: z.string().min(1).max(1024).optional(),
    key_hash: z
      .string()
      .regex(
        /^(?:[0-9a-f]{16}|[0-9a-f]{32}|[0-9a-f]{64})$/,
        'must be a 16, 32 or 64 hex-digit key hash (murmur32 ids are refused: they are forged in seconds)',
      )
      .optional(),
    session: z.record(z.string(), z.unknown()),
  }),
);

const KEY_REFERENCE = /^[0-9a-f]{16}$/;

/**
 * Every key write is audited before the key is stored: a stored key always has its entry, and a create
 * entry whose key does not exist is a request that did not complete (see docs/security.md, lost answers).
 */
const AUDIT_FIRST: WriteOrder = { auditFirst: true };

function fieldsOf(session: SessionState, keyHash: string, requestId?: string): KeyFields {
  return {
    ref: keyReference(keyHash),
    alias: session.alias,
    policyIds: sessionPolicyIds(session),
    apiIds: Object.keys(session.access_rights),
    inactive: session.is_inactive,
    expires: session.expires,
    ...(requestId ? { requestId } : {}),
  };
}

/**
 * Keys (Tyk sessions) of an org. The raw key is returned once, at creation; the control plane stores
 * it only as the org's keyed hash, shows that hash only to roles that manage keys, and stores basic-auth
 * passwords hashed. Policies and APIs a key names must exist in the same org.
 */
export class KeysService {
  constructor(
    private readonly keys: KeyRepository,
    private readonly policies: PolicyRepository,
    private readonly apis: ApiRepository,
    private readonly writer: CatalogueWriter<KeyFields>,
    private readonly keyFormat: string,
    private readonly hashing: OrgKeyHashing,
  ) {}

  async create(
    principal: Principal,
    body: unknown,
  ): Promise<{ key: string; key_hash: string; ref: string; session: Json }> {
    const session = await this.validate(principal, body);
    const key = generateKey(principal.orgId, newKeyId(), this.keyFormat);
    const keyHash = this.hashing.hasher(principal.orgId).idOf(key);
    const document = await withHashedBasicAuthPassword({
      ...(body as Json),
      org_id: principal.orgId,
      date_created: new Date().toISOString(),
    });
    const fields = fieldsOf(session, keyHash, principal.requestId);
    const saved = await this.save(principal, 'create', { id: keyHash, document, fields }, null);
    return { key, key_hash: keyHash, ref: fields.ref, session: presentKey(principal, saved).document };
  }

  /** Tyk sessions, by raw key (hashed here, never stored) or by the hash Tyk stored them under. */
  async import(principal: Principal, body: unknown): Promise<{ key_hash: string; ref: string }[]> {
    const entries = parseOrThrow(keyImportSchema, body);
    const hasher = this.hashing.hasher(principal.orgId);
    const imported: { key_hash: string; ref: string }[] = [];
    for (const [index, entry] of entries.entries()) {
      const keyHash = entry.key_hash ?? (entry.key ? hasher.idOf(entry.key) : undefined);
      if (!keyHash) throw new InvalidInputError([{ path: `${index}.key`, message: 'give key or key_hash' }]);
      const session = await this.validate(principal, entry.session);
      const document = await withHashedBasicAuthPassword({ ...entry.session, org_id: principal.orgId });
      const fields = fieldsOf(session, keyHash);
      await this.save(principal, 'import', { id: keyHash, document, fields }, null);
      imported.push({ key_hash: keyHash, ref: fields.ref });
    }
    return imported;
  }

  async get(principal: Principal, hashOrRef: string): Promise<KeyView> {
    return presentKey(principal, await this.find(principal, hashOrRef));
  }

  /** A page of the org's keys by hash, filtered by policy, API, state or request; and how many match. */
  async list(principal: Principal, query: unknown): Promise<ListPage<KeyView>> {
    const filter = parseOrThrow(keyListQuerySchema, query);
    const where: Record<string, unknown> = {};
    if (filter.policy) where['fields.policyIds'] = filter.policy;
    if (filter.api) where['fields.apiIds'] = filter.api;
    if (filter.inactive) where['fields.inactive'] = filter.inactive === 'true';
    if (filter.request_id) where['fields.requestId'] = filter.request_id;
    const [keys, total] = await Promise.all([
      this.keys.list(principal.orgId, filter.limit, filter.offset, where),
      this.keys.count(principal.orgId, where),
    ]);
    return { items: keys.map((key) => presentKey(principal, key)), total };
  }

  async update(principal: Principal, hashOrRef: string, body: unknown): Promise<KeyView> {
    const before = await this.find(principal, hashOrRef);
    const incoming = keepRedactedSecrets(body, before.document) as Json;
    const session = await this.validate(principal, incoming);
    const document = await withHashedBasicAuthPassword({
      ...incoming,
      org_id: principal.orgId,
      date_created: before.document['date_created'],
    });
    const fields = { ...fieldsOf(session, before.id), requestId: before.fields.requestId };
    const saved = await this.save(principal, 'update', { id: before.id, document, fields }, before.document);
    return presentKey(principal, saved);
  }

  /** Starts a fresh quota period: gateways reset their counters when they see the newer stamp. */
  async resetQuota(principal: Principal, hashOrRef: string): Promise<KeyView> {
    const before = await this.find(principal, hashOrRef);
    const document = { ...before.document, quota_reset_at: Date.now() };
    const record = { id: before.id, document, fields: before.fields };
    const saved = await this.save(principal, 'reset-quota', record, null, null);
    return presentKey(principal, saved);
  }

  async revoke(principal: Principal, hashOrRef: string): Promise<void> {
    const before = await this.find(principal, hashOrRef);
    const revoked = await this.writer.delete(
      principal,
      before.id,
      { action: 'revoke', resourceId: refOf(before), before: before.document, after: null },
      AUDIT_FIRST,
    );
    if (!revoked) throw new NotFoundError('key not found');
  }

  /** Every key write: audited first (see AUDIT_FIRST), the entry naming the key's reference, never its hash. */
  private save(
    principal: Principal,
    action: string,
    record: CatalogueRecord<KeyFields>,
    before: unknown,
    after: unknown = record.document,
  ): Promise<Versioned<KeyFields>> {
    const entry = { action, resourceId: refOf(record), before, after };
    return this.writer.save(principal, record, entry, AUDIT_FIRST);
  }

  /** By reference (anyone who may read keys) or by hash (only roles that may see hashes). */
  private async find(principal: Principal, hashOrRef: string): Promise<Versioned<KeyFields>> {
    if (KEY_REFERENCE.test(hashOrRef)) {
      const [found] = await this.keys.list(principal.orgId, 1, 0, { 'fields.ref': hashOrRef });
      if (found) return found;
    }
    if (!allows(principal.role, 'keys', 'write'))
      throw new ForbiddenError('your role sees keys by reference only (the 16-digit `ref`)');
    const found = await this.keys.get(principal.orgId, hashOrRef);
    if (!found) throw new NotFoundError('key not found');
    return found;
  }

  private async validate(principal: Principal, body: unknown): Promise<SessionState> {
    if (body === null || typeof body !== 'object' || Array.isArray(body)) {
      throw new InvalidInputError([{ path: '', message: 'expected a Tyk session as a JSON object' }]);
    }
    assertStorableDocument(body);
    const session = parseOrThrow(sessionStateSchema, body);
    const policies = sessionPolicyIds(session);
    if (policies.length === 0 && Object.keys(session.access_rights).length === 0) {
      throw new InvalidInputError([
        { path: 'access_rights', message: 'a key needs access rights or a policy' },
      ]);
    }
    for (const policy of policies) {
      if (!(await this.policies.get(principal.orgId, policy))) {
        throw new InvalidInputError([{ path: 'apply_policies', message: `policy ${policy} does not exist` }]);
      }
    }
    for (const apiId of Object.keys(session.access_rights)) {
      if (!(await this.apis.get(principal.orgId, apiId))) {
        throw new InvalidInputError([
          { path: `access_rights.${apiId}`, message: `API ${apiId} does not exist` },
        ]);
      }
    }
    return session;
  }
}
