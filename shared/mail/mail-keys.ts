/**
 * Document ids for the `mail` container derived from Message-IDs, addresses and provider ids.
 * Those may hold characters Cosmos refuses in ids (`/ \ ? #`) and may be long, so they are
 * escaped and, past a length, shortened with a hash of the whole value (no node:crypto here).
 */
const SAFE = /[A-Za-z0-9._@+=-]/;
const MAX = 180;

/** cyrb53: a fast, well-distributed 53-bit string hash (not cryptographic; ids only). */
function cyrb53(value: string, seed: number): number {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < value.length; i++) {
    const ch = value.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

export const hashOf = (value: string): string => cyrb53(value, 1).toString(36) + cyrb53(value, 7).toString(36);

/** An id-safe, bounded, injective-enough key for `value`. */
export function mailKey(value: string): string {
  let out = '';
  for (const ch of value) out += SAFE.test(ch) ? ch : `~${ch.codePointAt(0)?.toString(16)}~`;
  return out.length <= MAX ? out : `${out.slice(0, 120)}~h${hashOf(value)}`;
}

export const messageDocId = (messageId: string): string => `msg.${mailKey(messageId)}`;
export const providerDocId = (provider: string, providerMessageId: string): string =>
  `prov.${provider}.${mailKey(providerMessageId)}`;
export const conversationDocId = (conversationId: string): string => `conv.${mailKey(conversationId)}`;
export const bouncingDocId = (address: string): string => `bounce.${mailKey(address.toLowerCase())}`;
export const outboundDocId = (entryId: string): string => `out.${entryId}`;
