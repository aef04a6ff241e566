/**
 * Charset decoding for mail from old clients. mailparser (through libmime) decodes every charset
 * iconv-lite knows except UTF-7, which it refuses on purpose (it can smuggle "<script>" past a
 * filter that looks for "<"); here everything it produces is sanitized or shown as text, so UTF-7
 * is decoded too. Bytes whose charset is undeclared or wrong (raw 8-bit headers, `us-ascii` parts
 * holding Latin-1) are decoded by a LegacyFallback: the message's own declarations first, else
 * chardet, never U+FFFD for bytes that are valid in the charset chosen.
 */
import { isUtf8 } from 'node:buffer';
import { analyse } from 'chardet';
import iconv from 'iconv-lite';
import libmime from 'libmime';

const UTF7 = /^(?:(?:cs)?unicode11)?utf7(?:imap)?$/;
const UTF8_OR_ASCII = /^(?:utf8|usascii|ascii|ansix341968|iso646us|7bit|8bit)$/;
/**
 * Names libmime resolves to another charset than they name (`latin9` to windows-1254, not
 * ISO-8859-15; `latin7` to ISO-8859-7, not -13): iconv-lite reads them right.
 */
const LIBMIME_MISREADS = /^(?:latin|l)(?:7|8|9|10)$/;
/** libmime decodes these with encoding-japanese (iconv-lite lacks them). */
const JAPANESE = /^(?:jis|iso2022jp|eucjp)/;

const squash = (charset: string): string => charset.toLowerCase().replace(/[^a-z0-9]/g, '');

export const hasEightBit = (bytes: Uint8Array): boolean => {
  for (const byte of bytes) if (byte >= 0x80) return true;
  return false;
};

export const isUtf8OrAsciiName = (charset: string): boolean => UTF8_OR_ASCII.test(squash(charset));

/** The charset name without quotes and RFC 2231 language (`utf-8*de`), or null when blank. */
export const cleanCharsetName = (charset: string | null | undefined): string | null => {
  const name =
    (charset ?? '')
      .replace(/^["']+|["']+$/g, '')
      .split('*')[0]
      ?.trim() ?? '';
  return name === '' ? null : name;
};

/** Whether `charset` names a charset this module can decode (libmime's aliases resolved). */
export const knownCharset = (charset: string): boolean => {
  const squashed = squash(charset);
  if (UTF8_OR_ASCII.test(squashed) || UTF7.test(squashed)) return true;
  const normalized = libmime.normalizeCharset(charset);
  return JAPANESE.test(squash(normalized)) || iconv.encodingExists(normalized);
};

/** UTF-7 (any of its names), which libmime and mailparser refuse. */
export const isUtf7 = (charset: string): boolean => UTF7.test(squash(charset));

/** Charsets libmime would not decode as named: UTF-7, names it misresolves, names it does not know. */
export const libmimeMisdecodes = (charset: string): boolean =>
  isUtf7(charset) || LIBMIME_MISREADS.test(squash(charset)) || !knownCharset(charset);

/**
 * Bytes in a known charset -> text; null when the charset is unknown (the caller falls back).
 * UTF-8 and ASCII names decode as UTF-8 (invalid bytes become U+FFFD: callers check validity).
 */
export function decodeKnown(bytes: Uint8Array, charset: string): string | null {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const squashed = squash(charset);
  if (UTF8_OR_ASCII.test(squashed)) return buffer.toString('utf8');
  if (UTF7.test(squashed)) return iconv.decode(buffer, squashed.endsWith('imap') ? 'utf7imap' : 'utf7');
  if (LIBMIME_MISREADS.test(squashed)) return iconv.decode(buffer, squashed);
  const normalized = libmime.normalizeCharset(charset);
  // libmime's Japanese decoders, reached through its public encoded-word decoder.
  if (JAPANESE.test(squash(normalized))) return libmime.decodeWord(normalized, 'B', buffer.toString('base64'));
  return iconv.encodingExists(normalized) ? iconv.decode(buffer, normalized) : null;
}

/** iconv-lite names chardet may answer with; ISO-8859-1 is read as its superset windows-1252. */
const fromDetector = (name: string): string => (/^iso-8859-1$/i.test(name) ? 'windows-1252' : name);

/**
 * How one message's undeclared 8-bit bytes are read: UTF-8 when they are valid UTF-8 (RFC 6532),
 * else the first of the candidates (the first text part's declared charset, then the legacy
 * charsets of the message's own encoded words) that decodes them without U+FFFD, else what
 * chardet finds in them together with `sample` (the first text part's bytes), else windows-1252.
 */
export class LegacyFallback {
  private detected: string | undefined;

  constructor(
    private readonly candidates: readonly string[],
    private readonly sample: () => Uint8Array | null = () => null,
  ) {}

  decode(bytes: Uint8Array): string {
    if (!hasEightBit(bytes) || isUtf8(bytes)) return Buffer.from(bytes).toString('utf8');
    for (const charset of this.candidates) {
      if (isUtf8OrAsciiName(charset)) continue;
      const text = decodeKnown(bytes, charset);
      if (text !== null && !text.includes('\uFFFD')) return text;
    }
    return decodeKnown(bytes, this.detect(bytes)) ?? Buffer.from(bytes).toString('latin1');
  }

  /** Detection runs once per message, on the first undeclared bytes and the text sample. */
  private detect(bytes: Uint8Array): string {
    if (this.detected === undefined) {
      const sample = this.sample();
      const input = sample && hasEightBit(sample) && !isUtf8(sample) ? Buffer.concat([bytes, sample]) : bytes;
      const best = analyse(input).find((m) => m.name !== 'UTF-8' && m.name !== 'ASCII' && iconv.encodingExists(m.name));
      this.detected = best ? fromDetector(best.name) : 'windows-1252';
    }
    return this.detected;
  }
}
