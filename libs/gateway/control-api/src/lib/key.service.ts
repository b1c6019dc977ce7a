import { ClusterNotifications, LimitsRepository, SessionRepository } from '@gatehouse/gateway-storage';
import {
  assertWithinDocumentLimits,
  ConflictError,
  ForbiddenError,
  InvalidInputError,
  NotFoundError,
  parseOrThrow,
  UnavailableError,
} from '@gatehouse/shared-kernel';
import {
  generateKey,
  keyOrg,
  newKeyId,
  Policy,
  sessionPolicyIds,
  sessionStateSchema,
  withHashedBasicAuthPassword,
} from '@gatehouse/shared-tyk-compat';

import { DOCUMENT_LIMITS } from './definition-kinds';
import { policyInstruction, withPoliciesApplied } from './key-sessions';
import type { KeySettings, ModifyResponse } from './tyk-api.types';

export const MASTER_KEY_REFUSED =
  'Failed to create key, keys must have at least one Access Rights record set.';
export const KEYS_NOT_HASHABLE_YET =
  'This gateway has not received its key hashing from the control plane yet; try again shortly';

export interface KeyLookups {
  /** The id a raw key is stored under (the configured keyed hash); undefined before hybrid mode syncs. */
  idOf(rawKey: string): string | undefined;
  apiExists(apiId: string): boolean;
  policy(policyId: string): Policy | undefined;
  /** Evicts cached copies in this process at once (other gateways hear the cluster notification). */
  evict(keyIds: string[]): void;
}

/**
 * Tyk's key management: keys made as Tyk makes them, stored under their keyed hash in Tyk's Redis
 * layout (basic-auth passwords bcrypt-hashed), every change announced on the cluster channel so all
 * gateways drop cached copies.
 */
export class KeyService {
  constructor(
    private readonly sessions: SessionRepository,
    private readonly limits: LimitsRepository,
    private readonly notifications: ClusterNotifications,
    private readonly settings: KeySettings,
    private readonly lookups: KeyLookups,
    /** In hybrid mode keys belong to the control plane: writes answer 403 with this message. */
    private readonly readOnlyReason?: string,
  ) {}

  async list(filter: string): Promise<{ keys: string[] }> {
    if (!this.settings.enableHashedKeysListing) {
      throw new NotFoundError('Hashed key listing is disabled in config (enable_hashed_keys_listing)');
    }
    return { keys: await this.sessions.listIds(filter) };
  }

  /** Creates a key; `customName` is POST /tyk/keys/{name}, otherwise a random id is minted. */
  async create(body: unknown, customName?: string): Promise<ModifyResponse> {
    this.assertWritable();
    const session = this.validate(body);
    const orgId = String(session['org_id'] ?? '');
    const key = generateKey(orgId, customName ?? newKeyId(), this.settings.keyFormat);
    const keyId = this.idOf(key);
    if (customName && (await this.sessions.find(keyId))) throw new ConflictError('Key already exists');
    const merged = withPoliciesApplied(session, this.policyLookup);
    const now = new Date();
    const quotaMax = Number(merged['quota_max'] ?? 0);
    const renewal = Number(merged['quota_renewal_rate'] ?? 0);
    // Tyk mints the HMAC secret when a key is created with hmac_enabled and no secret of its own.
    const hmac =
      merged['hmac_enabled'] === true && !merged['hmac_string']
        ? { hmac_string: Buffer.from(newKeyId()).toString('base64') }
        : {};
    await this.sessions.save(keyId, {
      ...(await withHashedBasicAuthPassword(merged)),
      ...hmac,
      date_created: now.toISOString(),
      last_updated: String(Math.floor(now.getTime() / 1000)),
      // As Tyk: a counted quota starts full; an uncounted one keeps what was sent; renewal is due now + rate.
      quota_remaining: quotaMax > 0 ? quotaMax : Number(merged['quota_remaining'] ?? 0),
      quota_renews: Math.floor(now.getTime() / 1000) + Math.max(0, renewal),
    });
    await this.changed([keyId]);
    return { key, status: 'ok', action: 'added', key_hash: keyId };
  }

  /** A key as Tyk shows it: its policies applied, the quota left counted now. */
  async get(key: string, hashed: boolean, orgId?: string): Promise<Record<string, unknown>> {
    const found = await this.findKey(key, hashed, orgId);
    if (!found) throw new NotFoundError('Key not found');
    const { keyId, stored } = found;
    let shown = stored.raw;
    try {
      shown = withPoliciesApplied(stored.raw, this.policyLookup);
    } catch {
      // A policy removed since the key was written: show what is stored, as Tyk ignores the error.
    }
    const quotaMax = Number(shown['quota_max'] ?? 0);
    if (quotaMax <= 0) return shown;
    return { ...shown, quota_remaining: Math.max(0, quotaMax - (await this.limits.quotaUsed(keyId))) };
  }

  async update(key: string, body: unknown, hashed: boolean, suppressReset: boolean): Promise<ModifyResponse> {
    this.assertWritable();
    const session = this.validate(body);
    const found = await this.findKey(key, hashed, String(session['org_id'] ?? '') || undefined);
    if (!found) throw new NotFoundError('Key is not found');
    const { keyId, stored: previous } = found;
    await this.sessions.save(keyId, {
      ...(await withHashedBasicAuthPassword(withPoliciesApplied(session, this.policyLookup))),
      date_created: previous.session.date_created,
      last_updated: String(Math.floor(Date.now() / 1000)),
    });
    if (!suppressReset) {
      await this.resetQuotas(keyId, previous.session.access_rights, sessionPolicyIds(previous.session));
    }
    await this.changed([keyId]);
    return { key, status: 'ok', action: 'modified' };
  }

  /** POST /tyk/keys/policy/{keyHash}: replaces the key's policies; its new limits apply at once. */
  async setPolicies(keyHash: string, body: unknown): Promise<ModifyResponse> {
    this.assertWritable();
    const policies = policyInstruction(body);
    if (!policies) throw new InvalidInputError([{ path: '', message: "Couldn't decode instruction" }]);
    this.assertPoliciesExist(policies);
    const stored = await this.sessions.find(keyHash);
    if (!stored) throw new NotFoundError('Key not found');
    await this.sessions.save(keyHash, {
      ...stored.raw,
      apply_policy_id: '',
      apply_policies: policies,
      last_updated: String(Math.floor(Date.now() / 1000)),
    });
    await this.changed([keyHash]);
    return { key: keyHash, status: 'ok', action: 'updated' };
  }

  async delete(key: string, hashed: boolean, orgId?: string): Promise<ModifyResponse> {
    this.assertWritable();
    const found = await this.findKey(key, hashed, orgId);
    if (!found || !(await this.sessions.delete(found.keyId))) {
      throw new NotFoundError('There is no such key found');
    }
    await this.changed([found.keyId]);
    return { key, status: 'ok', action: 'deleted' };
  }

  /**
   * Tyk's SessionDetail: a hash as given; a key as given, or, when `orgId` is another organisation
   * than the key names, first the key that name makes in that organisation (a custom key's name).
   */
  private async findKey(key: string, hashed: boolean, orgId?: string) {
    const candidates = hashed
      ? [key]
      : orgId !== undefined && keyOrg(key) !== orgId
        ? [this.idOf(generateKey(orgId, key, this.settings.keyFormat)), this.idOf(key)]
        : [this.idOf(key)];
    for (const keyId of candidates) {
      const stored = await this.sessions.find(keyId);
      if (stored) return { keyId, stored };
    }
    return undefined;
  }

  private readonly policyLookup = (policyId: string) => this.lookups.policy(policyId);

  private idOf(key: string): string {
    const keyId = this.lookups.idOf(key);
    if (keyId === undefined) throw new UnavailableError(KEYS_NOT_HASHABLE_YET);
    return keyId;
  }

  private validate(body: unknown): Record<string, unknown> {
    if (body === null || typeof body !== 'object' || Array.isArray(body)) {
      throw new InvalidInputError([{ path: '', message: 'the request body must be a JSON session object' }]);
    }
    assertWithinDocumentLimits(body, DOCUMENT_LIMITS.key);
    const session = parseOrThrow(sessionStateSchema, body);
    if (
      Object.keys(session.access_rights).length === 0 &&
      sessionPolicyIds(session).length === 0 &&
      !this.settings.allowMasterKeys
    ) {
      throw new InvalidInputError([{ path: 'access_rights', message: MASTER_KEY_REFUSED }]);
    }
    for (const apiId of Object.keys(session.access_rights)) {
      if (!this.lookups.apiExists(apiId)) {
        throw new InvalidInputError([
          { path: `access_rights.${apiId}`, message: `API ${apiId} does not exist` },
        ]);
      }
    }
    this.assertPoliciesExist(sessionPolicyIds(session));
    return body as Record<string, unknown>;
  }

  private assertPoliciesExist(policyIds: string[]): void {
    for (const policyId of policyIds) {
      if (!this.lookups.policy(policyId)) {
        throw new InvalidInputError([
          { path: 'apply_policies', message: `policy ${policyId} does not exist` },
        ]);
      }
    }
  }

  private async resetQuotas(
    keyId: string,
    rights: Record<string, unknown>,
    policies: string[],
  ): Promise<void> {
    const scopes = [
      keyId,
      ...Object.keys(rights).map((api) => `${api}-${keyId}`),
      ...policies.map((p) => `${p}-${keyId}`),
    ];
    await Promise.all(scopes.map((scope) => this.limits.resetQuota(scope)));
  }

  private async changed(keyIds: string[]): Promise<void> {
    this.lookups.evict(keyIds);
    await this.notifications.publish('KeySpaceUpdateNotification', keyIds.join(','));
  }

  private assertWritable(): void {
    if (this.readOnlyReason) throw new ForbiddenError(this.readOnlyReason);
  }
}
