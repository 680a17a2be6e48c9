import { createHash, createHmac, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hmacSha256Hex, sha256 } from './hmac.js';

describe('the terminal HMAC-SHA256 (no WebCrypto needed)', () => {
  it('agrees with node:crypto on SHA-256 of lengths around block edges', () => {
    for (const length of [0, 1, 55, 56, 63, 64, 65, 119, 120, 1000]) {
      const data = randomBytes(length);
      expect(Buffer.from(sha256(new Uint8Array(data))).toString('hex')).toBe(createHash('sha256').update(data).digest('hex'));
    }
  });

  it('agrees with node:crypto on HMAC of journal-like texts, accents included', () => {
    const key = randomBytes(32).toString('hex');
    for (const text of ['', '{"v":1,"txId":"abc"}', 'Crêpe € '.repeat(40)]) {
      expect(hmacSha256Hex(key, text)).toBe(createHmac('sha256', Buffer.from(key, 'hex')).update(text, 'utf8').digest('hex'));
    }
  });
});
