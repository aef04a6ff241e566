/**
 * The pure view of one MIME message that ingestion works on, and the MimeParser port that
 * produces it (adapter: mailparser). Addresses are lower-cased; ids are without angle brackets.
 */
import type { MailAddress } from '../ports/mailbox.js';

export interface ParsedAttachment {
  readonly filename: string;
  readonly contentType: string;
  readonly content: Uint8Array;
  /** Content-ID without angle brackets, when the part has one. */
  readonly contentId: string | null;
  /** Disposition inline (shown inside the HTML body) rather than a downloadable file. */
  readonly inline: boolean;
}

export interface ParsedEmail {
  readonly messageId: string | null;
  readonly inReplyTo: readonly string[];
  readonly references: readonly string[];
  readonly from: MailAddress | null;
  readonly replyTo: readonly MailAddress[];
  readonly to: readonly MailAddress[];
  readonly cc: readonly MailAddress[];
  /** Decoded subject ('' when missing). */
  readonly subject: string;
  readonly date: string | null;
  readonly text: string;
  /** The HTML body as sent: UNTRUSTED, sanitize before storing. */
  readonly html: string | null;
  /**
   * `html` already passed through the HtmlSanitizer with this message's inline content ids, when
   * the parser ran the sanitizer beside it (the mail worker threads do, saving a round trip).
   */
  readonly sanitizedHtml?: string | null;
  /** The text of `sanitizedHtml` (HtmlSanitizer.toText), when the parser made it: mails without a text part. */
  readonly htmlText?: string | null;
  /** Header name (lower case) -> raw values, for auto-reply and loop detection. */
  readonly headers: Readonly<Record<string, readonly string[]>>;
  readonly attachments: readonly ParsedAttachment[];
  /** Top-level Content-Type (`multipart/report; report-type=delivery-status` marks a bounce). */
  readonly contentType: string;
  /** Text of a `message/delivery-status` part (bounces), when there is one. */
  readonly deliveryStatus: string | null;
  /** Message-IDs of messages embedded in a report (`message/rfc822`, `text/rfc822-headers`): the mail a bounce returns. */
  readonly embeddedMessageIds: readonly string[];
}

export interface MimeParser {
  /** Throws MimeParseError when the bytes cannot be read as a message at all. */
  parse(raw: Uint8Array): Promise<ParsedEmail>;
  /** Releases what the parser holds (worker threads); parses after it fail. */
  close?(): Promise<void>;
}

export class MimeParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MimeParseError';
  }
}

/** Content ids of the message's parts: the `cid:` images its sanitized HTML may keep. */
export const inlineContentIds = (email: Pick<ParsedEmail, 'attachments'>): Set<string> =>
  new Set(email.attachments.flatMap((a) => (a.contentId ? [a.contentId] : [])));

/** `<abc@x>` -> `abc@x`; blank -> null. */
export const normalizeMessageId = (value: string | null | undefined): string | null => {
  const trimmed = (value ?? '')
    .trim()
    .replace(/^<+|>+$/g, '')
    .trim();
  return trimmed === '' ? null : trimmed;
};

/** Splits a References / In-Reply-To header into ids (bracketed or bare). */
export const messageIdsIn = (value: string): string[] => {
  const bracketed = [...value.matchAll(/<([^<>\s]+)>/g)].map((m) => m[1] as string);
  if (bracketed.length > 0) return bracketed;
  return value.split(/[\s,]+/).filter((v) => v.includes('@'));
};
