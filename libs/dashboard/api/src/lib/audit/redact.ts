const SECRET_FIELDS =
  /^(password|passwordHash|token|secret|hash|invitation|invitationHash|basic_auth_data|hmac_string|jwt_data)$/i;

/** What a secret field reads as in answers, audit entries and logs. */
export const REDACTED = '[redacted]';

/** A copy with every secret-looking field replaced, for audit entries and logs. */
export function redact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redact);
  if (value === null || typeof value !== 'object' || value instanceof Date) return value;
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).map(([key, child]) => [
      key,
      SECRET_FIELDS.test(key) ? REDACTED : redact(child),
    ]),
  );
}

/**
 * `incoming` with every secret field that still reads `[redacted]` given back its stored value: a client
 * that read a document (secrets masked) and sends it back changed elsewhere, as the console does to
 * deactivate a key, must not overwrite the secrets with the mask.
 */
export function keepRedactedSecrets(incoming: unknown, stored: unknown): unknown {
  if (Array.isArray(incoming)) {
    return incoming.map((item, index) =>
      keepRedactedSecrets(item, Array.isArray(stored) ? stored[index] : undefined),
    );
  }
  if (incoming === null || typeof incoming !== 'object') return incoming;
  const storedFields =
    stored !== null && typeof stored === 'object' ? (stored as Record<string, unknown>) : {};
  return Object.fromEntries(
    Object.entries(incoming as Record<string, unknown>).map(([key, child]) => [
      key,
      SECRET_FIELDS.test(key) && child === REDACTED && key in storedFields
        ? storedFields[key]
        : keepRedactedSecrets(child, storedFields[key]),
    ]),
  );
}
