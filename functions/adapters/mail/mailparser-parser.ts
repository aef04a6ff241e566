/**
 * MimeParser over `mailparser`: decodes headers, charsets, bodies and attachments into the pure
 * ParsedEmail the core uses. cid: links are kept (the core rewrites and sanitizes), and bounce
 * reports are read so the core can tell which recipient failed and which mail came back. Mail
 * from old clients is read as its sender wrote it (legacy-mail-parser, legacy-content): raw 8-bit
 * and UTF-7 headers and bodies, uuencoded files, winmail.dat, text parts that name a file.
 */
import type { AddressObject, EmailAddress } from 'mailparser';
import {
  MimeParseError,
  type MimeParser,
  messageIdsIn,
  normalizeMessageId,
  type ParsedAttachment,
  type ParsedEmail,
} from '../../../shared/mail/parsed-email.js';
import type { MailAddress } from '../../../shared/ports/mailbox.js';
import type { LegacyFallback } from './legacy-charsets.js';
import {
  bodyFiles,
  droppedFromHeader,
  fallbackFor,
  legacySubject,
  unpackAttachment,
  withLegacyNames,
  withoutAddressNames,
} from './legacy-content.js';
import { type LegacyParsedMail, parseLegacyAware } from './legacy-mail-parser.js';

const flatten = (list: readonly EmailAddress[]): EmailAddress[] =>
  list.flatMap((a) => (a.group ? flatten(a.group) : [a]));

const addressesOf = (value: AddressObject | AddressObject[] | undefined): MailAddress[] => {
  const objects = value === undefined ? [] : Array.isArray(value) ? value : [value];
  return objects
    .flatMap((o) => flatten(o.value ?? []))
    .filter((a) => typeof a.address === 'string' && a.address.includes('@'))
    .map((a) => ({ address: (a.address as string).trim().toLowerCase(), name: (a.name ?? '').trim() }));
};

const idsOf = (value: string | string[] | undefined): string[] =>
  (value === undefined ? [] : Array.isArray(value) ? value : [value])
    .flatMap((v) => messageIdsIn(v))
    .map((v) => normalizeMessageId(v))
    .filter((v): v is string => v !== null);

const headerValue = (line: string): string =>
  line
    .slice(line.indexOf(':') + 1)
    .replace(/\r?\n[ \t]+/g, ' ')
    .trim();

/** Message-IDs quoted by a returned message or its headers (what a bounce reports on). */
const embeddedIds = (attachments: readonly ParsedAttachment[]): string[] =>
  attachments
    .filter(
      (a) =>
        a.contentType === 'message/rfc822' ||
        a.contentType === 'text/rfc822-headers' ||
        a.contentType === 'message/rfc822-headers',
    )
    .flatMap((a) => {
      const head = new TextDecoder().decode(a.content.subarray(0, 64 * 1024)).split(/\r?\n\r?\n/)[0] ?? '';
      const match = /^message-id:\s*(.+(?:\r?\n[ \t].*)*)/im.exec(head);
      return match ? messageIdsIn(match[1] as string) : [];
    });

/** mailparser's options here: cid: links kept, no derived bodies (the core makes its own). */
export const PARSE_OPTIONS = {
  keepCidLinks: true,
  skipHtmlToText: true,
  skipTextToHtml: true,
  skipTextLinks: true,
  skipImageLinks: true,
} as const;

/** mailparser's result -> the core's ParsedEmail. */
function parsedEmailFrom(raw: Buffer, parsed: LegacyParsedMail, fallback: () => LegacyFallback): ParsedEmail {
  const headers: Record<string, string[]> = {};
  for (const { key, line } of parsed.headerLines ?? []) {
    const name = key.toLowerCase();
    headers[name] = [...(headers[name] ?? []), headerValue(line)];
  }
  const body = bodyFiles(parsed, parsed.text ?? '');
  const attachments: ParsedAttachment[] = [
    ...(parsed.attachments ?? []).flatMap((a) =>
      unpackAttachment(a, {
        filename: (a.filename ?? '').replace(/[\r\n\0]/g, '').trim(),
        contentType: (a.contentType ?? 'application/octet-stream').toLowerCase(),
        content: new Uint8Array(a.content.buffer, a.content.byteOffset, a.content.byteLength),
        contentId: normalizeMessageId(a.cid ?? a.contentId ?? null),
        inline: a.related === true || a.contentDisposition === 'inline',
      }),
    ),
    ...body.files,
  ];
  const lines = parsed.headerLines;
  const addresses = (value: AddressObject | AddressObject[] | undefined, key: string): MailAddress[] =>
    withoutAddressNames(withLegacyNames(addressesOf(value), lines, key, fallback), lines, key);
  const status = attachments.find(
    (a) => a.contentType === 'message/delivery-status' || a.contentType === 'message/global-delivery-status',
  );
  const contentType = headers['content-type']?.[0] ?? 'text/plain';
  const from = addresses(parsed.from, 'from')[0] ?? droppedFromHeader(raw, fallback)[0] ?? null;
  return {
    messageId: normalizeMessageId(parsed.messageId),
    inReplyTo: idsOf(parsed.inReplyTo),
    references: idsOf(parsed.references),
    from,
    replyTo: addresses(parsed.replyTo, 'reply-to'),
    to: addresses(parsed.to, 'to'),
    cc: addresses(parsed.cc, 'cc'),
    subject: legacySubject(lines, fallback) ?? (parsed.subject ?? '').replace(/[\r\n]+/g, ' ').trim(),
    date: parsed.date && !Number.isNaN(parsed.date.getTime()) ? parsed.date.toISOString() : null,
    text: body.text,
    html: typeof parsed.html === 'string' ? parsed.html : null,
    headers,
    attachments,
    contentType,
    deliveryStatus: status ? new TextDecoder().decode(status.content) : null,
    embeddedMessageIds: embeddedIds(attachments)
      .map((id) => normalizeMessageId(id))
      .filter((id): id is string => id !== null),
  };
}

/** Parses on the calling thread (MailWorkerPool runs it in worker threads). */
export class MailparserMimeParser implements MimeParser {
  async parse(raw: Uint8Array): Promise<ParsedEmail> {
    // One fallback per message, built when first needed (a body part or a header), then shared.
    let fallback: LegacyFallback | undefined;
    let parsed: LegacyParsedMail;
    const bytes = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
    try {
      parsed = await parseLegacyAware(bytes, PARSE_OPTIONS, (state) => (undeclared) => {
        fallback ??= fallbackFor(state);
        return fallback.decode(undeclared);
      });
    } catch (error) {
      throw new MimeParseError(error instanceof Error ? error.message : String(error));
    }
    const done = parsed;
    return parsedEmailFrom(bytes, done, () => {
      fallback ??= fallbackFor(done);
      return fallback;
    });
  }
}
