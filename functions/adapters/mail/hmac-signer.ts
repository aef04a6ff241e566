/** Signer over HMAC-SHA256 (node:crypto): 20 base32 characters (100 bits) of the MAC, compared in constant time. */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Signer } from '../../../shared/ports/signer.js';

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';
const LENGTH = 20;

const base32 = (bytes: Buffer): string => {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5 && out.length < LENGTH) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= 0xff;
  }
  return out;
};

export class HmacSigner implements Signer {
  constructor(private readonly secret: string) {
    if (secret.length < 16) throw new Error('The mail signing secret must have at least 16 characters');
  }

  sign(value: string): string {
    return base32(createHmac('sha256', this.secret).update(value, 'utf8').digest());
  }

  verify(value: string, signature: string): boolean {
    const expected = Buffer.from(this.sign(value));
    const given = Buffer.from(signature);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }
}
