import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

const VERSION = 'v1';

/** Whose snapshot it is: bound into the key and authenticated, so a blob cannot move between groups. */
export interface SealContext {
  orgId: string;
  groupId: string;
}

function keyFor(nodeToken: string, context: SealContext): Buffer {
  return Buffer.from(
    hkdfSync('sha256', nodeToken, 'gatehouse-emergency-snapshot', `${context.orgId}/${context.groupId}`, 32),
  );
}

/**
 * Encrypts an emergency snapshot with AES-256-GCM under a key derived (HKDF-SHA256) from the node token
 * every gateway of the group shares, so any of them, including one never connected before, can open
 * what a peer stored, and Redis alone reveals nothing.
 */
export function sealSnapshot(nodeToken: string, context: SealContext, plaintext: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyFor(nodeToken, context), iv);
  cipher.setAAD(Buffer.from(`${VERSION}:${context.orgId}/${context.groupId}`));
  const sealed = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return [VERSION, iv, cipher.getAuthTag(), sealed]
    .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
    .join('.');
}

/** The plaintext, or undefined when the blob was sealed with another token or group, or tampered with. */
export function openSnapshot(nodeToken: string, context: SealContext, blob: string): string | undefined {
  const [version, iv, tag, sealed] = blob.split('.');
  if (version !== VERSION || !iv || !tag || sealed === undefined) return undefined;
  try {
    const decipher = createDecipheriv(
      'aes-256-gcm',
      keyFor(nodeToken, context),
      Buffer.from(iv, 'base64url'),
    );
    decipher.setAAD(Buffer.from(`${VERSION}:${context.orgId}/${context.groupId}`));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(sealed, 'base64url')), decipher.final()]).toString(
      'utf8',
    );
  } catch {
    return undefined;
  }
}
