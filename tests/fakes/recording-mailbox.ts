/** A Mailbox fake: records what was sent, can be told to fail, and serves raw messages put into it. */
import {
  type InboundMessageRef,
  type Mailbox,
  MessageGoneError,
  type OutboundMail,
  type RawInboundMessage,
} from '../../shared/ports/mailbox.js';

export class RecordingMailbox implements Mailbox {
  readonly sent: OutboundMail[] = [];
  readonly inbox = new Map<string, RawInboundMessage>();
  /** Errors thrown by the next sends, in order. */
  readonly failures: Error[] = [];

  async fetch(ref: InboundMessageRef): Promise<RawInboundMessage> {
    const found = this.inbox.get(ref.providerMessageId);
    if (!found) throw new MessageGoneError(`no message ${ref.providerMessageId}`);
    return found;
  }

  async send(mail: OutboundMail): Promise<{ providerMessageId: string | null }> {
    const failure = this.failures.shift();
    if (failure) throw failure;
    this.sent.push(mail);
    return { providerMessageId: `sent-${this.sent.length}` };
  }
}
