/**
 * The Graph simulator's mailbox data: messages per mailbox with a change sequence (for delta),
 * Exchange-like conversation ids, drafts, and a record of everything sent. Header reading is
 * deliberately minimal: just what Exchange would expose as message properties.
 */
import { randomBytes } from 'node:crypto';

export interface SimRecipient {
  readonly emailAddress: { readonly address: string; readonly name?: string };
}

export interface SimAttachment {
  readonly id: string;
  readonly name: string;
  readonly contentType: string;
  readonly contentBytes: string;
  readonly size: number;
}

export interface SimMessage {
  readonly id: string;
  readonly mailbox: string;
  folder: 'inbox' | 'drafts' | 'sentitems';
  /** Change sequence: bumped on create and delete; delta rounds read it. */
  seq: number;
  removed: boolean;
  readonly receivedDateTime: string;
  internetMessageId: string;
  readonly conversationId: string;
  subject: string;
  readonly from: SimRecipient | null;
  toRecipients: SimRecipient[];
  ccRecipients: SimRecipient[];
  body: { contentType: string; content: string };
  internetMessageHeaders: { name: string; value: string }[];
  attachments: SimAttachment[];
  readonly raw: Buffer | null;
  /** For replies: the message answered. */
  readonly replyToId: string | null;
}

export interface SentMail {
  readonly via: 'reply' | 'createReply' | 'sendMail';
  readonly mailbox: string;
  readonly replyToId: string | null;
  /** What Exchange would put in In-Reply-To: the answered message's internetMessageId. */
  readonly inReplyTo: string | null;
  readonly conversationId: string;
  readonly internetMessageId: string;
  readonly subject: string;
  readonly to: readonly string[];
  readonly cc: readonly string[];
  readonly body: { contentType: string; content: string };
  readonly headers: Readonly<Record<string, string>>;
  readonly attachments: readonly { name: string; contentType: string; size: number }[];
  readonly at: string;
}

/** Graph ids are long base64 strings that may hold `=`, `-` and `_`; ours do too, to exercise URL encoding. */
export const graphId = (prefix = 'AAMkAD'): string => `${prefix}${randomBytes(30).toString('base64url')}=`;

export function readHeaders(raw: Buffer): Map<string, string> {
  const text = raw.toString('latin1');
  const end = text.search(/\r?\n\r?\n/);
  const block = (end === -1 ? text : text.slice(0, end)).replace(/\r?\n[ \t]+/g, ' ');
  const headers = new Map<string, string>();
  for (const line of block.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) {
      const name = line.slice(0, colon).trim().toLowerCase();
      if (!headers.has(name)) headers.set(name, line.slice(colon + 1).trim());
    }
  }
  return headers;
}

/** Every header of the raw message in order (unfolded), as Graph's `internetMessageHeaders` lists them. */
export function headerList(raw: Buffer): { name: string; value: string }[] {
  const text = raw.toString('latin1');
  const end = text.search(/\r?\n\r?\n/);
  const block = (end === -1 ? text : text.slice(0, end)).replace(/\r?\n[ \t]+/g, ' ');
  return block.split(/\r?\n/).flatMap((line) => {
    const colon = line.indexOf(':');
    return colon > 0 ? [{ name: line.slice(0, colon).trim(), value: line.slice(colon + 1).trim() }] : [];
  });
}

/**
 * What Exchange stamps on receipt: `X-MS-Exchange-Organization-AuthAs` (Internal for mail from
 * inside the organisation, Anonymous otherwise) and its own `Authentication-Results` on top.
 * Its header firewall removes `X-MS-Exchange-Organization-*` headers the sender wrote.
 */
export interface ExchangeStamp {
  readonly authAs?: 'Internal' | 'Anonymous';
  readonly authenticationResults?: string;
}

export function exchangeHeaders(raw: Buffer, stamp: ExchangeStamp = {}): { name: string; value: string }[] {
  const own = [
    { name: 'X-MS-Exchange-Organization-AuthAs', value: stamp.authAs ?? 'Anonymous' },
    ...(stamp.authenticationResults ? [{ name: 'Authentication-Results', value: stamp.authenticationResults }] : []),
  ];
  return [...own, ...headerList(raw).filter((h) => !/^x-ms-exchange-organization-/i.test(h.name))];
}

export const addressOf = (value: string | undefined): SimRecipient | null => {
  if (!value) return null;
  const angle = /<([^>]+)>/.exec(value);
  const address = (angle?.[1] ?? value).trim();
  const name = angle ? value.slice(0, value.indexOf('<')).trim().replace(/^"|"$/g, '') : '';
  return { emailAddress: { address, ...(name ? { name } : {}) } };
};

export const idsIn = (value: string | undefined): string[] => (value ? (value.match(/<[^>]+>/g) ?? []) : []);

export class SimMailStore {
  #seq = 0;
  readonly messages = new Map<string, SimMessage>();
  readonly sent: SentMail[] = [];

  nextSeq(): number {
    return ++this.#seq;
  }

  get lastSeq(): number {
    return this.#seq;
  }

  /** Exchange threads by In-Reply-To/References against known messages. */
  conversationFor(mailbox: string, references: readonly string[]): string {
    for (const ref of references)
      for (const m of this.messages.values())
        if (m.mailbox === mailbox && m.internetMessageId === ref) return m.conversationId;
    return graphId('AAQkAD');
  }

  deliver(mailbox: string, raw: Buffer, receivedAt: Date, stamp: ExchangeStamp = {}): SimMessage {
    const headers = readHeaders(raw);
    const refs = [...idsIn(headers.get('in-reply-to')), ...idsIn(headers.get('references'))];
    const message: SimMessage = {
      id: graphId(),
      mailbox,
      folder: 'inbox',
      seq: this.nextSeq(),
      removed: false,
      receivedDateTime: receivedAt.toISOString(),
      internetMessageId: headers.get('message-id') ?? `<${graphId('sim')}@graph.sim>`,
      conversationId: this.conversationFor(mailbox, refs),
      subject: headers.get('subject') ?? '',
      from: addressOf(headers.get('from')),
      toRecipients: [],
      ccRecipients: [],
      body: { contentType: 'Text', content: '' },
      internetMessageHeaders: exchangeHeaders(raw, stamp),
      attachments: [],
      raw,
      replyToId: null,
    };
    this.messages.set(message.id, message);
    return message;
  }

  find(mailbox: string, id: string): SimMessage | undefined {
    const m = this.messages.get(id);
    return m && m.mailbox === mailbox && !m.removed ? m : undefined;
  }

  remove(id: string): void {
    const m = this.messages.get(id);
    if (m) {
      m.removed = true;
      m.seq = this.nextSeq();
    }
  }
}
