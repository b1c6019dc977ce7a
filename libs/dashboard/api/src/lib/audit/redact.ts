const SECRET_FIELDS =
  /^(password|passwordHash|token|secret|hash|invitation|invitationHash|basic_auth_data|hmac_string|jwt_data)$/i;

/** A copy with every secret-looking field replaced, for audit entries and logs. */
export function redact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redact);
  if (value === null || typeof value !== 'object' || value instanceof Date) return value;
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).map(([key, child]) => [
      key,
      SECRET_FIELDS.test(key) ? '[redacted]' : redact(child),
    ]),
  );
}
