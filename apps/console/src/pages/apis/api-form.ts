import * as z from 'zod/mini';

import { isJsonObject, type JsonObject } from '../../ui/json-editor/json-document';

export type AuthChoice = 'keyless' | 'token' | 'other';

/** The common fields of a classic (Tyk) API definition, as the form edits them. */
export interface ApiFormValues {
  apiId: string;
  name: string;
  listenPath: string;
  targetUrl: string;
  stripListenPath: boolean;
  active: boolean;
  auth: AuthChoice;
  authHeaderName: string;
  /** Comma-separated. */
  tags: string;
}

/** The definition members each form field writes: the API's issues on them are shown under the field. */
export const API_FORM_MEMBERS: Record<keyof ApiFormValues, readonly string[]> = {
  apiId: ['api_id'],
  name: ['name'],
  listenPath: ['proxy.listen_path'],
  targetUrl: ['proxy.target_url'],
  stripListenPath: ['proxy.strip_listen_path'],
  active: ['active'],
  auth: ['use_keyless', 'use_standard_auth'],
  authHeaderName: ['auth.auth_header_name', 'auth'],
  tags: ['tags'],
};

/** Auth modes other than keyless and auth token, by how the list names them; the form leaves them to JSON. */
const OTHER_AUTH: Record<string, string> = {
  use_basic_auth: 'Basic',
  enable_jwt: 'JWT',
  use_oauth2: 'OAuth 2.0',
  enable_signature_checking: 'HMAC',
  use_openid: 'OpenID',
  use_go_plugin_auth: 'Go plugin',
  enable_coprocess_auth: 'Custom plugin',
  use_mutual_tls_auth: 'Mutual TLS',
};
const OTHER_AUTH_FLAGS = Object.keys(OTHER_AUTH);

export const apiFormSchema = z.object({
  apiId: z.string().check(z.minLength(1, 'Enter an API ID'), z.maxLength(256, 'At most 256 characters')),
  name: z.string().check(z.trim(), z.minLength(1, 'Enter a name')),
  listenPath: z.string().check(z.regex(/^\//, 'Start the listen path with /')),
  targetUrl: z.string().check(z.regex(/^https?:\/\/[^/]/, 'Enter an http(s) URL, e.g. http://upstream:8080')),
  stripListenPath: z.boolean(),
  active: z.boolean(),
  auth: z.enum(['keyless', 'token', 'other']),
  authHeaderName: z.string(),
  tags: z.string(),
});

const record = (value: unknown): JsonObject => (isJsonObject(value) ? value : {});
const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/** Whether a stored definition is Tyk OAS (edited as JSON only) rather than classic. */
export function isOasDefinition(document: JsonObject): boolean {
  return typeof document['openapi'] === 'string' || isJsonObject(document['x-tyk-api-gateway']);
}

function authOf(document: JsonObject): AuthChoice {
  if (document['use_keyless'] === true) return 'keyless';
  if (OTHER_AUTH_FLAGS.some((flag) => document[flag] === true)) return 'other';
  // Tyk treats a definition with no auth mode switched on as auth token, whether or not it says so.
  return 'token';
}

/** How an API authenticates callers, in words (classic flags, or a Tyk OAS definition's server settings). */
export function authLabel(document: JsonObject): string {
  if (isOasDefinition(document)) {
    const server = record(record(document['x-tyk-api-gateway'])['server']);
    return record(server['authentication'])['enabled'] === true ? 'Authenticated (OAS)' : 'Keyless';
  }
  const choice = authOf(document);
  if (choice === 'keyless') return 'Keyless';
  if (choice === 'token') return 'Auth token';
  return OTHER_AUTH_FLAGS.filter((flag) => document[flag] === true)
    .map((flag) => OTHER_AUTH[flag])
    .join(', ');
}

export function tagsFromText(value: string): string[] {
  return [
    ...new Set(
      value
        .split(',')
        .map((tag) => tag.trim())
        .filter(Boolean),
    ),
  ];
}

/** What the form shows of a classic definition. */
export function apiFormFromDefinition(document: JsonObject): ApiFormValues {
  const proxy = record(document['proxy']);
  const auth = record(document['auth']);
  const tags = Array.isArray(document['tags'])
    ? document['tags'].filter((tag) => typeof tag === 'string')
    : [];
  return {
    apiId: text(document['api_id']),
    name: text(document['name']),
    listenPath: text(proxy['listen_path']),
    targetUrl: text(proxy['target_url']),
    stripListenPath: proxy['strip_listen_path'] === true,
    active: document['active'] !== false,
    auth: authOf(document),
    authHeaderName: text(auth['auth_header_name']) || 'Authorization',
    tags: tags.join(', '),
  };
}

function withAuth(document: JsonObject, values: ApiFormValues): JsonObject {
  if (values.auth === 'other') return document;
  if (values.auth === 'keyless') return { ...document, use_keyless: true, use_standard_auth: false };
  const switchedOff = Object.fromEntries(
    OTHER_AUTH_FLAGS.filter((flag) => document[flag] === true).map((flag) => [flag, false]),
  );
  return {
    ...document,
    ...switchedOff,
    use_keyless: false,
    use_standard_auth: true,
    auth: { ...record(document['auth']), auth_header_name: values.authHeaderName.trim() || 'Authorization' },
  };
}

/** The definition with the form's values written in; every member the form does not name is kept as it was. */
export function apiDefinitionFromForm(document: JsonObject, values: ApiFormValues): JsonObject {
  const proxy = record(document['proxy']);
  return withAuth(
    {
      ...document,
      api_id: values.apiId,
      name: values.name.trim(),
      active: values.active,
      tags: tagsFromText(values.tags),
      proxy: {
        ...proxy,
        listen_path: values.listenPath,
        target_url: values.targetUrl,
        strip_listen_path: values.stripListenPath,
      },
    },
    values,
  );
}

/** A fresh id the way Tyk makes them (32 hex characters), so a new API can be saved without typing one. */
function newApiId(): string {
  return crypto.randomUUID().replace(/-/g, '');
}

/** A new classic definition: keyless, active, versioning off (one "Default" version). */
export function newApiDefinition(apiId = newApiId()): JsonObject {
  return {
    api_id: apiId,
    name: '',
    active: true,
    use_keyless: true,
    use_standard_auth: false,
    auth: { auth_header_name: 'Authorization' },
    proxy: { listen_path: '/', target_url: '', strip_listen_path: true },
    version_data: {
      not_versioned: true,
      default_version: 'Default',
      versions: { Default: { name: 'Default', use_extended_paths: true } },
    },
    tags: [],
  };
}
