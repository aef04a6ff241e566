/**
 * What the Graph side puts on the `inbound-mail` queue: an InboundMessageRef whose bus message id
 * is derived from (mailbox, Graph message id), so a webhook notification, its retry and the delta
 * catch-up for the same message collapse into one queue message inside the duplicate window.
 */
import { createHash } from 'node:crypto';
import type { InboundMessageRef } from '../../../shared/ports/mailbox.js';
import type { BusMessage } from '../../../shared/ports/message-bus.js';

export const INBOUND_MAIL_TYPE = 'mail.inbound';

/** Service Bus message ids are limited to 128 characters and Graph ids are long: hash them. */
export const inboundMessageId = (mailbox: string, providerMessageId: string): string =>
  `graph-${createHash('sha256').update(`${mailbox.toLowerCase()}\n${providerMessageId}`).digest('hex').slice(0, 40)}`;

export const graphInboundMessage = (mailbox: string, providerMessageId: string): BusMessage => {
  const body: InboundMessageRef = { provider: 'graph', mailbox, providerMessageId };
  return { id: inboundMessageId(mailbox, providerMessageId), type: INBOUND_MAIL_TYPE, body };
};
