/**
 * The generic email action (ADR 0015), the mechanism change approvals will use: a mail to one
 * addressee whose Message-ID is a signed token binding (record, allowed actions, addressee,
 * expiry). A trusted reply (see ExpertReplies) whose first line names an allowed action performs
 * it through the action's handler, which decides exactly once (its record is etag-guarded); the
 * sender then gets a confirmation: done, or why not (already decided, expired, not allowed).
 */

import type { Clock } from '../../ports/clock.js';
import type { MailAddress } from '../../ports/mailbox.js';
import { hashOf } from '../mail-keys.js';
import { parseActionCommand } from './expert-commands.js';
import type { ExpertOutbox } from './expert-outbox.js';
import type { MailTokenRecord, MailTokens } from './mail-tokens.js';

export type EmailActionResult = 'done' | 'already-decided' | 'not-allowed';

export interface EmailActionHandler {
  /** Names the kind of record (e.g. `change.approval`); tokens carry it. */
  readonly kind: string;
  perform(input: {
    readonly recordId: string;
    readonly action: string;
    readonly reason: string;
    readonly by: { readonly address: string; readonly agentId: string | null };
    readonly at: string;
  }): Promise<EmailActionResult>;
}

export interface EmailActionRequest {
  readonly kind: string;
  readonly recordId: string;
  readonly ticketId: string | null;
  readonly actions: readonly string[];
  readonly to: MailAddress;
  /** The addressee is a team mailbox: its members may answer too. */
  readonly teamId?: string | null;
  readonly agentId?: string | null;
  readonly allowExternal?: boolean;
  readonly expiresAt: string;
  readonly subject: string;
  /** What is asked; the command words are appended. */
  readonly text: string;
  /**
   * A second mail about the same record to the same addressee (a reminder): its own token and
   * outbox key, sent as a reply to the first mail so it lands in the same thread.
   */
  readonly variant?: string;
}

export type ActionOutcome = EmailActionResult | 'expired' | 'no-command';

const WHY: Record<ActionOutcome, string> = {
  done: 'done',
  'already-decided': 'not done: it was already decided',
  'not-allowed': 'not done: that action is not allowed here',
  expired: 'not done: the request has expired',
  'no-command': 'not done: the first line of your reply names no action',
};

export class EmailActions {
  private readonly handlers: Map<string, EmailActionHandler>;

  constructor(
    private readonly deps: { readonly tokens: MailTokens; readonly outbox: ExpertOutbox; readonly clock: Clock },
    handlers: readonly EmailActionHandler[],
  ) {
    this.handlers = new Map(handlers.map((h) => [h.kind, h]));
  }

  /** Sends the request mail; returns its Message-ID (the token). */
  async request(input: EmailActionRequest): Promise<{ messageId: string }> {
    if (!this.handlers.has(input.kind)) throw new Error(`no email action handler for ${input.kind}`);
    const address = input.to.address.toLowerCase();
    const firstKey = `x${hashOf(`${input.kind}\n${input.recordId}\n${address}`)}`;
    const key = input.variant
      ? `x${hashOf(`${input.kind}\n${input.recordId}\n${address}\n${input.variant}`)}`
      : firstKey;
    const { messageId } = await this.deps.tokens.issue({
      key,
      purpose: 'action',
      subjectId: input.recordId,
      actionKind: input.kind,
      ticketId: input.ticketId,
      addressee: address,
      actions: input.actions.map((a) => a.toLowerCase()),
      teamId: input.teamId ?? null,
      agentId: input.agentId ?? null,
      allowExternal: input.allowExternal ?? false,
      expiresAt: input.expiresAt,
      createdAt: this.deps.clock.now().toISOString(),
    });
    const original = input.variant ? (await this.deps.outbox.record(firstKey))?.mail.messageId : undefined;
    const words = input.actions.map((a) => (a.toLowerCase() === 'reject' ? 'reject <reason>' : a.toLowerCase()));
    await this.deps.outbox.queue(key, input.ticketId, {
      kind: 'action-request',
      messageId,
      to: input.to,
      subject: input.subject,
      text: `${input.text}\n\n--\nReply with one of these words alone at the start of the first line: ${words.join(', ')}.\nThis request expires ${input.expiresAt}.`,
      inReplyTo: original ?? null,
      references: original ? [original] : [],
      automatic: false,
    });
    return { messageId };
  }

  /** A trusted reply to an action token: perform what its first line says, then confirm to the sender. */
  async perform(
    token: MailTokenRecord,
    reply: { text: string; messageId: string; subject: string; sender: MailAddress; agentId: string | null },
    expired: boolean,
  ): Promise<ActionOutcome> {
    const handler = token.actionKind ? this.handlers.get(token.actionKind) : undefined;
    const command = parseActionCommand(reply.text, token.actions);
    let outcome: ActionOutcome;
    if (expired) outcome = 'expired';
    else if (!command) outcome = 'no-command';
    else if (!handler || !token.actions.includes(command.action) || (command.action === 'reject' && !command.reason))
      outcome = 'not-allowed';
    else
      outcome = await handler.perform({
        recordId: token.subjectId,
        action: command.action,
        reason: command.reason,
        by: { address: reply.sender.address, agentId: reply.agentId },
        at: this.deps.clock.now().toISOString(),
      });
    const said = command ? `${command.action}${command.reason ? ` (${command.reason.split('\n')[0]})` : ''}` : '';
    await this.deps.outbox.queue(`c${hashOf(reply.messageId)}`, token.ticketId, {
      kind: 'action-confirmation',
      messageId: `itn-c.${hashOf(reply.messageId)}@${this.deps.tokens.domain}`,
      to: reply.sender,
      subject: `Re: ${reply.subject.replace(/^\s*re:\s*/i, '')}`,
      text: `${said ? `You asked: ${said}.\n` : ''}Result: ${WHY[outcome]}.`,
      inReplyTo: reply.messageId,
      references: [reply.messageId],
      automatic: true,
    });
    return outcome;
  }
}
