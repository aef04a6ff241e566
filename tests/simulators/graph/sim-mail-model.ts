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

  deliver(mailbox: string, raw: Buffer, receivedAt: Date): SimMessage {
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
      internetMessageHeaders: [],
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
