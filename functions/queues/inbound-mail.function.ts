/**
 * Queue `inbound-mail`: fetches the referenced message from its provider's Mailbox (SMTP: where
 * the listener stored it; Graph: `$value`) and runs the one ingestion path. A message the
 * provider no longer has is logged and dropped; on the last delivery a failing message is
 * quarantined with the error instead of dying in the dead-letter queue.
 */
import { ZInboundMessageRef } from '../../shared/api/mail.schemas.js';
import { MessageGoneError, type RawInboundMessage } from '../../shared/ports/mailbox.js';
import type { QueueFunctionDefinition } from '../catalog/function-definition.js';
import type { Services } from '../services.js';

export const inboundMailFunction: QueueFunctionDefinition<Services> = {
  name: 'mail-inbound',
  trigger: { type: 'queue', queueName: 'inbound-mail' },
  handler: (s) => async (message, context) => {
    const parsed = ZInboundMessageRef.safeParse(message.body);
    if (!parsed.success) {
      context.error(`inbound-mail message ${message.id} is not a message reference: ${parsed.error.message}`);
      return;
    }
    const ref = parsed.data;
    const mailbox = s.mail.mailboxFor(ref.provider);
    if (!mailbox) throw new Error(`No mailbox is configured for ${ref.provider} messages`);
    let raw: RawInboundMessage;
    try {
      raw = await mailbox.fetch(ref);
    } catch (error) {
      if (!(error instanceof MessageGoneError)) throw error;
      context.warn(`inbound ${ref.provider} message ${ref.providerMessageId} is gone: ${error.message}`);
      return;
    }
    const retry = context.retryContext;
    const lastDelivery = retry !== undefined && retry.retryCount >= retry.maxRetryCount;
    // Service Bus (and the local queue) report which delivery this is; a crashed one is taken over.
    const count = Number(context.triggerMetadata?.deliveryCount);
    const delivery = Number.isInteger(count) && count > 0 ? { key: message.id, count } : undefined;
    try {
      const outcome = await s.mail.ingestion.ingest(raw, delivery ? { delivery } : {});
      context.debug(
        `inbound ${ref.provider} ${ref.providerMessageId}: ${outcome.status}${'ticketId' in outcome && outcome.ticketId ? ` (${outcome.ticketId})` : ''}`,
      );
    } catch (error) {
      if (!lastDelivery) throw error;
      const outcome = await s.mail.ingestion.giveUp(
        raw,
        `processing failed repeatedly: ${error instanceof Error ? error.message : String(error)}`,
      );
      context.error(`inbound ${ref.providerMessageId} quarantined as ${outcome.quarantineId} after its last delivery`);
    }
  },
};
