/**
 * Lands one threaded inbound mail on the ticket side: an email_in entry on the matched ticket
 * (through TicketCommands, so entry + status change + events commit atomically), or a new ticket
 * when nothing matched or the matched one no longer takes replies (then linked to the old one).
 */

import type { MailForSuggestions } from '../cmdb/ci-suggestions.js';
import type { Actor } from '../kernel/actor.js';
import type { ChangeContext } from '../kernel/change-context.js';
import type { Clock } from '../ports/clock.js';
import type { DocumentStore } from '../ports/document-store.js';
import type { IdGenerator } from '../ports/id-generator.js';
import type { MailAddress, RawInboundMessage } from '../ports/mailbox.js';
import { Ticket } from '../tickets/ticket.js';
import type { InboundEmail, ReopenPolicy } from '../tickets/ticket-email.js';
import type { TicketRepository } from '../tickets/ticket-repository.js';
import type { NewCiSuggestion } from '../tickets/ticket-types.js';
import type { TicketCommands } from '../use-cases/ticket-commands.js';
import type { RequesterContext } from '../use-cases/ticket-use-cases.js';
import type { WorkItemNumberAllocator } from '../work-items/work-item-numbers.js';
import type { AutomaticMail } from './automatic-mail.js';
import type { EmailData } from './inbound-content.js';
import type { ParsedEmail } from './parsed-email.js';
import type { SignedIds } from './signed-ids.js';
import { titleFromSubject } from './subject.js';
import type { ThreadDecision } from './threading.js';

const CI_SUGGESTER: Actor = { kind: 'system', name: 'ci-suggestions' };

export interface MailToWrite {
  readonly messageId: string;
  readonly email: ParsedEmail;
  readonly from: MailAddress;
  readonly thread: ThreadDecision;
  readonly automatic: AutomaticMail | null;
  readonly content: { readonly data: EmailData; readonly main: string; readonly trimmed: boolean };
  readonly message: RawInboundMessage;
}

export interface Written {
  readonly status: 'attached' | 'created';
  readonly ticketId: string;
  readonly entryId: string;
  readonly rule: string;
  readonly reopened: boolean;
  readonly linkedTo: string | null;
}

export class MailTicketWriter {
  constructor(
    private readonly deps: {
      readonly commands: TicketCommands;
      readonly tickets: TicketRepository;
      readonly numbers: WorkItemNumberAllocator;
      readonly signedIds: SignedIds;
      readonly store: DocumentStore;
      readonly clock: Clock;
      readonly ids: IdGenerator;
      readonly policy: ReopenPolicy;
      /** The customer directory: a new sender becomes a contact; the ticket records their tier. */
      readonly customers?: RequesterContext;
      /** The CMDB's suggested CIs for a mail (host names, asset tags, the sender's workstation). */
      readonly suggestCis?: (mail: MailForSuggestions) => Promise<readonly NewCiSuggestion[]>;
    },
  ) {}

  async write(mail: MailToWrite): Promise<Written> {
    const actor: Actor = { kind: 'customer', email: mail.from.address };
    const inbound = this.inboundEmail(mail, null);
    const suggest = await this.ciSuggestions(mail);
    const { thread } = mail;
    if (thread.ticketId) {
      const result = await this.deps.commands.run(
        thread.ticketId,
        actor,
        (t, ctx) => {
          const received = t.receiveEmail(inbound, this.deps.policy, ctx);
          if (received.ok) suggest(t, ctx);
          return received;
        },
        { retryOnConflict: true },
      );
      if (result.ok)
        return {
          status: 'attached',
          ticketId: thread.ticketId,
          entryId: result.value.value.entryId,
          rule: thread.rule,
          reopened: result.value.value.reopened,
          linkedTo: null,
        };
      if (result.error.code === 'TICKET.CLOSED') return this.create(mail, actor, thread.ticketId, suggest);
      if (result.error.code !== 'TICKET.NOT_FOUND')
        throw new Error(`inbound mail refused by ticket ${thread.ticketId}: ${result.error.message}`);
    }
    return this.create(mail, actor, null, suggest);
  }

  /** Suggested CIs are listed on the ticket in the mail's own write, by the system, never set (issue 15). */
  private async ciSuggestions(mail: MailToWrite): Promise<(t: Ticket, ctx: ChangeContext) => void> {
    if (!this.deps.suggestCis || mail.automatic) return () => {};
    const found = await this.deps.suggestCis({
      subject: mail.email.subject,
      body: mail.content.main,
      requesterEmail: mail.from.address,
    });
    return (t, ctx) => {
      if (found.length > 0) t.suggestCis(found, { ...ctx, actor: CI_SUGGESTER });
    };
  }

  /**
   * The ticket whose timeline already holds this message, if any. Only a takeover of a delivery
   * that died mid-way asks, so a query across tickets is affordable and spares every normal
   * delivery a bookkeeping write.
   */
  async ticketHolding(messageId: string): Promise<string | undefined> {
    const page = await this.deps.store.query<{ id: string; docType: string; ticketId: string }>('tickets', {
      where: [
        { field: 'docType', op: 'eq', value: 'entry' },
        { field: 'data.messageId', op: 'eq', value: messageId },
      ],
      limit: 1,
    });
    return page.items[0]?.doc.ticketId;
  }

  private inboundEmail(mail: MailToWrite, linkedTicket: { id: string; number: string } | null): InboundEmail {
    const own = (address: string) => this.deps.signedIds.isOwnAddress(address);
    const { ref } = mail.message;
    return {
      from: mail.from,
      cc: [...mail.email.to, ...mail.email.cc].map((a) => a.address).filter((a) => !own(a)),
      body: mail.content.main,
      automatic: mail.automatic ? { kind: mail.automatic.kind, reason: mail.automatic.reason } : null,
      data: {
        messageId: mail.messageId,
        // What our reply to this mail must carry in References (the latest 20 are plenty).
        references: mail.email.references.slice(-20),
        email: mail.content.data,
        bodyTrimmed: mail.content.trimmed,
        threading: {
          rule: linkedTicket ? 'new-ticket' : mail.thread.rule,
          matched: mail.thread.matched,
          rejected: mail.thread.rejected,
          // Threaded onto a duplicate that was merged here (threading.ts): the entry says which.
          ...(mail.thread.mergedFrom ? { mergedFrom: mail.thread.mergedFrom } : {}),
        },
        autoReply: mail.automatic
          ? {
              kind: mail.automatic.kind,
              reason: mail.automatic.reason,
              failedRecipients: mail.automatic.failedRecipients,
            }
          : null,
        provider: {
          provider: ref.provider,
          mailbox: ref.mailbox,
          providerMessageId: ref.providerMessageId,
          conversationId: mail.message.conversationId ?? null,
        },
        receivedAt: mail.message.receivedAt,
        ...(linkedTicket ? { linkedTicket } : {}),
      },
    };
  }

  private async create(
    mail: MailToWrite,
    actor: Actor,
    previousTicketId: string | null,
    suggest: (t: Ticket, ctx: ChangeContext) => void,
  ): Promise<Written> {
    const previous = previousTicketId ? (await this.deps.tickets.readSnapshot(previousTicketId))?.doc : undefined;
    const linked = previous ? { id: previous.id, number: previous.number } : null;
    const name = mail.from.name || (mail.from.address.split('@')[0] as string);
    // Auto-replies and bounces that open a ticket make no contact of a robot.
    const customer =
      this.deps.customers && !mail.automatic
        ? await this.deps.customers.forNewTicket({ email: mail.from.address, name }, 'mail')
        : null;
    const number = await this.deps.numbers.next('INC');
    const ctx = { actor, now: this.deps.clock.now(), ids: this.deps.ids };
    const created = Ticket.create(
      {
        ...(customer ? { customer } : {}),
        number,
        type: 'incident',
        title: titleFromSubject(mail.email.subject),
        description: linked ? `Follow-up of ${linked.number}.\n\n${mail.content.main}` : mail.content.main,
        requester: { email: mail.from.address, name: mail.from.name || (mail.from.address.split('@')[0] as string) },
        impact: 2,
        urgency: 2,
        channel: 'email',
        tags: linked ? ['follow-up'] : [],
      },
      ctx,
    );
    if (!created.ok) throw new Error(`could not open a ticket from mail ${mail.messageId}: ${created.error.message}`);
    const ticket = created.value;
    const received = ticket.receiveEmail(this.inboundEmail(mail, linked), this.deps.policy, ctx);
    if (!received.ok) throw new Error(`a new ticket refused its first mail: ${received.error.message}`);
    suggest(ticket, ctx);
    await this.deps.commands.save(ticket, null);
    return {
      status: 'created',
      ticketId: ticket.id,
      entryId: received.value.entryId,
      rule: linked ? 'new-ticket' : mail.thread.rule,
      reopened: false,
      linkedTo: linked?.id ?? null,
    };
  }
}
