import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Db } from 'mongodb';

import { isDuplicateKey } from '../mongo-errors';

interface SealDocument {
  _id: 'announcement-seal';
  key: string;
  since: Date;
}

const MAC_HEX_LENGTH = 64;

/**
 * Ties the change announcements on Redis to one control-plane database. Bridges serve announced
 * entries to gateways without reading the database, so an entry must be trusted as if read from it:
 * one published by anything else on that Redis (another deployment or test run sharing it, whose
 * revision numbers collide with ours, or whoever can reach Redis) must not be served. The key is random
 * per database and lives in it, so only processes that can read the database can seal; it guards
 * nothing the database's own readers could not change directly.
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

  /** `<mac>.<payload>`: the MAC covers the payload exactly as sent, so no re-serialisation can differ. */
  seal(payload: string): string {
    return `${this.mac(payload)}.${payload}`;
  }

  /** The payload of a message this database's processes sealed, or undefined for any other. */
  open(message: string): string | undefined {
    const mac = message.slice(0, MAC_HEX_LENGTH);
    if (message[MAC_HEX_LENGTH] !== '.' || !/^[0-9a-f]+$/.test(mac)) return undefined;
    const payload = message.slice(MAC_HEX_LENGTH + 1);
    const expected = Buffer.from(this.mac(payload), 'hex');
    return timingSafeEqual(expected, Buffer.from(mac, 'hex')) ? payload : undefined;
  }

  private mac(payload: string): string {
    return createHmac('sha256', this.key).update(payload).digest('hex');
  }
}
