import type { StoredOAuthClient } from '@gatehouse/gateway-storage';
import { ForbiddenError, InvalidInputError, NotFoundError } from '@gatehouse/shared-kernel';
import { newKeyId } from '@gatehouse/shared-tyk-compat';
import { randomBytes, randomUUID } from 'node:crypto';

import type { OAuthAdminOptions, OAuthClientAnswer } from './oauth-admin.types';
import type { ModifyResponse } from './tyk-api.types';

const CLIENT_NOT_FOUND = 'OAuth Client ID not found';
/** Printable, no space, `/` (it travels in paths) or `:` (HTTP Basic splits there). */
const CLIENT_ID = /^[\x21-\x2e\x30-\x39\x3b-\x7e]{1,128}$/;
const MAX_SECRET_LENGTH = 512;
const MAX_TEXT_LENGTH = 4096;

/** Tyk's error answer as a 400 (`{"status":"error","message":…}`). */
function badRequest(message: string): InvalidInputError {
  return new InvalidInputError([{ path: '', message }]);
}

interface NewClientRequest {
  client_id: string;
  redirect_uri: string;
  api_id: string;
  policy_id: string;
  secret: string;
  meta_data: unknown;
  description: string;
}

/** Go's decoding into NewClientRequest: strings or null; anything else fails ("Unmarshalling failed"). */
function decodeRequest(body: unknown): NewClientRequest {
  if (body === null || typeof body !== 'object' || Array.isArray(body))
    throw badRequest('Unmarshalling failed');
  const raw = body as Record<string, unknown>;
  const text = (name: string, limit = MAX_TEXT_LENGTH): string => {
    const value = raw[name] ?? '';
    if (typeof value !== 'string') throw badRequest('Unmarshalling failed');
    if (value.length > limit) throw badRequest(`${name} is longer than ${limit} characters`);
    return value;
  };
  return {
    client_id: text('client_id'),
    redirect_uri: text('redirect_uri'),
    api_id: text('api_id'),
    policy_id: text('policy_id'),
    secret: text('secret', MAX_SECRET_LENGTH),
    meta_data: raw['meta_data'] ?? null,
    description: text('description'),
  };
}

export function clientAnswer(client: StoredOAuthClient, secret = ''): OAuthClientAnswer {
  return {
    client_id: client.id,
    redirect_uri: client.redirecturi,
    ...(client.policyid ? { policy_id: client.policyid } : {}),
    secret,
    meta_data: client.meta_data ?? null,
    description: client.description,
  };
}

/**
 * Tyk's OAuth client routes (gateway/api.go): create on one API or on every OAuth API of a policy, list,
 * read and delete per API. Tyk's 500s for bad input ("Unmarshalling failed") are 400s here.
 */
export class OAuthClientsService {
  constructor(
    private readonly options: OAuthAdminOptions,
    /** In hybrid mode clients belong to the control plane: writes answer 403 with this message. */
    private readonly readOnlyReason?: string,
  ) {}

  async create(body: unknown): Promise<OAuthClientAnswer> {
    if (this.readOnlyReason) throw new ForbiddenError(this.readOnlyReason);
    const request = decodeRequest(body);
    if (request.client_id && !CLIENT_ID.test(request.client_id))
      throw badRequest('client_id must be 1 to 128 printable characters without space, "/" or ":"');
    const apiIds = this.targets(request);
    const clientId = request.client_id || newKeyId();
    // Tyk's createOauthClientSecret: base64 of a random UUID.
    const secret = request.secret || Buffer.from(randomUUID()).toString('base64');
    const { store, maxClientsPerApi } = this.options;
    const client: StoredOAuthClient = {
      id: clientId,
      secret_hash: store.secretHash(clientId, secret),
      redirecturi: request.redirect_uri,
      policyid: request.policy_id,
      meta_data: request.meta_data,
      description: request.description,
      rev: randomBytes(8).toString('hex'),
    };
    for (const apiId of apiIds) {
      if (!(await store.saveClient(apiId, client, maxClientsPerApi)))
        throw badRequest(
          `API ${apiId} already holds ${maxClientsPerApi} OAuth clients, the most allowed (oauth_limits.max_clients_per_api)`,
        );
    }
    return clientAnswer(client, secret);
  }

  /** Tyk: 404 with a `null` body for an unknown API, `[]` for an API without OAuth. */
  async list(apiId: string): Promise<OAuthClientAnswer[] | null> {
    const spec = this.options.apis.api(apiId);
    if (!spec) return null;
    if (!spec.auth.oauth) return [];
    return (await this.options.store.listClients(apiId)).map((client) => clientAnswer(client));
  }

  async get(apiId: string, clientId: string): Promise<OAuthClientAnswer> {
    const client = this.options.apis.api(apiId)
      ? await this.options.store.findClient(apiId, clientId)
      : undefined;
    if (!client) throw new NotFoundError(CLIENT_NOT_FOUND);
    return clientAnswer(client);
  }

  /** Tyk answers "deleted" for a client that did not exist too. */
  async delete(apiId: string, clientId: string): Promise<ModifyResponse> {
    if (this.readOnlyReason) throw new ForbiddenError(this.readOnlyReason);
    if (!this.options.apis.api(apiId)?.auth.oauth) throw new NotFoundError(CLIENT_NOT_FOUND);
    await this.options.store.deleteClient(apiId, clientId);
    return { key: clientId, status: 'ok', action: 'deleted' };
  }

  /** The APIs a new client is stored on: the one named, or the OAuth APIs its policy grants. */
  private targets(request: NewClientRequest): string[] {
    const { apis } = this.options;
    if (request.policy_id && !apis.policy(request.policy_id)) throw badRequest("Policy doesn't exist");
    if (request.api_id) {
      const spec = apis.api(request.api_id);
      if (!spec) throw badRequest("API doesn't exist");
      if (!spec.auth.oauth) throw badRequest('API is not OAuth2');
      return [request.api_id];
    }
    const policy = apis.policy(request.policy_id);
    if (!policy) throw badRequest("Policy doesn't exist");
    const targets: string[] = [];
    for (const apiId of Object.keys(policy.access_rights)) {
      const spec = apis.api(apiId);
      if (!spec) throw badRequest("API doesn't exist");
      if (spec.auth.oauth) targets.push(apiId);
    }
    if (targets.length === 0) throw badRequest('API is not OAuth2');
    return targets;
  }
}
