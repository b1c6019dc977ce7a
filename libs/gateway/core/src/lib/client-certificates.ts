import type { FieldIssue } from '@gatehouse/shared-kernel';

/** A SHA-256 fingerprint: 64 hex digits, at the end of a Tyk certificate id (`<org id><sha256>`). */
const FINGERPRINT = /([0-9a-f]{64})$/;

/**
 * Tyk's `client_certificates` as the SHA-256 fingerprints of the certificates allowed: each entry a
 * fingerprint (hex, colons allowed) or a Tyk certificate id, whose last 64 hex digits are one.
 */
export function compileClientCertificates(entries: readonly string[], issues: FieldIssue[]): Set<string> {
  const allowed = new Set<string>();
  entries.forEach((entry, at) => {
    const fingerprint = FINGERPRINT.exec(entry.replace(/:/g, '').toLowerCase())?.[1];
    if (fingerprint) allowed.add(fingerprint);
    else
      issues.push({
        path: `client_certificates.${at}`,
        message: 'a SHA-256 certificate fingerprint (64 hex digits), or a Tyk certificate id ending in one',
      });
  });
  return allowed;
}
