/**
 * The body of a mail worker thread (started by MailWorkerPool): parses MIME and sanitizes HTML
 * with the same adapters the main thread would use, so both paths give identical results. A
 * parse also sanitizes the message's HTML (ParsedEmail.sanitizedHtml) and, for a mail without a
 * text part, turns it into text (ParsedEmail.htmlText), as ingestion would.
 * Attachment bytes are copied into buffers of their own and transferred (mailparser's may be
 * slices of a shared pool, which must not be moved).
 */
import { parentPort } from 'node:worker_threads';
import { inlineContentIds, type ParsedEmail } from '../../../shared/mail/parsed-email.js';
import { MailparserMimeParser } from './mailparser-parser.js';
import { SanitizeHtmlSanitizer } from './sanitize-html-sanitizer.js';

export type MailTask =
  | { readonly id: number; readonly kind: 'parse'; readonly raw: Uint8Array }
  | { readonly id: number; readonly kind: 'sanitize'; readonly html: string; readonly inlineIds: readonly string[] }
  | { readonly id: number; readonly kind: 'text'; readonly html: string };

export type MailTaskReply =
  | { readonly id: number; readonly value: ParsedEmail | string }
  | { readonly id: number; readonly error: string; readonly unparsable: boolean };

const parser = new MailparserMimeParser();
const sanitizer = new SanitizeHtmlSanitizer();
const port = parentPort;
if (!port) throw new Error('mail-worker.ts runs as a worker thread (see MailWorkerPool)');

async function perform(task: MailTask): Promise<{ value: ParsedEmail | string; transfer: ArrayBuffer[] }> {
  if (task.kind === 'sanitize') return { value: sanitizer.sanitize(task.html, new Set(task.inlineIds)), transfer: [] };
  if (task.kind === 'text') return { value: sanitizer.toText(task.html), transfer: [] };
  const email = await parser.parse(task.raw);
  const attachments = email.attachments.map((a) => ({ ...a, content: new Uint8Array(a.content) }));
  const sanitizedHtml = email.html === null ? null : sanitizer.sanitize(email.html, inlineContentIds(email));
  // Ingestion shows the HTML's text when there is no text part: made here, off the main thread.
  const htmlText = sanitizedHtml !== null && email.text.trim() === '' ? sanitizer.toText(sanitizedHtml) : null;
  return {
    value: { ...email, attachments, sanitizedHtml, htmlText },
    transfer: attachments.map((a) => a.content.buffer as ArrayBuffer),
  };
}

port.on('message', (task: MailTask) => {
  perform(task).then(
    ({ value, transfer }) => port.postMessage({ id: task.id, value } satisfies MailTaskReply, transfer),
    (error: unknown) =>
      port.postMessage({
        id: task.id,
        error: error instanceof Error ? error.message : String(error),
        // Whatever stops mailparser on these bytes would stop it on every retry: quarantine.
        unparsable: task.kind === 'parse',
      } satisfies MailTaskReply),
  );
});
