/**
 * What mail from old clients needs after mailparser has read it: subjects and display names
 * decoded again where libmime lost letters (legacy-headers), uuencoded files (an `x-uuencode`
 * part, `begin 644` blocks in a plain body) and the files inside winmail.dat turned into
 * attachments, and text parts that named a file listed as files as well.
 */
import libmime from 'libmime';
import type { ParsedMail } from 'mailparser';
import type { ParsedAttachment } from '../../../shared/mail/parsed-email.js';
import type { MailAddress } from '../../../shared/ports/mailbox.js';
import { LegacyFallback } from './legacy-charsets.js';
import {
  decodeAddressNames,
  decodeSubject,
  encodedWordCharsets,
  needsLegacyDecoding,
  rawHeaderValue,
} from './legacy-headers.js';
import type { LegacyParsedMail, LegacyParseState } from './legacy-mail-parser.js';
import { readTnef } from './tnef-reader.js';
import { extractUuencodedBlocks, uudecodePart } from './uuencode.js';

type HeaderLines = ParsedMail['headerLines'];

/** The message's fallback for undeclared bytes: its first text part's charset, then its encoded words'. */
export const fallbackFor = (state: LegacyParseState): LegacyFallback => {
  const values = (state.headerLines || []).map((l) => rawHeaderValue(l.line));
  const candidates = [state.firstTextCharset ?? null, ...encodedWordCharsets(values)].filter(
    (c): c is string => c !== null,
  );
  return new LegacyFallback(candidates, () => state.undeclaredSample);
};

const valuesOf = (lines: HeaderLines, key: string): string[] =>
  (lines || []).filter((l) => l.key === key).map((l) => rawHeaderValue(l.line));

/** The subject as written, when libmime's reading lost letters; undefined when it did not. */
export function legacySubject(lines: HeaderLines, fallback: () => LegacyFallback): string | undefined {
  const [value] = valuesOf(lines, 'subject');
  return value !== undefined && needsLegacyDecoding(value) ? decodeSubject(value, fallback()) : undefined;
}

/** `addresses` with the display names libmime could not read decoded from the raw header. */
export function withLegacyNames(
  addresses: MailAddress[],
  lines: HeaderLines,
  key: string,
  fallback: () => LegacyFallback,
): MailAddress[] {
  const values = valuesOf(lines, key).filter(needsLegacyDecoding);
  if (values.length === 0) return addresses;
  const names = new Map<string, string>();
  for (const decoded of values.flatMap((v) => decodeAddressNames(v, fallback())))
    if (!names.has(decoded.address.trim().toLowerCase())) names.set(decoded.address.trim().toLowerCase(), decoded.name);
  return addresses.map((a) => ({ ...a, name: names.get(a.address) ?? a.name }));
}

/**
 * Names addressparser made of bare addresses: `From: a@x.example b@x.example` (no comma, no angle
 * brackets) reads as address a with the "name" b. Such a header has no display names at all.
 */
export function withoutAddressNames(addresses: MailAddress[], lines: HeaderLines, key: string): MailAddress[] {
  if (!addresses.some((a) => a.name.includes('@'))) return addresses;
  if (valuesOf(lines, key).some((v) => v.includes('<'))) return addresses;
  return addresses.map((a) => (/^[^\s@<>"]+@[^\s@<>"]+$/.test(a.name) ? { ...a, name: '' } : a));
}

/**
 * A first line `From  : ...` (RFC 5322's obsolete syntax allows blanks before the colon) is taken
 * by mailparser's splitter for an mbox `From ` separator and dropped; its addresses, read here.
 */
export function droppedFromHeader(raw: Buffer, fallback: () => LegacyFallback): MailAddress[] {
  if (raw.length < 6 || raw[0] !== 0x46) return [];
  const match = /^From[ \t]+:([^\r\n]*(?:\r?\n[ \t][^\r\n]*)*)/.exec(raw.subarray(0, 4096).toString('latin1'));
  if (!match) return [];
  return decodeAddressNames(rawHeaderValue(`From:${match[1]}`), fallback())
    .filter((a) => a.address.includes('@'))
    .map((a) => ({ address: a.address.trim().toLowerCase(), name: a.name }));
}

const TNEF_TYPES = new Set(['application/ms-tnef', 'application/vnd.ms-tnef']);
const UUENCODE = /^(?:x-)?uu(?:encode|e)$/i;

const typeFor = (filename: string, declared: string | null): string =>
  declared && declared !== 'application/octet-stream' && !declared.startsWith('text/plain')
    ? declared
    : (libmime.detectMimeType(filename) || 'application/octet-stream').toLowerCase();

const file = (filename: string, contentType: string, content: Buffer): ParsedAttachment => ({
  filename,
  contentType,
  content: new Uint8Array(content.buffer, content.byteOffset, content.byteLength),
  contentId: null,
  inline: false,
});

const transferEncodingOf = (attachment: ParsedMail['attachments'][number]): string => {
  const value = (attachment.headers as Map<string, unknown> | undefined)?.get('content-transfer-encoding');
  return typeof value === 'string' ? value.trim() : '';
};

/** One mailparser attachment -> the files it stands for (uudecoded, or unpacked from TNEF). */
export function unpackAttachment(
  attachment: ParsedMail['attachments'][number],
  mapped: ParsedAttachment,
): ParsedAttachment[] {
  if (UUENCODE.test(transferEncodingOf(attachment))) {
    const uu = uudecodePart(attachment.content);
    if (!uu) return [mapped];
    const filename = mapped.filename || uu.filename;
    return [file(filename, typeFor(filename, mapped.contentType), uu.content)];
  }
  if (TNEF_TYPES.has(mapped.contentType) || /^winmail\.dat$/i.test(mapped.filename)) {
    const files = readTnef(mapped.content);
    if (!files || files.length === 0) return [mapped];
    return files.map((f) => file(f.filename, typeFor(f.filename, f.contentType), f.content));
  }
  return [mapped];
}

/** uuencoded blocks out of the plain text, and text parts that named a file, as attachments. */
export function bodyFiles(parsed: LegacyParsedMail, text: string): { text: string; files: ParsedAttachment[] } {
  const blocks = extractUuencodedBlocks(text);
  const named = parsed.namedTextParts.map((p) => file(p.filename, p.contentType.toLowerCase(), p.content));
  return {
    text: blocks.text,
    files: [...blocks.files.map((f) => file(f.filename, typeFor(f.filename, null), f.content)), ...named],
  };
}
