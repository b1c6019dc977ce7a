/** What a masked secret reads as. A write that sends it back keeps the stored value (see keepMaskedSecrets). */
export const MASKED_SECRET = '[secret]';

/** Field names that hold credentials wherever they appear in a Tyk definition (classic or OAS). */
const SECRET_NAMES = new Set([
  'secret',
  'password',
  'client_secret',
  'clientSecret',
  'private_key',
  'privateKey',
  'shared_secret',
  'sharedSecret',
  'hmac_secret',
]);

/** Header names that carry credentials, in a webhook's `headers` or a definition's header transforms. */
const CREDENTIAL_HEADER = /^(authorization|proxy-authorization|cookie|x-api-key|x-auth-token)$/i;

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date);
}

/** A JWT source is public only when it is a JWKS URL or a PEM public key/certificate (base64 or not). */
function isPublicJwtSource(source: string): boolean {
  const decoded = /^https?:\/\//.test(source) ? source : Buffer.from(source, 'base64').toString('utf8');
  return (
    /^https?:\/\//.test(decoded) || /-----BEGIN (PUBLIC KEY|CERTIFICATE|RSA PUBLIC KEY)-----/.test(decoded)
  );
}

/** `http://user:pass@host` -> `http://user:[secret]@host`; other strings unchanged. */
function maskUrlPassword(value: string): string {
  return value.replace(/^(https?:\/\/[^/:@]*:)[^/@]*@/i, `$1${MASKED_SECRET}@`);
}

function isSecretField(key: string, value: unknown, parent: Json): boolean {
  if (typeof value !== 'string' || value === '') return false;
  if (SECRET_NAMES.has(key) || CREDENTIAL_HEADER.test(key)) return true;
  if (key === 'jwt_source') return !isPublicJwtSource(value);
  // An OAS JWT security scheme keeps its secret in `source`, next to `signingMethod`.
  if (key === 'source' && 'signingMethod' in parent) return !isPublicJwtSource(value);
  return false;
}

function walk(value: unknown, visit: (key: string, child: unknown, parent: Json) => unknown): unknown {
  if (Array.isArray(value)) return value.map((item) => walk(item, visit));
  if (!isObject(value)) return value;
  const out: Json = {};
  for (const [key, child] of Object.entries(value)) out[key] = visit(key, walk(child, visit), value);
  return out;
}

/**
 * A Tyk API definition with its secrets masked: JWT HMAC secrets, upstream and signing credentials,
 * passwords inside target URLs. Roles below api-editor read definitions this way; audit entries always
 * store them this way, so a reader of either cannot mint JWTs or call upstreams as the gateway.
 */
export function maskDefinitionSecrets<T>(definition: T): T {
  return walk(definition, (key, child, parent) => {
    if (isSecretField(key, child, parent)) return MASKED_SECRET;
    if (typeof child === 'string' && (key === 'target_url' || key === 'url')) return maskUrlPassword(child);
    if (key === 'target_list' && Array.isArray(child))
      return child.map((entry) => (typeof entry === 'string' ? maskUrlPassword(entry) : entry));
    return child;
  }) as T;
}

/**
 * A definition written back after it was read masked: every field still holding the mask takes the
 * stored value again, so editing one field of a definition never wipes its secrets.
 */
export function keepMaskedSecrets(incoming: unknown, stored: unknown): unknown {
  if (incoming === MASKED_SECRET) return stored;
  if (Array.isArray(incoming))
    return incoming.map((item, index) =>
      keepMaskedSecrets(item, Array.isArray(stored) ? stored[index] : undefined),
    );
  if (!isObject(incoming)) {
    if (typeof incoming === 'string' && typeof stored === 'string' && incoming.includes(`:${MASKED_SECRET}@`))
      return incoming === maskUrlPassword(stored) ? stored : incoming;
    return incoming;
  }
  const from = isObject(stored) ? stored : {};
  return Object.fromEntries(
    Object.entries(incoming).map(([key, child]) => [key, keepMaskedSecrets(child, from[key])]),
  );
}
