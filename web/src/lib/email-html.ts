/**
 * Second sanitising pass on email HTML before display (the server sanitised it already).
 * The result only ever goes into a sandboxed iframe's srcdoc without allow-scripts and with a
 * CSP that forbids scripts and remote loads; this pass removes active content, remote images
 * (tracking pixels) and non-web links, and points `cid:` images at already-fetched data URLs.
 */
const DROP =
  'script, iframe, frame, frameset, object, embed, applet, form, base, link, meta, noscript, template, svg script';
const SAFE_LINK = /^(https?:|mailto:)/i;

export const EMAIL_CSP =
  "default-src 'none'; img-src data:; style-src 'unsafe-inline'; font-src data:; form-action 'none'; frame-src 'none'";

export function sanitizeEmailHtml(html: string, inlineImages: Record<string, string> = {}): string {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  for (const el of doc.querySelectorAll(DROP)) el.remove();
  for (const el of doc.querySelectorAll('*')) {
    for (const attr of [...el.attributes]) {
      const name = attr.name.toLowerCase();
      const value = attr.value.trim();
      if (name.startsWith('on') || name === 'srcset' || name === 'formaction' || name === 'action')
        el.removeAttribute(attr.name);
      else if ((name === 'href' || name === 'xlink:href') && !SAFE_LINK.test(value)) el.removeAttribute(attr.name);
      else if (name === 'src' || name === 'background' || name === 'poster') {
        const cid = /^cid:(.+)$/i.exec(value);
        const data = cid ? inlineImages[cid[1]!.replace(/^<|>$/g, '')] : undefined;
        if (data) el.setAttribute(attr.name, data);
        else el.removeAttribute(attr.name);
      } else if (name === 'style' && /url\s*\(|expression\s*\(|position\s*:\s*fixed/i.test(value))
        el.removeAttribute(attr.name);
    }
    if (el.tagName === 'A' && el.hasAttribute('href')) {
      el.setAttribute('target', '_blank');
      el.setAttribute('rel', 'noopener noreferrer');
    }
  }
  // Style blocks may stay (they only reach the frame), but not remote loads through them.
  for (const style of doc.querySelectorAll('style'))
    style.textContent = (style.textContent ?? '').replace(/@import[^;]*;?|url\s*\([^)]*\)/gi, '');
  return doc.body.innerHTML;
}

export function emailSrcdoc(bodyHtml: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="${EMAIL_CSP}"><style>html,body{margin:0;padding:0}body{font:14px/1.45 system-ui,sans-serif;color:#1c2430;padding:4px;overflow-wrap:anywhere}img{max-width:100%;height:auto}table{max-width:100%}</style></head><body>${bodyHtml}</body></html>`;
}

/** `data.email` of email_in / email_out timeline entries, as the mail channel stores it. */
export interface EmailAddress {
  address: string;
  name?: string;
}
export interface EmailAttachment {
  id: string;
  filename: string;
  contentType: string;
  size: number;
  url: string;
  inline: boolean;
  contentId: string | null;
}
export interface Email {
  from?: EmailAddress;
  to?: EmailAddress[];
  cc?: EmailAddress[];
  subject?: string;
  text?: string | null;
  html?: string | null;
  attachments?: EmailAttachment[];
}
