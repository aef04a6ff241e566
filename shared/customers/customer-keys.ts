/**
 * Ids of the lookup-key documents (`email:<address>`, `domain:<domain>`, `crm:<address>`): the
 * value URI-encoded so every store can hold it (Cosmos refuses `/ \ # ?`), and shortened with a
 * hash past 200 characters so it stays under the 255-character id limit.
 */

const fnv1a = (text: string): string => {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
};

export const keyId = (prefix: 'email' | 'domain' | 'crm' | 'crm-id' | 'crm-note', value: string): string => {
  const encoded = encodeURIComponent(value.toLowerCase());
  return encoded.length <= 200 ? `${prefix}:${encoded}` : `${prefix}:${encoded.slice(0, 190)}~${fnv1a(encoded)}`;
};
