/**
 * Turns a parsed mail into what the timeline stores: attachments written to the BlobStore (each
 * with the URL it is served from), the HTML sanitized with only the message's own inline images
 * allowed, and the main text cut from quoted history and signature (the full text is kept). A
 * mail with only HTML gets the HTML's text through the HtmlSanitizer port (html-to-text).
 */
import type { BlobStore } from '../ports/blob-store.js';
import type { HtmlSanitizer } from '../ports/html-sanitizer.js';
import type { IdGenerator } from '../ports/id-generator.js';
import type { MailAddress } from '../ports/mailbox.js';
import { cleanBody } from './body-cleanup.js';
import { inlineContentIds, type ParsedAttachment, type ParsedEmail } from './parsed-email.js';

export interface StoredAttachment {
  readonly id: string;
  readonly filename: string;
  readonly contentType: string;
  readonly size: number;
  readonly url: string;
  readonly inline: boolean;
  readonly contentId: string | null;
}

/** `data.email` of email entries, the shape the web app renders. */
export interface EmailData {
  readonly from: MailAddress;
  readonly to: readonly MailAddress[];
  readonly cc: readonly MailAddress[];
  readonly replyTo: readonly MailAddress[];
  readonly subject: string;
  readonly date: string | null;
  /** The full original text. */
  readonly text: string;
  /** Sanitized HTML (inline images as `cid:` references resolved through `attachments[].contentId`). */
  readonly html: string | null;
  readonly attachments: readonly StoredAttachment[];
}

export const attachmentUrl = (id: string): string => `/api/attachments/${id}`;
export const attachmentBlobKey = (id: string): string => `attachments/${id}`;

export async function storeAttachments(
  attachments: readonly ParsedAttachment[],
  blobs: BlobStore,
  ids: IdGenerator,
): Promise<StoredAttachment[]> {
  const stored = attachments.map((attachment, index): StoredAttachment => {
    const id = ids.next('att_');
    return {
      id,
      filename: attachment.filename || `attachment-${index + 1}`,
      contentType: attachment.contentType,
      size: attachment.content.byteLength,
      url: attachmentUrl(id),
      inline: attachment.inline,
      contentId: attachment.contentId,
    };
  });
  // Written side by side: each is a fresh key, and none is referenced before all are stored.
  await Promise.all(
    stored.map((a, index) =>
      blobs.put(attachmentBlobKey(a.id), (attachments[index] as ParsedAttachment).content, {
        contentType: a.contentType,
        filename: a.filename,
      }),
    ),
  );
  return stored;
}

export async function inboundContent(
  email: ParsedEmail,
  from: MailAddress,
  deps: { blobs: BlobStore; sanitizer: HtmlSanitizer; ids: IdGenerator },
): Promise<{ data: EmailData; main: string; trimmed: boolean }> {
  // The sanitizer may run elsewhere (a worker thread): store the attachments meanwhile.
  const [attachments, html] = await Promise.all([
    storeAttachments(email.attachments, deps.blobs, deps.ids),
    email.sanitizedHtml !== undefined
      ? email.sanitizedHtml
      : email.html
        ? deps.sanitizer.sanitize(email.html, inlineContentIds(email))
        : null,
  ]);
  const text =
    email.text.trim() !== '' ? email.text : html ? (email.htmlText ?? (await deps.sanitizer.toText(html))) : '';
  const cleaned = cleanBody(text);
  return {
    data: {
      from,
      to: email.to,
      cc: email.cc,
      replyTo: email.replyTo,
      subject: email.subject,
      date: email.date,
      text,
      html,
      attachments,
    },
    main: cleaned.main,
    trimmed: cleaned.trimmed,
  };
}
