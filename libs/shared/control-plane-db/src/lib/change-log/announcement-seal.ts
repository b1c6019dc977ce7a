import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Db } from 'mongodb';

import { isDuplicateKey } from '../mongo-errors';

interface SealDocument {
  _id: 'announcement-seal';
  key: string;
  since: Date;
}

const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * Ties the change announcements on Redis to one control-plane database, with AES-256-GCM. Bridges
 * serve announced entries to gateways without reading the database, so an entry must be trusted as if
 * read from it: one published by anything else on that Redis (another deployment or test run sharing
 * it, whose revision numbers collide with ours, or whoever can reach Redis) must not be served. And an
 * entry carries an API definition, whose upstream credentials must not be readable by whoever
 * subscribes. The key is random per database and lives in it, so only processes that can read the
 * database can seal or open; it guards nothing the database's own readers could not read directly.
 */
export class AnnouncementSeal {
  private constructor(private readonly key: Buffer) {}

  /** The database's seal, created by the first process that asks (race-safe through `_id`). */
  static async of(db: Db): Promise<AnnouncementSeal> {
    const settings = db.collection<SealDocument>('control_plane_settings');
    try {
      const key = randomBytes(32).toString('base64');
      await settings.insertOne({ _id: 'announcement-seal', key, since: new Date() });
      return new AnnouncementSeal(Buffer.from(key, 'base64'));
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
    const stored = await settings.findOne({ _id: 'announcement-seal' });
    if (!stored) throw new Error('the announcement seal vanished while being read');
    return new AnnouncementSeal(Buffer.from(stored.key, 'base64'));
  }

  /** Base64 of IV, tag and ciphertext: a fresh IV for every message. */
  seal(payload: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const sealed = Buffer.concat([cipher.update(payload, 'utf8'), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString('base64');
  }

  /** The payload of a message this database's processes sealed, or undefined for any other. */
  open(message: string): string | undefined {
    const bytes = Buffer.from(message, 'base64');
    if (bytes.length < IV_BYTES + TAG_BYTES) return undefined;
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, bytes.subarray(0, IV_BYTES));
      decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
      const body = bytes.subarray(IV_BYTES + TAG_BYTES);
      return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
    } catch {
      return undefined;
    }
  }
}
