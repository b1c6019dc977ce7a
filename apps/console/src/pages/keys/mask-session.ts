/** What a masked value shows instead of the secret. */
export const MASK = '••••••••';

/**
 * Field names that hold secrets in a Tyk session (basic auth and JWT secrets, the HMAC shared secret,
 * OAuth tokens) or in anything a future Tyk version adds under a similar name.
 */
const SECRET_NAME = /secret|password|passwd|token|hmac_string|private|credential|signature|^hash$/i;

/**
 * A copy of a session fit for the screen: every secret-looking field masked, at any depth. The API
 * already redacts; this is the console's own guarantee, so an API change cannot put a secret on screen.
 */
export function maskSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(maskSecrets);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).map(([name, child]) => [
      name,
      SECRET_NAME.test(name) && child !== null && child !== '' ? MASK : maskSecrets(child),
    ]),
  );
}
