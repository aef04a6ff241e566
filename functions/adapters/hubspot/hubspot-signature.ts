/**
 * HubSpot webhook signatures, v3: Base64(HMAC-SHA256(client secret, method + full URI + raw
 * body + X-HubSpot-Request-Timestamp)), compared in constant time; a timestamp older than
 * 5 minutes or ahead of our clock (beyond a small skew) is refused, so a captured request cannot
 * be replayed later.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const MAX_SIGNATURE_AGE_MS = 5 * 60_000;
/** Clocks differ a little; a timestamp further ahead than this is "in the future". */
export const MAX_CLOCK_SKEW_MS = 5_000;

export const signV3 = (secret: string, method: string, uri: string, body: string, timestamp: string): string =>
  createHmac('sha256', secret).update(`${method}${uri}${body}${timestamp}`, 'utf8').digest('base64');

export type SignatureCheck = { ok: true } | { ok: false; reason: string };

export function verifyV3(input: {
  secret: string;
  method: string;
  uri: string;
  body: string;
  signature: string | null;
  timestamp: string | null;
  now: number;
}): SignatureCheck {
  if (!input.signature) return { ok: false, reason: 'no X-HubSpot-Signature-v3 header' };
  if (!input.timestamp || !/^\d{1,16}$/.test(input.timestamp))
    return { ok: false, reason: 'no valid X-HubSpot-Request-Timestamp header' };
  const at = Number(input.timestamp);
  if (input.now - at > MAX_SIGNATURE_AGE_MS) return { ok: false, reason: 'the timestamp is older than 5 minutes' };
  if (at - input.now > MAX_CLOCK_SKEW_MS) return { ok: false, reason: 'the timestamp is in the future' };
  const expected = Buffer.from(signV3(input.secret, input.method, input.uri, input.body, input.timestamp), 'utf8');
  const given = Buffer.from(input.signature, 'utf8');
  if (expected.length !== given.length || !timingSafeEqual(expected, given))
    return { ok: false, reason: 'the signature does not match' };
  return { ok: true };
}
