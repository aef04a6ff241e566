/**
 * Queue `outbound-mail`: sends one reply (or one mail to an expert or approver, ADR 0015) through the configured Mailbox. The send record makes
 * it at-most-once; transient failures throw (the queue retries with backoff), and on the last
 * delivery, or for a permanent refusal, the failure is recorded on the ticket.
 */
import { ZExpertSendRequest, ZSendRequest } from '../../shared/api/mail.schemas.js';
import type { QueueFunctionDefinition } from '../catalog/function-definition.js';
import type { Services } from '../services.js';

export const outboundMailFunction: QueueFunctionDefinition<Services> = {
  name: 'mail-send',
  trigger: { type: 'queue', queueName: 'outbound-mail' },
  handler: (s) => async (message, context) => {
    const retry = context.retryContext;
    const final = retry !== undefined && retry.retryCount >= retry.maxRetryCount;
    const expert = ZExpertSendRequest.safeParse(message.body);
    if (expert.success) {
      const outcome = await s.mail.expertOutbox.send(expert.data, { final });
      context.debug(`expert mail ${expert.data.expertMail}: ${outcome}`);
      return;
    }
    const parsed = ZSendRequest.safeParse(message.body);
    if (!parsed.success) {
      context.error(`outbound-mail message ${message.id} is not a send request: ${parsed.error.message}`);
      return;
    }
    const outcome = await s.mail.outbound.send(parsed.data, { final });
    context.debug(`reply ${parsed.data.entryId}: ${outcome}`);
  },
};
