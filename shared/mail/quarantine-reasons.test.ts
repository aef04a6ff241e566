import { describe, expect, it } from 'vitest';
import { quarantineReasonKind } from './quarantine-reasons.js';

describe('quarantineReasonKind', () => {
  it.each([
    ['unparsable message: no header', 'unparsable'],
    ['replayed: <a@b> was already processed', 'replayed'],
    ['no usable sender address (From)', 'no-sender'],
    ['automatic mail (bounce: 550) that matches no ticket', 'automatic'],
    ['automatic mail (ooo: away) answering assist mail: nothing performed', 'automatic'],
    ['bad token: signature does not verify', 'bad-token'],
    ['expired token: k1 expired at 2026-01-01', 'expired-token'],
    ['wrong sender: x@y is not ed@z', 'wrong-sender'],
    ['unauthenticated: dmarc=fail', 'unauthenticated'],
    ['refused by the assist: ASSIST.ALREADY_ANSWERED: done', 'refused-by-assist'],
    ['processing failed repeatedly: boom', 'failed'],
    ['something new', 'other'],
  ])('reads "%s" as %s', (reason, kind) => {
    expect(quarantineReasonKind(reason)).toBe(kind);
  });
});
