// Pairing codes: the 6 digits an admin reads out to a device (a till, a door phone) that
// exchanges them for its token. A code is single use and short-lived; a code still pending
// for another device is never reissued, a spent one (used or expired) is recycled.
import { randomInt } from 'node:crypto';
import { AppError } from '../shared/errors.js';
import { isDuplicateKey, type Collection } from '../store/port.js';

export interface PairingCodeDoc {
  _id: string;
  expiresAt: number;
  used: boolean;
  createdAt: number;
}

/** Draws a free code and stores it with `owner` (the device it pairs). */
export async function issuePairingCode<T extends PairingCodeDoc>(codes: Collection<T>, owner: Omit<T, keyof PairingCodeDoc>, expiresAt: number, now: number): Promise<string> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    try {
      await codes.insertOne({ ...owner, _id: code, expiresAt, used: false, createdAt: now } as T);
      return code;
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      await codes.deleteOne({ _id: code, used: true });
      await codes.deleteOne({ _id: code, expiresAt: { $lte: now } });
    }
  }
  throw new AppError('UNAVAILABLE', 'could not draw a free pairing code; retry');
}
