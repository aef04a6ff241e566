/**
 * Signed mail tokens (ADR 0015): the Message-ID of a mail we send to an expert or an approver
 * names a token record, and the MAC in it binds what the record says: what it is for (an assist,
 * or an email action on a record), the allowed actions, the addressee and the expiry. A reply
 * quotes the id in In-Reply-To/References; only a record whose MAC verifies is believed.
 *
 *   Message-ID:  <itn-m.{key}.{mac}@{domain}>   mac = Signer(canonical(record))
 *
 * The record lives in the `mail` container (its own partition, point reads only). Changing any
 * bound field in storage breaks the MAC, so the database alone cannot widen what a token allows.
 */
import { ConcurrencyConflictError, type DocumentStore, type StoredDocument } from '../../ports/document-store.js';
import type { Signer } from '../../ports/signer.js';

export type TokenPurpose = 'assist' | 'action';

export interface NewMailToken {
  /** Deterministic per mail (event id + addressee), so a redelivered event issues the same token. */
  readonly key: string;
  readonly purpose: TokenPurpose;
  /** The assist id, or the email action's record id. */
  readonly subjectId: string;
  /** For email actions: which handler performs them. */
  readonly actionKind: string | null;
  readonly ticketId: string | null;
  /** Lower-cased address the mail went to: the one who may answer (or a member of `teamId`). */
  readonly addressee: string;
  readonly actions: readonly string[];
  /** The addressed team, whose members may answer for its mailbox. */
  readonly teamId: string | null;
  /** The addressed agent, when the address is one agent's. */
  readonly agentId: string | null;
  /** Mail from outside the organisation may act (DMARC-authenticated). */
  readonly allowExternal: boolean;
  readonly expiresAt: string;
  readonly createdAt: string;
}

export interface MailTokenRecord extends NewMailToken, StoredDocument {
  readonly pk: string;
  readonly docType: 'mail-token';
  readonly mac: string;
}

export type TokenCheck =
  | { readonly ok: true; readonly token: MailTokenRecord }
  | { readonly ok: false; readonly reason: string };

const TOKEN_ID = /^itn-m\.([a-z0-9]{4,64})\.([a-z0-9]{8,64})@/i;

export const tokenDocId = (key: string): string => `tok.${key}`;

/** True when the id has the shape of one of our token ids (whether or not it verifies). */
export const looksLikeToken = (messageId: string): boolean => /^itn-m\./i.test(messageId.trim());

const canonical = (t: NewMailToken): string =>
  [
    'mail-token/1',
    t.key,
    t.purpose,
    t.subjectId,
    t.actionKind ?? '',
    t.ticketId ?? '',
    t.addressee,
    [...t.actions].sort().join(','),
    t.teamId ?? '',
    t.agentId ?? '',
    t.allowExternal ? 'external' : 'internal',
    t.expiresAt,
  ].join('\n');

export class MailTokens {
  /** Our mail domain (the support address's): every token id ends in it. */
  readonly domain: string;

  constructor(
    private readonly store: DocumentStore,
    private readonly signer: Signer,
    supportAddress: string,
  ) {
    this.domain = supportAddress.slice(supportAddress.lastIndexOf('@') + 1).toLowerCase();
  }

  /** Stores the token (an existing one with the same key is kept) and returns its Message-ID. */
  async issue(input: NewMailToken): Promise<{ messageId: string; token: MailTokenRecord }> {
    const normalized: NewMailToken = { ...input, addressee: input.addressee.toLowerCase() };
    const mac = this.signer.sign(canonical(normalized));
    const id = tokenDocId(input.key);
    const doc: MailTokenRecord = { ...normalized, id, pk: id, docType: 'mail-token', mac };
    try {
      await this.store.batch('mail', id, [{ op: 'create', doc }]);
      return { messageId: this.messageIdOf(doc), token: doc };
    } catch (error) {
      if (!(error instanceof ConcurrencyConflictError)) throw error;
      const existing = (await this.store.read<MailTokenRecord>('mail', id, id))?.doc ?? doc;
      return { messageId: this.messageIdOf(existing), token: existing };
    }
  }

  messageIdOf(token: Pick<MailTokenRecord, 'key' | 'mac'>): string {
    return `itn-m.${token.key}.${token.mac}@${this.domain}`;
  }

  /** Verifies a Message-ID of ours: its record exists and the MAC over the record matches the id's. */
  async verify(messageId: string): Promise<TokenCheck> {
    const match = TOKEN_ID.exec(messageId.trim());
    if (!match) return { ok: false, reason: `${messageId} is not a token of ours` };
    const [, key, mac] = match as unknown as [string, string, string];
    const id = tokenDocId(key);
    const found = (await this.store.read<MailTokenRecord>('mail', id, id))?.doc;
    if (!found) return { ok: false, reason: `no token ${key} was ever issued` };
    if (!this.signer.verify(canonical(found), mac.toLowerCase()) || found.mac !== mac.toLowerCase())
      return { ok: false, reason: `the signature of token ${key} does not verify` };
    return { ok: true, token: found };
  }
}
