import type { KeyFields, Versioned } from '@gatehouse/shared-control-store';
import { assertStorableDocument } from '@gatehouse/dashboard-domain';
import { InvalidInputError, NotFoundError, parseOrThrow } from '@gatehouse/shared-model';
import {
  generateKey,
  newKeyId,
  SessionState,
  sessionStateSchema,
  sessionPolicyIds,
  storageKeyId,
} from '@gatehouse/shared-tyk-compat';
import { z } from 'zod';

import { AuditService } from './audit.service';
import { redact } from './redact';
import type { DashboardStores } from './dashboard-stores';
import type { Principal } from './principal';

type Json = Record<string, unknown>;

export const keyListQuerySchema = z.object({
  policy: z.string().max(200).optional(),
  api: z.string().max(200).optional(),
  inactive: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

/** Tyk sessions to import, each by raw key (hashed on arrival) or by hash. */
export const keyImportSchema = z.array(
  z.strictObject({
    key: z.string().min(1).max(1024).optional(),
    key_hash: z
      .string()
      .regex(/^[0-9a-f]{8,64}$/)
      .optional(),
    session: z.record(z.string(), z.unknown()),
  }),
);

/** A key as answered after creation: secrets inside the session (basic auth, HMAC, JWT) masked. */
function present(key: Versioned<KeyFields>): Versioned<KeyFields> {
  return { ...key, document: redact(key.document) as Record<string, unknown> };
}

function fieldsOf(session: SessionState): KeyFields {
  return {
    alias: session.alias,
    policyIds: sessionPolicyIds(session),
    apiIds: Object.keys(session.access_rights),
    inactive: session.is_inactive,
    expires: session.expires,
  };
}

/**
 * Keys (Tyk sessions) of an org. The raw key is returned once, at creation; the control plane stores
 * and answers by hash only. Policies and APIs a key names must exist in the same org.
 */
export class KeysService {
  private readonly auditLog: AuditService;

  constructor(
    private readonly stores: DashboardStores,
    private readonly hashKeyFunction: string,
  ) {
    this.auditLog = new AuditService(stores.audit);
  }

  async create(
    principal: Principal,
    body: unknown,
  ): Promise<{ key: string; key_hash: string; session: Json }> {
    const session = await this.validate(principal, body);
    const key = generateKey(principal.orgId, newKeyId(), this.hashKeyFunction);
    const keyHash = storageKeyId(key, true);
    const document = { ...(body as Json), org_id: principal.orgId, date_created: new Date().toISOString() };
    const saved = await this.stores.keys.save(principal.orgId, keyHash, document, fieldsOf(session));
    await this.auditLog.record(principal, 'create', 'keys', keyHash, null, document);
    await this.stores.changes.changed(principal.orgId, saved.rev);
    return { key, key_hash: keyHash, session: document };
  }

  /** Tyk sessions, by raw key (hashed here, never stored) or by hash. */
  async import(principal: Principal, body: unknown): Promise<{ key_hash: string }[]> {
    const entries = parseOrThrow(keyImportSchema, body);
    const imported: { key_hash: string }[] = [];
    for (const [index, entry] of entries.entries()) {
      const keyHash = entry.key_hash ?? (entry.key ? storageKeyId(entry.key, true) : undefined);
      if (!keyHash) throw new InvalidInputError([{ path: `${index}.key`, message: 'give key or key_hash' }]);
      const session = await this.validate(principal, entry.session);
      const document = { ...entry.session, org_id: principal.orgId };
      const saved = await this.stores.keys.save(principal.orgId, keyHash, document, fieldsOf(session));
      await this.auditLog.record(principal, 'import', 'keys', keyHash, null, document);
      await this.stores.changes.changed(principal.orgId, saved.rev);
      imported.push({ key_hash: keyHash });
    }
    return imported;
  }

  async get(principal: Principal, keyHash: string): Promise<Versioned<KeyFields>> {
    return present(await this.find(principal, keyHash));
  }

  private async find(principal: Principal, keyHash: string): Promise<Versioned<KeyFields>> {
    const found = await this.stores.keys.get(principal.orgId, keyHash);
    if (!found) throw new NotFoundError('key not found');
    return found;
  }

  async list(principal: Principal, query: unknown): Promise<Versioned<KeyFields>[]> {
    const filter = parseOrThrow(keyListQuerySchema, query);
    const where: Record<string, unknown> = {};
    if (filter.policy) where['fields.policyIds'] = filter.policy;
    if (filter.api) where['fields.apiIds'] = filter.api;
    if (filter.inactive) where['fields.inactive'] = filter.inactive === 'true';
    return (await this.stores.keys.list(principal.orgId, filter.limit, filter.offset, where)).map(present);
  }

  async update(principal: Principal, keyHash: string, body: unknown): Promise<Versioned<KeyFields>> {
    const before = await this.find(principal, keyHash);
    const session = await this.validate(principal, body);
    const document = {
      ...(body as Json),
      org_id: principal.orgId,
      date_created: before.document['date_created'],
    };
    const saved = await this.stores.keys.save(principal.orgId, keyHash, document, fieldsOf(session));
    await this.auditLog.record(principal, 'update', 'keys', keyHash, before.document, document);
    await this.stores.changes.changed(principal.orgId, saved.rev);
    return present(saved);
  }

  /** Starts a fresh quota period: gateways reset their counters when they see the newer stamp. */
  async resetQuota(principal: Principal, keyHash: string): Promise<Versioned<KeyFields>> {
    const before = await this.find(principal, keyHash);
    const document = { ...before.document, quota_reset_at: Date.now() };
    const saved = await this.stores.keys.save(principal.orgId, keyHash, document, before.fields);
    await this.auditLog.record(principal, 'reset-quota', 'keys', keyHash, null, null);
    await this.stores.changes.changed(principal.orgId, saved.rev);
    return present(saved);
  }

  async revoke(principal: Principal, keyHash: string): Promise<void> {
    const before = await this.find(principal, keyHash);
    const rev = await this.stores.keys.delete(principal.orgId, keyHash);
    if (rev === undefined) throw new NotFoundError('key not found');
    await this.auditLog.record(principal, 'revoke', 'keys', keyHash, before.document, null);
    await this.stores.changes.changed(principal.orgId, rev);
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
      if (!(await this.stores.policies.get(principal.orgId, policy))) {
        throw new InvalidInputError([{ path: 'apply_policies', message: `policy ${policy} does not exist` }]);
      }
    }
    for (const apiId of Object.keys(session.access_rights)) {
      if (!(await this.stores.apis.get(principal.orgId, apiId))) {
        throw new InvalidInputError([
          { path: `access_rights.${apiId}`, message: `API ${apiId} does not exist` },
        ]);
      }
    }
    return session;
  }
}
