/**
 * The one ingestion path for every provider: raw MIME -> parse -> idempotency claim -> thread ->
 * store attachments -> ticket entry or new ticket (atomic with its events) -> bookkeeping.
 * Expected trouble (unparsable, no sender, robot mail that matches no ticket) goes to the
 * quarantine; infrastructure failures throw so the queue retries the message.
 */

import type { BlobStore } from '../ports/blob-store.js';
import type { Clock } from '../ports/clock.js';
import type { HtmlSanitizer } from '../ports/html-sanitizer.js';
import type { IdGenerator } from '../ports/id-generator.js';
import type { RawInboundMessage } from '../ports/mailbox.js';
import type { TicketRepository } from '../tickets/ticket-repository.js';
import { type AutomaticMail, detectAutomaticMail } from './automatic-mail.js';
import { carriesToken, type ExpertReplies } from './expert/expert-replies.js';
import { inboundContent } from './inbound-content.js';
import { hashOf } from './mail-keys.js';
import type { ClaimDelivery, MailRecords } from './mail-records.js';
import type { MailTicketWriter } from './mail-ticket-writer.js';
import { type MimeParser, normalizeMessageId, type ParsedEmail } from './parsed-email.js';
import { type Quarantine, type QuarantineRecord, quarantineIdFor } from './quarantine.js';
import type { SignedIds } from './signed-ids.js';
import { resolveThread } from './threading.js';

export type IngestOutcome =
  | { readonly status: 'duplicate'; readonly messageId: string; readonly ticketId: string | null }
  | {
      readonly status: 'attached' | 'created';
      readonly messageId: string;
      readonly ticketId: string;
      readonly entryId: string;
      readonly rule: string;
      readonly reopened: boolean;
      readonly automatic: string | null;
      readonly linkedTo: string | null;
    }
  | {
      /** An expert's or approver's reply that performed its act (ADR 0015). */
      readonly status: 'expert';
      readonly messageId: string;
      readonly ticketId: string | null;
      readonly performed: string;
    }
  | {
      readonly status: 'quarantined';
      readonly messageId: string | null;
      readonly quarantineId: string;
      readonly reason: string;
    };

export interface IngestOptions {
  /** Re-processing a quarantined message: its record is reused, and its earlier claim is taken over. */
  readonly fromQuarantine?: QuarantineRecord;
  /** An admin decided a robot mail that matches no ticket deserves one anyway. */
  readonly forceNewTicket?: boolean;
  /**
   * The queue delivery running this ingestion. The queue hands a message out again only once its
   * earlier delivery is over (completed, abandoned, lock expired, or released after a crash), so
   * a claim held by an earlier delivery of the same queue message is taken over at once rather
   * than after CLAIM_LEASE_MS: after a crash, a redelivered message lands within seconds.
   */
  readonly delivery?: ClaimDelivery;
}

export interface MailIngestionDeps {
  readonly parser: MimeParser;
  readonly sanitizer: HtmlSanitizer;
  readonly blobs: BlobStore;
  readonly records: MailRecords;
  readonly quarantine: Quarantine;
  readonly tickets: TicketRepository;
  readonly writer: MailTicketWriter;
  readonly signedIds: SignedIds;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  /** Replies to our assist and email-action mail; absent: every mail takes the customer path. */
  readonly expert?: ExpertReplies;
}

const contentHash = (raw: Uint8Array): string =>
  `${raw.byteLength.toString(36)}.${hashOf(new TextDecoder('latin1').decode(raw))}`;

/** A claim older than this belongs to a delivery that died; the next one takes over. */
export const CLAIM_LEASE_MS = 120_000;

/** Which provider message a Message-ID arrived in (a replayed reply arrives in another one). */
const providerKey = (message: RawInboundMessage): string => `${message.ref.provider}:${message.ref.providerMessageId}`;

export class MailIngestion {
  constructor(private readonly deps: MailIngestionDeps) {}

  async ingest(message: RawInboundMessage, options: IngestOptions = {}): Promise<IngestOutcome> {
    const { records, clock } = this.deps;
    if (!options.fromQuarantine) {
      const seen = await records.providerSeen(message.ref);
      if (seen?.startsWith('quarantine.')) return { status: 'duplicate', messageId: seen, ticketId: null };
      const record = seen ? await records.message(seen) : undefined;
      if (seen && record && record.doc.status !== 'claimed')
        return { status: 'duplicate', messageId: seen, ticketId: record.doc.ticketId };
    }
    let email: ParsedEmail;
    try {
      email = await this.deps.parser.parse(message.raw);
    } catch (error) {
      return this.quarantine(
        message,
        null,
        `unparsable message: ${error instanceof Error ? error.message : String(error)}`,
        options,
      );
    }
    // Without a Message-ID the bytes themselves identify the message (a redelivery is byte-identical).
    const messageId =
      email.messageId ??
      normalizeMessageId(message.internetMessageId) ??
      `noid.${contentHash(message.raw)}@itil-next.invalid`;
    const at = clock.now().toISOString();
    const claim = await this.claim(messageId, at, options);
    if (claim?.status === 'duplicate' && (await this.isReplay(email, messageId, message)))
      return this.quarantine(message, email, `replayed: ${messageId} was already processed`, options);
    if (claim) return claim;
    const outcome = await this.process(message, email, messageId, options);
    // Only Graph ids can come back (webhook + delta, retries); an SMTP id is new on every acceptance.
    if (message.ref.provider === 'graph')
      await records.rememberProvider(message.ref, messageId, clock.now().toISOString());
    return outcome;
  }

  /**
   * An expert's reply arriving again as a new message (a resend of the same Message-ID, not a
   * redelivery of the same provider message): it must not act twice, and it is told apart from
   * the harmless duplicate a provider announces twice.
   */
  private async isReplay(email: ParsedEmail, messageId: string, message: RawInboundMessage): Promise<boolean> {
    if (!this.deps.expert || !carriesToken(email)) return false;
    const record = (await this.deps.records.message(messageId))?.doc;
    return record?.provider !== undefined && record.provider !== providerKey(message);
  }

  /** Takes the Message-ID for this delivery; returns an outcome when there is nothing (more) to do. */
  private async claim(messageId: string, at: string, options: IngestOptions): Promise<IngestOutcome | undefined> {
    const { records } = this.deps;
    const delivery = options.delivery ?? null;
    const first = await records.claim(messageId, at, undefined, delivery);
    if (first.claimed) return undefined;
    const existing = first.existing;
    const retryingQuarantine =
      existing.status === 'quarantined' && existing.quarantineId === options.fromQuarantine?.id;
    if (existing.status === 'done' || (existing.status === 'quarantined' && !retryingQuarantine))
      return { status: 'duplicate', messageId, ticketId: existing.ticketId };
    const heldByEarlierDelivery =
      delivery !== null && existing.delivery?.key === delivery.key && existing.delivery.count < delivery.count;
    if (
      existing.status === 'claimed' &&
      !heldByEarlierDelivery &&
      Date.parse(at) - Date.parse(existing.at) < CLAIM_LEASE_MS
    )
      throw new Error(`message ${messageId} is being processed by another delivery; retry later`);
    // A stale claim: the delivery that held it may have written the entry before dying.
    const landed = await this.deps.writer.ticketHolding(messageId);
    if (landed) {
      await records.finish(messageId, { status: 'done', ticketId: landed, entryId: null }, at);
      return { status: 'duplicate', messageId, ticketId: landed };
    }
    const current = await records.message(messageId);
    if (!current) throw new Error(`message record ${messageId} vanished during takeover`);
    const taken = await records.claim(messageId, at, current, delivery);
    if (!taken.claimed) throw new Error(`message ${messageId} was taken over by another delivery; retry later`);
    return undefined;
  }

  private async process(
    message: RawInboundMessage,
    email: ParsedEmail,
    messageId: string,
    options: IngestOptions,
  ): Promise<IngestOutcome> {
    const { records, signedIds, clock } = this.deps;
    const from = email.from;
    if (!from || !/^[^@\s]+@[^@\s]+$/.test(from.address))
      return this.quarantine(message, email, 'no usable sender address (From)', options, messageId);
    const automatic: AutomaticMail | null = detectAutomaticMail(email, (a) => signedIds.isOwnAddress(a));
    const conversationId = message.conversationId ?? null;
    if (this.deps.expert) {
      const expert = await this.deps.expert.handle({
        email,
        message,
        messageId,
        from,
        automatic,
        content: () => inboundContent(email, from, this.deps),
      });
      if (expert?.kind === 'quarantine') return this.quarantine(message, email, expert.reason, options, messageId);
      if (expert) {
        const done = clock.now().toISOString();
        await records.finish(
          messageId,
          { status: 'done', ticketId: expert.ticketId, entryId: null, provider: providerKey(message) },
          done,
        );
        if (options.fromQuarantine)
          await this.deps.quarantine.resolved(options.fromQuarantine, expert.ticketId ?? '', done);
        return { status: 'expert', messageId, ticketId: expert.ticketId, performed: expert.performed };
      }
    }
    const thread = await resolveThread(email, conversationId, { signedIds, records, tickets: this.deps.tickets });
    if (automatic?.kind === 'bounce')
      for (const recipient of automatic.failedRecipients)
        await records.markBouncing(recipient, automatic.reason, clock.now().toISOString());
    if (!thread.ticketId && automatic && !options.forceNewTicket)
      return this.quarantine(
        message,
        email,
        `automatic mail (${automatic.kind}: ${automatic.reason}) that matches no ticket`,
        options,
        messageId,
      );
    const content = await inboundContent(email, from, this.deps);
    const written = await this.deps.writer.write({ messageId, email, from, thread, automatic, content, message });
    const at = clock.now().toISOString();
    await records.finish(messageId, { status: 'done', ticketId: written.ticketId, entryId: written.entryId }, at);
    if (conversationId) await records.rememberConversation(conversationId, written.ticketId, at);
    if (options.fromQuarantine) await this.deps.quarantine.resolved(options.fromQuarantine, written.ticketId, at);
    return { ...written, messageId, automatic: automatic?.kind ?? null };
  }

  /** The queue's last delivery failed: keep the message in the quarantine instead of losing it. */
  async giveUp(message: RawInboundMessage, reason: string): Promise<{ quarantineId: string }> {
    const outcome = await this.quarantine(message, null, reason, {});
    return { quarantineId: outcome.status === 'quarantined' ? outcome.quarantineId : '' };
  }

  private async quarantine(
    message: RawInboundMessage,
    email: ParsedEmail | null,
    reason: string,
    options: IngestOptions,
    messageId: string | null = null,
  ): Promise<IngestOutcome> {
    const at = this.deps.clock.now().toISOString();
    let quarantineId: string;
    if (options.fromQuarantine) {
      quarantineId = options.fromQuarantine.id;
      await this.deps.quarantine.again(options.fromQuarantine, reason, at);
    } else {
      quarantineId = quarantineIdFor(message.ref);
      await this.deps.quarantine.add(
        {
          id: quarantineId,
          at,
          reason,
          ref: message.ref,
          messageId,
          from: email?.from?.address ?? null,
          subject: email?.subject ?? null,
          conversationId: message.conversationId ?? null,
        },
        message.raw,
      );
    }
    if (messageId) await this.deps.records.finish(messageId, { status: 'quarantined', quarantineId }, at);
    else await this.deps.records.rememberProvider(message.ref, `quarantine.${quarantineId}`, at);
    return { status: 'quarantined', messageId, quarantineId, reason };
  }
}
