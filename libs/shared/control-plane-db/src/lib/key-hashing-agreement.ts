import type { Collection, Db } from 'mongodb';
import { isDuplicateKey } from './mongo-errors';

interface AgreementDocument {
  _id: 'key-hashing';
  fingerprint: string;
  since: Date;
}

/** The dashboard and a bridge (or two bridges) were started with different key-hashing settings. */
export class KeyHashingMismatchError extends Error {
  constructor() {
    super(
      'key hashing differs from the rest of the control plane (KEY_HASHING_ALGORITHM / KEY_HASHING_SECRET): ' +
        'every process must use the same settings, or no key would be found',
    );
  }
}

/**
 * Makes every control-plane process hash keys the same way: the first to start records a fingerprint of
 * its settings (not the secret), later ones must match it. A mismatched secret would otherwise make
 * every key unknown in every region, silently.
 */
export class KeyHashingAgreement {
  private readonly settings: Collection<AgreementDocument>;

  constructor(db: Db) {
    this.settings = db.collection<AgreementDocument>('control_plane_settings');
  }

  async confirm(fingerprint: string): Promise<void> {
    try {
      await this.settings.insertOne({ _id: 'key-hashing', fingerprint, since: new Date() });
      return;
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
    const agreed = await this.settings.findOne({ _id: 'key-hashing' });
    if (agreed?.fingerprint !== fingerprint) throw new KeyHashingMismatchError();
  }
}
