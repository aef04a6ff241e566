/**
 * Accepting a message from a push source (the SMTP listener): the raw bytes are stored durably
 * and a reference is queued on `inbound-mail` BEFORE the source is told "accepted", so nothing
 * acknowledged can be lost; the queue function then fetches and ingests it.
 */
import type { BlobStore } from '../ports/blob-store.js';
import type { Clock } from '../ports/clock.js';
import type { IdGenerator } from '../ports/id-generator.js';
import type { InboundMessageRef } from '../ports/mailbox.js';
import type { MessageBus } from '../ports/message-bus.js';

/** The bus message type of inbound references (the Graph side uses the same). */
export const INBOUND_MESSAGE_TYPE = 'mail.inbound';

export const inboundRawKey = (id: string): string => `inbound/${id}.eml`;

export class InboundAcceptor {
  constructor(
    private readonly blobs: BlobStore,
    private readonly bus: MessageBus,
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
  ) {}

  async accept(raw: Uint8Array, mailbox: string): Promise<InboundMessageRef> {
    const id = this.ids.next('smtp_');
    await this.blobs.put(inboundRawKey(id), raw, {
      contentType: 'message/rfc822',
      filename: `${id}.eml`,
      createdAt: this.clock.now().toISOString(),
    });
    const ref: InboundMessageRef = { provider: 'smtp', mailbox: mailbox.toLowerCase(), providerMessageId: id };
    await this.bus.publish('inbound-mail', [{ id: `smtp.${id}`, type: INBOUND_MESSAGE_TYPE, body: ref }]);
    return ref;
  }
}
