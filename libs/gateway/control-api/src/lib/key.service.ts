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
  newKeyId,
  sessionStateSchema,
  withHashedBasicAuthPassword,
} from '@gatehouse/shared-tyk-compat';

import { DOCUMENT_LIMITS } from './definition-kinds';
import type { KeySettings, ModifyResponse } from './tyk-api.types';

export const MASTER_KEY_REFUSED =
  'Failed to create key, keys must have at least one Access Rights record set.';
export const KEYS_NOT_HASHABLE_YET =
  'This gateway has not received its key hashing from the control plane yet; try again shortly';

export interface KeyLookups {
  /** The id a raw key is stored under (the configured keyed hash); undefined before hybrid mode syncs. */
  idOf(rawKey: string): string | undefined;
  apiExists(apiId: string): boolean;
  policyExists(policyId: string): boolean;
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
    const now = new Date();
    const quotaMax = Number(session['quota_max'] ?? 0);
    const renewal = Number(session['quota_renewal_rate'] ?? 0);
    // Tyk mints the HMAC secret when a key is created with hmac_enabled and no secret of its own.
    const hmac =
      session['hmac_enabled'] === true && !session['hmac_string']
        ? { hmac_string: Buffer.from(newKeyId()).toString('base64') }
        : {};
    await this.sessions.save(keyId, {
      ...(await withHashedBasicAuthPassword(session)),
      ...hmac,
      date_created: now.toISOString(),
      last_updated: String(Math.floor(now.getTime() / 1000)),
      quota_remaining: quotaMax,
      quota_renews: renewal > 0 ? Math.floor(now.getTime() / 1000) + renewal : 0,
    });
    await this.changed([keyId]);
    return { key, status: 'ok', action: 'added', key_hash: keyId };
  }

  async get(key: string, hashed: boolean): Promise<Record<string, unknown>> {
    const keyId = this.keyIdOf(key, hashed);
    const stored = await this.sessions.find(keyId);
    if (!stored) throw new NotFoundError('Key not found');
    const quotaMax = stored.session.quota_max;
    if (quotaMax <= 0) return stored.raw;
    return { ...stored.raw, quota_remaining: Math.max(0, quotaMax - (await this.limits.quotaUsed(keyId))) };
  }

  async update(key: string, body: unknown, hashed: boolean, suppressReset: boolean): Promise<ModifyResponse> {
    this.assertWritable();
    const keyId = this.keyIdOf(key, hashed);
    const previous = await this.sessions.find(keyId);
    if (!previous) throw new NotFoundError('Key not found');
    const session = this.validate(body);
    await this.sessions.save(keyId, {
      ...(await withHashedBasicAuthPassword(session)),
      date_created: previous.session.date_created,
      last_updated: String(Math.floor(Date.now() / 1000)),
    });
    if (!suppressReset)
      await this.resetQuotas(keyId, previous.session.access_rights, previous.session.apply_policies);
    await this.changed([keyId]);
    return { key, status: 'ok', action: 'modified' };
  }

  async delete(key: string, hashed: boolean): Promise<ModifyResponse> {
    this.assertWritable();
    const keyId = this.keyIdOf(key, hashed);
    if (!(await this.sessions.delete(keyId))) throw new NotFoundError('There is no such key found');
    await this.changed([keyId]);
    return { key, status: 'ok', action: 'deleted' };
  }

  private keyIdOf(key: string, hashed: boolean): string {
    return hashed ? key : this.idOf(key);
  }

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
    const policies = [
      ...session.apply_policies,
      ...(session.apply_policy_id ? [session.apply_policy_id] : []),
    ];
    if (
      Object.keys(session.access_rights).length === 0 &&
      policies.length === 0 &&
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
    for (const policyId of policies) {
      if (!this.lookups.policyExists(policyId)) {
        throw new InvalidInputError([
          { path: 'apply_policies', message: `policy ${policyId} does not exist` },
        ]);
      }
    }
    return body as Record<string, unknown>;
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
