/**
 * Email alerts, coalesced: the first alert about a ticket for a person opens a digest due a few
 * minutes later; alerts arriving meanwhile join it; a timer sends each due digest as ONE email
 * listing every change. Sending goes through the AlertMailer port (the mail channel's outbox).
 */
import { ConcurrencyConflictError, type DocumentStore, type StoredDocument } from '../ports/document-store.js';
import type { NotificationKind } from './notification.js';

export const COALESCE_MS = 3 * 60_000;
const PK = 'mail-digests';
const MAX_ITEMS = 50;

export interface AlertMail {
  readonly to: { readonly address: string; readonly name: string };
  readonly subject: string;
  readonly text: string;
  readonly ticketId: string | null;
  /** Idempotency key for the mail channel (one send per digest instance). */
  readonly key: string;
  /** A mail to the ticket's customer (not to an agent): held while the ticket's mailbox is in shadow mode. */
  readonly toCustomer?: boolean;
}

/** `sent` (or nothing: the mailer does not say), or held with the reason (shadow mode, ADR 0036). */
export type AlertOutcome = 'sent' | { readonly held: string };

/** The port alerts leave through; adapters hand them to the mail channel. */
export interface AlertMailer {
  send(mail: AlertMail): Promise<AlertOutcome | void>;
}

interface DigestItem {
  readonly kind: NotificationKind;
  readonly title: string;
  readonly body: string;
  readonly at: string;
}

interface DigestDoc extends StoredDocument {
  readonly pk: typeof PK;
  readonly docType: 'mail-digest';
  readonly to: AlertMail['to'];
  readonly ticketId: string | null;
  readonly ticketNumber: string | null;
  readonly items: readonly DigestItem[];
  readonly openedAt: string;
  readonly dueAt: string;
}

export class EmailDigests {
  constructor(
    private readonly store: DocumentStore,
    private readonly mailer: AlertMailer,
    private readonly coalesceMs = COALESCE_MS,
  ) {}

  async add(
    to: AlertMail['to'] & { readonly agentId: string },
    ticket: { id: string; number: string } | null,
    item: DigestItem,
  ): Promise<void> {
    const id = `digest:${to.agentId}:${ticket?.id ?? 'general'}`;
    for (let attempt = 0; attempt < 20; attempt++) {
      const found = await this.store.read<DigestDoc>('config', PK, id);
      const doc: DigestDoc = found
        ? { ...found.doc, items: [...found.doc.items, item].slice(-MAX_ITEMS) }
        : {
            id,
            pk: PK,
            docType: 'mail-digest',
            to: { address: to.address, name: to.name },
            ticketId: ticket?.id ?? null,
            ticketNumber: ticket?.number ?? null,
            items: [item],
            openedAt: item.at,
            dueAt: new Date(Date.parse(item.at) + this.coalesceMs).toISOString(),
          };
      try {
        await this.store.batch('config', PK, [
          found ? { op: 'replace', doc, ifMatch: found.etag } : { op: 'create', doc },
        ]);
        return;
      } catch (error) {
        if (!(error instanceof ConcurrencyConflictError)) throw error;
      }
    }
  }

  /** Sends every digest due by `now`; returns how many emails went out. */
  async flush(now: Date): Promise<number> {
    const page = await this.store.query<DigestDoc>('config', {
      partitionKey: PK,
      where: [
        { field: 'docType', op: 'eq', value: 'mail-digest' },
        { field: 'dueAt', op: 'lte', value: now.toISOString() },
      ],
      limit: 100,
    });
    let sent = 0;
    for (const { doc, etag } of page.items) {
      await this.mailer.send(digestMail(doc));
      sent++;
      try {
        await this.store.batch('config', PK, [{ op: 'delete', id: doc.id, ifMatch: etag }]);
      } catch (error) {
        if (!(error instanceof ConcurrencyConflictError)) throw error;
        await this.keepUnsent(doc, now);
      }
    }
    return sent;
  }

  /** Alerts that joined while the digest was being sent open the next digest. */
  private async keepUnsent(sent: DigestDoc, now: Date): Promise<void> {
    const found = await this.store.read<DigestDoc>('config', PK, sent.id);
    if (!found) return;
    const rest = found.doc.items.slice(sent.items.length);
    const op =
      rest.length === 0
        ? { op: 'delete' as const, id: sent.id, ifMatch: found.etag }
        : {
            op: 'replace' as const,
            doc: { ...found.doc, items: rest, dueAt: new Date(now.getTime() + this.coalesceMs).toISOString() },
            ifMatch: found.etag,
          };
    await this.store.batch('config', PK, [op]).catch((error: unknown) => {
      if (!(error instanceof ConcurrencyConflictError)) throw error;
    });
  }
}

export function digestMail(doc: DigestDoc): AlertMail {
  const about = doc.ticketNumber ? `${doc.ticketNumber}: ` : '';
  const subject =
    doc.items.length === 1 ? `${about}${doc.items[0]?.title ?? ''}` : `${about}${doc.items.length} updates`;
  const text = doc.items.map((i) => `- ${i.at.slice(0, 16).replace('T', ' ')} ${i.title}\n  ${i.body}`).join('\n');
  return { to: doc.to, subject, text, ticketId: doc.ticketId, key: `${doc.id}:${doc.openedAt}` };
}
