import { createHash, randomBytes } from 'node:crypto';

/**
 * Secrets we mint (node tokens, API tokens) carry 256 bits of randomness, so a fast unsalted SHA-256 is
 * enough to store them: there is nothing to brute-force. Passwords need a memory-hard KDF instead.
 */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** A new random secret with a readable prefix that says what it is (`ghn_` node token, ...). */
export function mintSecret(prefix: string): string {
  return `${prefix}_${randomBytes(32).toString('base64url')}`;
}
