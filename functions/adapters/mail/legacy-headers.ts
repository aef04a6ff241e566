/**
 * Header decoding for what libmime gets wrong in mail from old clients: raw 8-bit bytes with no
 * encoded word (an ISO-8859-1 Subject from Outlook 2000), 8-bit bytes inside an RFC 2047 encoded
 * word, and encoded words in UTF-7. It works on mailparser's raw header lines (binary strings, one
 * character per byte) and is only asked about a header that needs it (`needsLegacyDecoding`), so
 * everything else keeps mailparser's result.
 */
import { isUtf8 } from 'node:buffer';
import addressparser from 'nodemailer/lib/addressparser/index.js';
import {
  decodeKnown,
  hasEightBit,
  isUtf8OrAsciiName,
  type LegacyFallback,
  libmimeMisdecodes,
} from './legacy-charsets.js';

const ENCODED_WORD = /=\?([^?\s]+)\?([bBqQ])\?([^?]*)\?=/g;
const EIGHT_BIT = /[\x80-\xff]/;

const bytesOf = (binary: string): Buffer => Buffer.from(binary, 'latin1');

/** The value of a raw header line (`Subject: ...`, folded), as a binary string. */
export const rawHeaderValue = (line: string): string =>
  line
    .slice(line.indexOf(':') + 1)
    .replace(/\r?\n[ \t]+/g, ' ')
    .trim();

/** Whether libmime's reading of this raw value (binary string) would lose letters. */
export function needsLegacyDecoding(value: string): boolean {
  if (EIGHT_BIT.test(value)) {
    if (!isUtf8(bytesOf(value))) return true;
    // Valid UTF-8 overall, but 8-bit bytes inside an encoded word belong to the word's charset.
    for (const [, , , text] of value.matchAll(ENCODED_WORD)) if (EIGHT_BIT.test(text as string)) return true;
  }
  for (const [, charset] of value.matchAll(ENCODED_WORD)) {
    const name = (charset as string).split('*')[0] as string;
    if (libmimeMisdecodes(name)) return true;
  }
  return false;
}

/** The charsets named by encoded words in these raw values (hints for undeclared bytes). */
export const encodedWordCharsets = (values: readonly string[]): string[] => [
  ...new Set(values.flatMap((v) => [...v.matchAll(ENCODED_WORD)].map((m) => (m[1] as string).split('*')[0] as string))),
];

function wordBytes(encoding: string, text: string): Buffer {
  if (encoding.toUpperCase() === 'B') return Buffer.from(text.replace(/[^A-Za-z0-9+/]/g, ''), 'base64');
  return bytesOf(
    text.replace(/_/g, ' ').replace(/=([0-9A-Fa-f]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))),
  );
}

function decodeWordBytes(bytes: Buffer, charset: string, fallback: LegacyFallback): string {
  // A word declared UTF-8 (or ASCII) that is not: an old client labelled its own charset wrongly.
  if (isUtf8OrAsciiName(charset)) return isUtf8(bytes) ? bytes.toString('utf8') : fallback.decode(bytes);
  const known = decodeKnown(bytes, charset);
  return known ?? fallback.decode(bytes);
}

/**
 * Decodes encoded words in `value`; the text between them is raw bytes (`binary`: a header value
 * as received) or already text (`text`: a display name addressparser took from decoded text).
 * Adjacent words of one charset are joined as bytes first, so a character split across two words
 * survives; whitespace between encoded words is dropped (RFC 2047 section 6.2).
 */
export function decodeWords(value: string, fallback: LegacyFallback, between: 'binary' | 'text'): string {
  const out: string[] = [];
  let pending: { charset: string; bytes: Buffer[] } | null = null;
  let last = 0;
  const flush = () => {
    if (pending) out.push(decodeWordBytes(Buffer.concat(pending.bytes), pending.charset, fallback));
    pending = null;
  };
  for (const match of value.matchAll(ENCODED_WORD)) {
    const gap = value.slice(last, match.index);
    const charset = (match[1] as string).split('*')[0] as string;
    const bytes = wordBytes(match[2] as string, match[3] as string);
    const adjacent = pending !== null && gap.trim() === '';
    if (adjacent && pending?.charset.toLowerCase() === charset.toLowerCase()) {
      pending.bytes.push(bytes);
    } else {
      flush();
      if (!adjacent) out.push(between === 'binary' ? decodeRaw(gap, fallback) : gap);
      pending = { charset, bytes: [bytes] };
    }
    last = (match.index as number) + match[0].length;
  }
  flush();
  const tail = value.slice(last);
  out.push(between === 'binary' ? decodeRaw(tail, fallback) : tail);
  return out.join('');
}

/** Raw bytes outside encoded words: UTF-8 when valid, else the message's legacy charset. */
const decodeRaw = (binary: string, fallback: LegacyFallback): string => {
  if (!EIGHT_BIT.test(binary)) return binary;
  const bytes = bytesOf(binary);
  return hasEightBit(bytes) ? fallback.decode(bytes) : binary;
};

/** A subject as its sender wrote it, from the raw value. */
export const decodeSubject = (value: string, fallback: LegacyFallback): string =>
  decodeWords(value, fallback, 'binary')
    .replace(/[\r\n]+/g, ' ')
    .trim();

export interface DecodedAddress {
  readonly address: string;
  readonly name: string;
}

/**
 * An address header's addresses with their display names decoded: raw 8-bit text is decoded
 * before addressparser splits the list (so a decoded "," in a name cannot split it), encoded words
 * after (an encoded word only ever decodes into a name, RFC 2047 section 5).
 */
export function decodeAddressNames(value: string, fallback: LegacyFallback): DecodedAddress[] {
  let text = '';
  let last = 0;
  for (const match of value.matchAll(ENCODED_WORD)) {
    text += decodeRaw(value.slice(last, match.index), fallback) + match[0];
    last = (match.index as number) + match[0].length;
  }
  text += decodeRaw(value.slice(last), fallback);
  const flat = (list: ReturnType<typeof addressparser>): DecodedAddress[] =>
    list.flatMap((a) =>
      'group' in a && a.group
        ? flat(a.group)
        : [
            {
              address: ('address' in a ? a.address : '') ?? '',
              name: decodeWords(a.name ?? '', fallback, 'text').trim(),
            },
          ],
    );
  return flat(addressparser(text));
}
