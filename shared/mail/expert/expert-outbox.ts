/**
 * Mail to experts and approvers (assist requests, reminders, confirmations): composed when the
 * event that causes it is handled, stored as a send record holding the whole mail (docType
 * `mail-outbound`, so the ticket's sends list shows it), then sent once by `outbound-mail`
 * (pending -> sending -> sent | failed, etag-guarded) like the owner's replies.
 */

import type { Clock } from '../../ports/clock.js';
import { ConcurrencyConflictError, type DocumentStore, type Versioned } from '../../ports/document-store.js';
import type { MailAddress, Mailbox, OutboundMail } from '../../ports/mailbox.js';
import { PermanentDeliveryError } from '../../ports/mailbox.js';
import type { MessageBus } from '../../ports/message-bus.js';
import { outboundDocId } from '../mail-keys.js';
import { SENDING_LEASE_MS } from '../outbound-mailer.js';
import type { OutboundRecord, OutboundRecords } from '../outbound-records.js';

export const EXPERT_MAIL_TYPE = 'mail.expert';

export interface ExpertMail {
  readonly kind: 'assist-request' | 'assist-reminder' | 'assist-notice' | 'action-request' | 'action-confirmation';
  readonly messageId: string;
  readonly to: MailAddress;
  readonly subject: string;
  readonly text: string;
  readonly inReplyTo: string | null;
  readonly references: readonly string[];
  /** Confirmations are robot mail: marked so other robots do not answer them. */
  readonly automatic: boolean;
}

export interface ExpertSendRecord extends OutboundRecord {
  readonly mail: ExpertMail;
}

/** The send record's key inside `out.` ids: `x.{key}` never collides with an entry id. */
const entryKeyOf = (key: string): string => `x.${key}`;

export interface ExpertSendRequest {
  readonly expertMail: string;
}

export class ExpertOutbox {
  constructor(
    private readonly deps: {
      readonly store: DocumentStore;
      readonly outbound: OutboundRecords;
      readonly bus: MessageBus;
      readonly mailbox: Mailbox;
      readonly clock: Clock;
      readonly from: MailAddress;
    },
  ) {}

  /** Records the mail (once per key) and queues its send. */
  async queue(key: string, ticketId: string | null, mail: ExpertMail): Promise<void> {
    const entryId = entryKeyOf(key);
    const id = outboundDocId(entryId);
    const doc: ExpertSendRecord = {
      id,
      pk: id,
      docType: 'mail-outbound',
      ticketId: ticketId ?? '',
      entryId,
      status: 'pending',
      at: this.deps.clock.now().toISOString(),
      attempts: 0,
      messageId: mail.messageId,
      providerMessageId: null,
      reason: null,
      mail,
    };
    try {
      await this.deps.store.batch('mail', id, [{ op: 'create', doc }]);
    } catch (error) {
      if (!(error instanceof ConcurrencyConflictError)) throw error;
    }
    const body: ExpertSendRequest = { expertMail: entryId };
    await this.deps.bus.publish('outbound-mail', [{ id: `send.${entryId}`, type: EXPERT_MAIL_TYPE, body }]);
  }

  async record(key: string): Promise<ExpertSendRecord | undefined> {
    return (await this.deps.outbound.get(entryKeyOf(key)))?.doc as ExpertSendRecord | undefined;
  }

  /** Sends a queued mail at most once; `final` on the queue's last delivery. */
  async send(request: ExpertSendRequest, attempt: { final: boolean }): Promise<'sent' | 'already-done' | 'failed'> {
    const { outbound, clock } = this.deps;
    const current = (await outbound.get(request.expertMail)) as Versioned<ExpertSendRecord> | undefined;
    if (!current?.doc.mail) return 'already-done';
    const now = clock.now();
    const { status } = current.doc;
    if (status === 'sent' || status === 'failed') return 'already-done';
    if (status === 'sending' && now.getTime() - Date.parse(current.doc.at) < SENDING_LEASE_MS)
      throw new Error(`expert mail ${request.expertMail} is being sent by another delivery`);
    const claimed = await outbound.move(current, {
      status: 'sending',
      at: now.toISOString(),
      attempts: current.doc.attempts + 1,
    });
    if (!claimed) throw new Error(`expert mail ${request.expertMail} was claimed by another delivery`);
    try {
      const sent = await this.deps.mailbox.send(this.outboundMail(current.doc.mail));
      await outbound.move(claimed, {
        status: 'sent',
        at: clock.now().toISOString(),
        providerMessageId: sent.providerMessageId,
        reason: null,
      });
      return 'sent';
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      if (error instanceof PermanentDeliveryError || attempt.final) {
        await outbound.move(claimed, { status: 'failed', at: clock.now().toISOString(), reason });
        return 'failed';
      }
      await outbound.move(claimed, { status: 'pending', at: clock.now().toISOString(), reason });
      throw error;
    }
  }

  private outboundMail(mail: ExpertMail): OutboundMail {
    return {
      messageId: mail.messageId,
      from: this.deps.from,
      to: [mail.to],
      cc: [],
      subject: mail.subject,
      text: mail.text,
      html: null,
      inReplyTo: mail.inReplyTo,
      references: mail.references,
      headers: mail.automatic
        ? { 'Auto-Submitted': 'auto-replied', 'X-Auto-Response-Suppress': 'All', 'X-ITIL-Mail': mail.kind }
        : { 'X-ITIL-Mail': mail.kind },
      attachments: [],
      replyToProviderMessageId: null,
    };
  }
}
