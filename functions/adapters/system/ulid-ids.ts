/**
 * Time-sortable unique ids (ULID layout: 48-bit milliseconds + 80 random bits, Crockford
 * base32), monotonic within one process so ids made in the same millisecond still sort.
 */
import { randomBytes } from 'node:crypto';
import type { IdGenerator } from '../../../shared/ports/id-generator.js';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

const encodeTime = (ms: number): string => {
  let out = '';
  let rest = ms;
  for (let i = 0; i < 10; i++) {
    out = ALPHABET[rest % 32] + out;
    rest = Math.floor(rest / 32);
  }
  return out;
};

export class UlidIds implements IdGenerator {
  private lastTime = -1;
  private lastRandom: number[] = [];

  next(prefix = ''): string {
    const now = Date.now();
    if (now <= this.lastTime) {
      this.increment();
    } else {
      this.lastTime = now;
      this.lastRandom = [...randomBytes(16)].map((b) => b % 32);
    }
    return prefix + encodeTime(this.lastTime) + this.lastRandom.map((d) => ALPHABET[d]).join('');
  }

  private increment(): void {
    for (let i = this.lastRandom.length - 1; i >= 0; i--) {
      const digit = (this.lastRandom[i] as number) + 1;
      if (digit < 32) {
        this.lastRandom[i] = digit;
        return;
      }
      this.lastRandom[i] = 0;
    }
  }
}
