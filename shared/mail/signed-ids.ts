/**
 * Our own Message-IDs and reply addresses carry the ticket id and a MAC of it, so a reply that
 * quotes them threads back to its ticket, and a forged or altered id threads nowhere.
 *
 *   Message-ID:    <itn.{ticketId}.{seq}.{mac}@{domain}>   mac = Signer("{ticketId}.{seq}")
 *   reply address: {local}+{ticketId}.{mac}@{domain}      mac = Signer("{ticketId}")
 */
import type { Signer } from '../ports/signer.js';

const MESSAGE_ID = /^itn\.([A-Za-z0-9_-]+)\.(\d+)\.([a-z0-9]+)@/i;

export class SignedIds {
  private readonly local: string;
  private readonly domain: string;

  constructor(
    private readonly signer: Signer,
    supportAddress: string,
  ) {
    const at = supportAddress.lastIndexOf('@');
    this.local = supportAddress.slice(0, at).toLowerCase();
    this.domain = supportAddress.slice(at + 1).toLowerCase();
  }

  /** The Message-ID (without brackets) of the `seq`-th timeline entry of a ticket sent as mail. */
  messageId(ticketId: string, seq: number): string {
    return `itn.${ticketId}.${seq}.${this.signer.sign(`${ticketId}.${seq}`)}@${this.domain}`;
  }

  replyAddress(ticketId: string): string {
    return `${this.local}+${ticketId}.${this.signer.sign(ticketId)}@${this.domain}`;
  }

  /** The ticket a Message-ID of ours names, or null when it is not ours or its MAC is wrong. */
  ticketOfMessageId(messageId: string): string | null {
    const match = MESSAGE_ID.exec(messageId.trim());
    if (!match) return null;
    const [, ticketId, seq, mac] = match as unknown as [string, string, string, string];
    return this.signer.verify(`${ticketId}.${seq}`, mac.toLowerCase()) ? ticketId : null;
  }

  /** The ticket a `support+{ticketId}.{mac}@` address names, or null. */
  ticketOfAddress(address: string): string | null {
    const lower = address.toLowerCase();
    const at = lower.lastIndexOf('@');
    if (at < 0 || lower.slice(at + 1) !== this.domain) return null;
    const local = address.slice(0, at);
    const plus = local.indexOf('+');
    if (plus < 0 || local.slice(0, plus).toLowerCase() !== this.local) return null;
    const tag = local.slice(plus + 1);
    const dot = tag.lastIndexOf('.');
    if (dot <= 0) return null;
    const ticketId = tag.slice(0, dot);
    return this.signer.verify(ticketId, tag.slice(dot + 1).toLowerCase()) ? ticketId : null;
  }

  /** True for the support address itself and its `+tag` variants (mail from them is our own). */
  isOwnAddress(address: string): boolean {
    const lower = address.toLowerCase();
    const at = lower.lastIndexOf('@');
    if (at < 0 || lower.slice(at + 1) !== this.domain) return false;
    const local = lower.slice(0, at);
    return local === this.local || local.startsWith(`${this.local}+`);
  }
}
