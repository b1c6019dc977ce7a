import type { StoredOAuthClient } from '@gatehouse/gateway-storage';
import {
  applyPolicies,
  generateKey,
  newKeyId,
  PolicyApplicationError,
  PolicyLookup,
  SessionState,
  sessionStateSchema,
} from '@gatehouse/shared-tyk-compat';
import { randomUUID } from 'node:crypto';

import { OAuthAnswer, osinError, tokenOutput } from './oauth-answers';
import type { OAuthServerDependencies } from './oauth-ports';

/**
 * Tyk's generateSessionFromPolicy: a session naming the client's policy, in the policy's organisation,
 * with the policy applied as for any key (applyPolicies); undefined when the policy cannot apply.
 */
export function sessionFromPolicy(policyId: string, lookup: PolicyLookup): SessionState | undefined {
  const policy = policyId ? lookup(policyId) : undefined;
  if (!policy) return undefined;
  try {
    const base = sessionStateSchema.parse({ org_id: policy.org_id, apply_policies: [policyId] });
    return applyPolicies(base, lookup, policy.org_id);
  } catch (error) {
    if (error instanceof PolicyApplicationError) return undefined;
    throw error;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

export interface IssueRequest {
  apiId: string;
  client: StoredOAuthClient;
  /** The session to build the token from (osin's UserData: a password grant's user); else the policy's. */
  userData?: Record<string, unknown>;
  withRefresh: boolean;
  /** The request's `scope`, echoed as osin echoes it. */
  scope: string;
}

/**
 * osin's FinishAccessRequest with Tyk's SaveAccess: mints the access token (a key in Tyk's format, in
 * the session's organisation) and, for grants that get one, a refresh token; stores the session the
 * token authenticates as; answers osin's JSON. Raw tokens leave only in the answer.
 */
export class TokenIssuer {
  constructor(
    private readonly deps: OAuthServerDependencies,
    private readonly now: () => number = Date.now,
  ) {}

  async issue(request: IssueRequest): Promise<OAuthAnswer> {
    const { settings } = this.deps;
    const { client } = request;
    const base: Record<string, unknown> | undefined =
      request.userData ?? sessionFromPolicy(client.policyid, this.deps.policies());
    // Tyk: "Couldn't use policy or key rules to create token, failing".
    if (!base) return osinError('server_error', settings.errorStatus);
    const nowMs = this.now();
    const nowSeconds = Math.floor(nowMs / 1000);
    const expiresIn = settings.tokenExpireSeconds;
    const accessToken = generateKey(String(base['org_id'] ?? ''), newKeyId(), settings.keyFormat);
    const refreshToken = request.withRefresh ? Buffer.from(randomUUID()).toString('base64') : undefined;
    const clientMeta = isRecord(client.meta_data) ? client.meta_data : {};
    const session = {
      ...base,
      oauth_client_id: client.id,
      // Gatehouse's: binds the token to this registration of the client (see StoredOAuthClient.rev).
      oauth_client_rev: client.rev,
      expires: nowSeconds + expiresIn,
      // The client's metadata, the session's own values winning, as Tyk merges them.
      meta_data: { ...clientMeta, ...(isRecord(base['meta_data']) ? base['meta_data'] : {}) },
      basic_auth_data: { password: '', hash_type: '' },
      date_created: new Date(nowMs).toISOString(),
      last_updated: String(nowSeconds),
    };
    await this.deps.store.issue({
      apiId: request.apiId,
      clientId: client.id,
      accessToken,
      session,
      expiresAt: nowSeconds + expiresIn,
      sessionTtl: expiresIn + settings.expiredGraceSeconds,
      refresh: refreshToken
        ? {
            token: refreshToken,
            ttl: settings.refreshExpireSeconds,
            record: { user_data: base, scope: request.scope },
          }
        : undefined,
      maxTokens: settings.maxTokensPerClient,
    });
    return tokenOutput({
      access_token: accessToken,
      token_type: 'bearer',
      expires_in: expiresIn,
      ...(refreshToken ? { refresh_token: refreshToken } : {}),
      ...(request.scope ? { scope: request.scope } : {}),
    });
  }
}
