/**
 * Sends the owner's replies. `ticket.replied` (an event, delivered at least once) creates the
 * pending send record and queues a send on `outbound-mail`; the send claims the record
 * (pending -> sending, etag-guarded) so a retried or duplicated message never sends twice, then
 * answers in the customer's thread: our signed Message-ID, In-Reply-To/References of the latest
 * customer mail, the ticket number in the subject. A failure that cannot heal is told on the ticket.
 * A reply of a mailbox in shadow mode (parallel run, ADR 0036) is held instead: the record ends
 * `held`, the ticket says "not sent: shadow mode", and nothing ever sends it later.
 */
import type { DomainEvent } from '../events/domain-event.js';
import type { EventSubscriber } from '../events/event-dispatcher.js';
import { systemActor } from '../kernel/actor.js';
import type { Clock } from '../ports/clock.js';
import type { DocumentStore, StoredDocument } from '../ports/document-store.js';
import { type MailAddress, type Mailbox, type OutboundMail, PermanentDeliveryError } from '../ports/mailbox.js';
import type { MessageBus } from '../ports/message-bus.js';
import type { TicketRepository } from '../tickets/ticket-repository.js';
import type { TimelineEntry } from '../timeline/timeline-entry.js';
import type { TicketCommands } from '../use-cases/ticket-commands.js';
import { latestCustomerMailData } from './latest-customer-mail.js';
import type { MailRecords } from './mail-records.js';
import { type MailboxModes, mailboxOf } from './mailbox-modes.js';
import type { OutboundRecords } from './outbound-records.js';
import type { SignedIds } from './signed-ids.js';
import { outboundSubject } from './subject.js';

export const OUTBOUND_MAIL_TYPE = 'mail.send';
/** A `sending` record older than this belongs to a send that died mid-way; it may be retried. */
export const SENDING_LEASE_MS = 5 * 60_000;

export interface SendRequest {
  readonly ticketId: string;
  readonly entryId: string;
}

export type SendOutcome = 'sent' | 'already-done' | 'failed' | 'held';

interface LatestMail {
  readonly messageId: string;
  readonly references: readonly string[];
  readonly provider: {
    readonly provider: string;
    readonly providerMessageId: string;
    readonly mailbox?: string;
  } | null;
}

interface StoredEmail {
  readonly to?: readonly MailAddress[];
  readonly cc?: readonly MailAddress[];
  readonly subject?: string;
  readonly text?: string;
  readonly html?: string | null;
}

export interface OutboundMailerDeps {
  readonly outbound: OutboundRecords;
  readonly records: MailRecords;
  readonly store: DocumentStore;
  readonly tickets: TicketRepository;
  readonly commands: TicketCommands;
  readonly bus: MessageBus;
  readonly mailbox: Mailbox;
  readonly signedIds: SignedIds;
  readonly clock: Clock;
  readonly from: MailAddress;
  readonly modes: Pick<MailboxModes, 'holds'>;
}

export class OutboundMailer {
  constructor(private readonly deps: OutboundMailerDeps) {}

  /** The event subscriber that turns replies into queued sends. */
  readonly subscriber: EventSubscriber = {
    name: 'mail-outbound',
    handles: ['ticket.replied'],
    handle: (event) => this.enqueue(event),
  };

  async enqueue(event: DomainEvent): Promise<void> {
    const entryId = event.data.entryId;
    if (typeof entryId !== 'string') return; // replies recorded before entry ids were in the event
    await this.deps.outbound.createPending(event.ticketId, entryId, this.deps.clock.now().toISOString());
    const body: SendRequest = { ticketId: event.ticketId, entryId };
    await this.deps.bus.publish('outbound-mail', [{ id: `send.${entryId}`, type: OUTBOUND_MAIL_TYPE, body }]);
  }

  /** `final` is true on the queue's last delivery: a transient failure then counts as final too. */
  async send(request: SendRequest, attempt: { final: boolean }): Promise<SendOutcome> {
    const { outbound, clock } = this.deps;
    const now = clock.now();
    // The record normally exists (enqueue wrote it); a send queued by other means creates it here.
    if (!(await outbound.get(request.entryId)))
      await outbound.createPending(request.ticketId, request.entryId, now.toISOString());
    const current = await outbound.get(request.entryId);
    if (!current) throw new Error(`no send record for ${request.entryId}`);
    const { status } = current.doc;
    // A held reply is final: switching its mailbox to live sends nothing that was held.
    if (status === 'sent' || status === 'failed' || status === 'held') return 'already-done';
    if (status === 'sending' && now.getTime() - Date.parse(current.doc.at) < SENDING_LEASE_MS)
      throw new Error(`reply ${request.entryId} is being sent by another delivery`);
    const entry = (await this.deps.store.read('tickets', request.ticketId, request.entryId)) as
      | { doc: TimelineEntry }
      | undefined;
    const ticket = await this.deps.tickets.readSnapshot(request.ticketId);
    if (!entry || !ticket) return this.fail(current, request, 'the reply or its ticket no longer exists', []);
    const { mail, mailbox } = await this.compose(ticket.doc.id, ticket.doc.number, entry.doc);
    if (await this.deps.modes.holds(mailbox, entry.doc.at)) return this.hold(current, request, mailbox);
    const claimed = await outbound.move(current, {
      status: 'sending',
      at: now.toISOString(),
      attempts: current.doc.attempts + 1,
      messageId: mail.messageId,
    });
    if (!claimed) throw new Error(`reply ${request.entryId} was claimed by another delivery`);
    const recipients = [...mail.to, ...mail.cc].map((a) => a.address);
    try {
      const sent = await this.deps.mailbox.send(mail);
      const at = clock.now().toISOString();
      await outbound.move(claimed, { status: 'sent', at, providerMessageId: sent.providerMessageId, reason: null });
      await this.deps.records.finish(
        mail.messageId,
        { status: 'done', ticketId: request.ticketId, entryId: request.entryId, direction: 'out' },
        at,
      );
      return 'sent';
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      if (error instanceof PermanentDeliveryError || attempt.final)
        return this.fail(claimed, request, reason, recipients);
      await outbound.move(claimed, { status: 'pending', at: clock.now().toISOString(), reason });
      throw error;
    }
  }

  /** The mail, and the mailbox it answers for: the one the customer's latest mail came to, else ours. */
  private async compose(
    ticketId: string,
    number: string,
    entry: TimelineEntry,
  ): Promise<{ mail: OutboundMail; mailbox: string }> {
    const email = (entry.data.email ?? {}) as StoredEmail;
    const last = await this.latestCustomerMail(ticketId);
    const references = last ? [...last.references, last.messageId].slice(-20) : [];
    const mailbox = mailboxOf(last?.provider?.mailbox ?? this.deps.from.address);
    const mail: OutboundMail = {
      messageId: this.deps.signedIds.messageId(ticketId, entry.seq),
      from: this.deps.from,
      to: email.to ?? [],
      cc: email.cc ?? [],
      subject: outboundSubject(number, last ? `Re: ${stripNumber(email.subject ?? '')}` : (email.subject ?? number)),
      text: email.text ?? entry.body ?? '',
      html: email.html ?? null,
      inReplyTo: last?.messageId ?? null,
      references,
      headers: { 'X-ITIL-Ticket': number },
      attachments: [],
      replyToProviderMessageId: last?.provider?.provider === 'graph' ? last.provider.providerMessageId : null,
    };
    return { mail, mailbox };
  }

  /** Shadow mode: the record ends `held` (etag-guarded, so once), then the ticket tells why. */
  private async hold(
    current: Parameters<OutboundRecords['move']>[0],
    request: SendRequest,
    mailbox: string,
  ): Promise<SendOutcome> {
    const reason = `not sent: shadow mode (${mailbox})`;
    const held = await this.deps.outbound.move(current, {
      status: 'held',
      at: this.deps.clock.now().toISOString(),
      reason,
    });
    if (!held) throw new Error(`reply ${request.entryId} was claimed by another delivery`);
    const recorded = await this.deps.commands.run(
      request.ticketId,
      systemActor('mail-channel'),
      (t, ctx) => t.recordEmailHeld({ entryId: request.entryId, mailbox }, ctx),
      { retryOnConflict: true },
    );
    if (!recorded.ok && recorded.error.code !== 'TICKET.NOT_FOUND')
      throw new Error(`could not record the held reply on the ticket: ${recorded.error.message}`);
    return 'held';
  }

  /** The latest mail a person (not a robot) sent on the ticket: what our reply answers. */
  private async latestCustomerMail(ticketId: string): Promise<LatestMail | undefined> {
    const data = (await latestCustomerMailData(this.deps.store, ticketId)) as Partial<LatestMail> | undefined;
    if (typeof data?.messageId !== 'string') return undefined;
    return {
      messageId: data.messageId,
      references: Array.isArray(data.references) ? data.references : [],
      provider: data.provider ?? null,
    };
  }

  private async fail(
    current: Parameters<OutboundRecords['move']>[0],
    request: SendRequest,
    reason: string,
    recipients: readonly string[],
  ): Promise<SendOutcome> {
    await this.deps.outbound.move(current, { status: 'failed', at: this.deps.clock.now().toISOString(), reason });
    const recorded = await this.deps.commands.run(
      request.ticketId,
      systemActor('mail-channel'),
      (t, ctx) => t.recordEmailFailure({ entryId: request.entryId, reason, recipients }, ctx),
      { retryOnConflict: true },
    );
    if (!recorded.ok && recorded.error.code !== 'TICKET.NOT_FOUND')
      throw new Error(`could not record the failed send on the ticket: ${recorded.error.message}`);
    return 'failed';
  }
}

/** `[INC-1001] Printer` -> `Printer` so `Re: [INC-1001] Printer` keeps one number. */
const stripNumber = (subject: string): string => subject.replace(/^\s*\[(INC|REQ|QST)-\d+\]\s*/i, '');
