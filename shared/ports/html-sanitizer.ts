/**
 * HtmlSanitizer: turns untrusted email HTML into an allow-listed subset (no scripts, event
 * handlers, forms, frames, remote images), and HTML into plain text. Behind a port because a
 * correct HTML tokenizer is an adapter concern (functions/adapters/mail uses the well-known
 * `sanitize-html` and `html-to-text`).
 */
export interface HtmlSanitizer {
  /**
   * `inlineContentIds` are the content ids of the message's inline parts: `cid:` images that
   * point at one of them are kept, every other image source is removed.
   */
  sanitize(html: string, inlineContentIds: ReadonlySet<string>): string | Promise<string>;
  /** The text a reader sees in `html` (for mails that have no text part), trimmed. */
  toText(html: string): string | Promise<string>;
}
