/**
 * Assists and email actions, inbound (ADR 0015): a mail that quotes one of our token ids (or
 * carries an assist subject) is handled here and never as customer mail. It acts only when all
 * hold: the token verifies; the sender is its addressee (or a member of the addressed team); the
 * provider vouches the mail is authenticated (mail-trust.ts), from inside the organisation unless
 * the addressee allows external mail. Anything else performs nothing and is quarantined with its
 * reason (bad token, wrong sender, unauthenticated; replays are caught by MailIngestion), with no
 * mail back. A trusted reply to an expired token is quarantined too, and its sender told.
 */

import type { DirectoryRepository } from '../../directory/directory-repository.js';
import type { Actor } from '../../kernel/actor.js';
import type { Clock } from '../../ports/clock.js';
import type { MailAddress, RawInboundMessage } from '../../ports/mailbox.js';
import type { TicketCommands } from '../../use-cases/ticket-commands.js';
import type { AutomaticMail } from '../automatic-mail.js';
import type { EmailData } from '../inbound-content.js';
import { hashOf } from '../mail-keys.js';
import type { ParsedEmail } from '../parsed-email.js';
import { candidateIds } from '../threading.js';
import { assistNoticeText, isAssistSubject } from './assist-mail-text.js';
import type { EmailActions } from './email-actions.js';
import { parseAssistCommand } from './expert-commands.js';
import type { ExpertOutbox } from './expert-outbox.js';
import { looksLikeToken, type MailTokenRecord, type MailTokens } from './mail-tokens.js';
import { type SenderTrust, type SmtpTrustSettings, trustFromExchange, trustFromSmtp } from './mail-trust.js';

export type ExpertOutcome =
  | { readonly kind: 'performed'; readonly ticketId: string | null; readonly performed: string }
  | { readonly kind: 'quarantine'; readonly reason: string };

export interface ExpertMailInput {
  readonly email: ParsedEmail;
  readonly message: RawInboundMessage;
  readonly messageId: string;
  readonly from: MailAddress;
  readonly automatic: AutomaticMail | null;
  /** Stores attachments and cleans the body; called only once the mail is trusted. */
  readonly content: () => Promise<{ data: EmailData; main: string; trimmed: boolean }>;
}

export interface ExpertRepliesDeps {
  readonly tokens: MailTokens;
  readonly directory: DirectoryRepository;
  readonly commands: TicketCommands;
  readonly outbox: ExpertOutbox;
  readonly actions: EmailActions;
  readonly clock: Clock;
  readonly smtpTrust: SmtpTrustSettings;
}

/** True when the mail quotes one of our token ids: it belongs to this path, not to a customer thread. */
export const carriesToken = (email: ParsedEmail): boolean => candidateIds(email).some(looksLikeToken);

const quarantine = (reason: string): ExpertOutcome => ({ kind: 'quarantine', reason });

export class ExpertReplies {
  constructor(private readonly deps: ExpertRepliesDeps) {}

  /** null: not an expert's or approver's mail (ingestion goes on with the customer path). */
  async handle(input: ExpertMailInput): Promise<ExpertOutcome | null> {
    const { email } = input;
    const ids = candidateIds(email).filter(looksLikeToken);
    if (ids.length === 0)
      return isAssistSubject(email.subject)
        ? quarantine('bad token: an assist subject without our signed Message-ID in In-Reply-To/References')
        : null;
    let token: MailTokenRecord | undefined;
    const problems: string[] = [];
    for (const id of ids) {
      const check = await this.deps.tokens.verify(id);
      if (check.ok) {
        token = check.token;
        break;
      }
      problems.push(check.reason);
    }
    if (!token) return quarantine(`bad token: ${problems.join('; ')}`);

    const sender = input.from.address.toLowerCase();
    const actor = await this.actorFor(token, sender);
    if (!actor)
      return quarantine(
        `wrong sender: ${sender} is not ${token.addressee}${token.teamId ? ` nor a member of team ${token.teamId}` : ''}`,
      );

    const trust = this.trustOf(input.message, email, sender);
    if (!trust.authenticated) return quarantine(`unauthenticated: ${trust.detail}`);
    if (trust.origin === 'external' && !(await this.allowsExternal(token)))
      return quarantine(`unauthenticated: external mail (${trust.detail}) is not allowed for ${token.addressee}`);
    if (input.automatic)
      return quarantine(
        `automatic mail (${input.automatic.kind}: ${input.automatic.reason}) answering ${token.purpose} mail: nothing performed`,
      );

    const expired = Date.parse(token.expiresAt) <= this.deps.clock.now().getTime();
    const content = await input.content();
    if (token.purpose === 'action') {
      const outcome = await this.deps.actions.perform(
        token,
        {
          text: content.main,
          messageId: input.messageId,
          subject: email.subject,
          sender: input.from,
          agentId: actor.kind === 'agent' ? actor.agentId : null,
        },
        expired,
      );
      if (outcome === 'expired') return quarantine(`expired token: ${token.key} expired at ${token.expiresAt}`);
      return { kind: 'performed', ticketId: token.ticketId, performed: `action ${token.actionKind}: ${outcome}` };
    }
    if (expired) {
      await this.notice(token, input, `the assist mail expired at ${token.expiresAt}`);
      return quarantine(`expired token: ${token.key} expired at ${token.expiresAt}`);
    }
    return this.onAssist(token, actor, input, content);
  }

  private async onAssist(
    token: MailTokenRecord,
    actor: Actor,
    input: ExpertMailInput,
    content: { data: EmailData; main: string; trimmed: boolean },
  ): Promise<ExpertOutcome> {
    const ticketId = token.ticketId as string;
    const command = parseAssistCommand(content.main);
    const action = command.word === 'answer' ? 'answer' : command.word === 'decline' ? 'decline' : 'contribute';
    const body = command.word === null ? content.main : command.rest || null;
    const { data } = content;
    const result = await this.deps.commands.run(
      ticketId,
      actor,
      (t, ctx) =>
        t.actOnAssistByEmail(
          token.subjectId,
          {
            action,
            body,
            proposeReply: command.word === 'propose',
            mail: {
              from: input.from.address.toLowerCase(),
              messageId: input.messageId,
              subject: data.subject,
              recipients: [...data.to, ...data.cc].map((a) => a.address),
              command: command.word,
              text: data.text,
              bodyTrimmed: content.trimmed,
              attachments: data.attachments,
              provider: input.message.ref.provider,
            },
          },
          ctx,
        ),
      { retryOnConflict: true },
    );
    if (result.ok)
      return { kind: 'performed', ticketId, performed: `assist ${token.subjectId}: ${command.word ?? 'contribute'}` };
    await this.notice(token, input, result.error.message);
    return quarantine(`refused by the assist: ${result.error.code}: ${result.error.message}`);
  }

  /**
   * Who acts: the addressee, or a member of the addressed team (for a team mailbox's mail). An
   * address that is no agent's acts as the team's mailbox (for an email action without a team it
   * names only the sender; the action's handler decides what that may do).
   */
  private async actorFor(token: MailTokenRecord, sender: string): Promise<Actor | null> {
    const agent = await this.deps.directory.agentByEmail(sender);
    const asAgent = (a: NonNullable<typeof agent>): Actor => ({
      kind: 'agent',
      agentId: a.id,
      roles: a.roles,
      teamIds: a.teamIds,
    });
    const member = agent?.active && token.teamId !== null && agent.teamIds.includes(token.teamId);
    if (sender !== token.addressee) return member && agent ? asAgent(agent) : null;
    if (token.agentId) {
      const named = await this.deps.directory.agent(token.agentId);
      return named?.active ? asAgent(named) : null;
    }
    if (member && agent) return asAgent(agent);
    return { kind: 'mailbox', address: sender, teamId: token.teamId ?? '' };
  }

  private trustOf(message: RawInboundMessage, email: ParsedEmail, sender: string): SenderTrust {
    if (message.ref.provider === 'graph') return trustFromExchange(message.providerHeaders ?? [], sender);
    return trustFromSmtp(email.headers, sender, this.deps.smtpTrust);
  }

  /** External mail may act when the token allows it and, for assists, the addressee's setting still does. */
  private async allowsExternal(token: MailTokenRecord): Promise<boolean> {
    if (!token.allowExternal) return false;
    if (token.purpose !== 'assist') return true;
    if (token.agentId) return (await this.deps.directory.agent(token.agentId))?.reachByEmail?.allowExternal === true;
    if (token.teamId) return (await this.deps.directory.team(token.teamId))?.reachByEmail?.allowExternal === true;
    return false;
  }

  /** Tells a trusted expert their reply was not recorded (once per reply). */
  private async notice(token: MailTokenRecord, input: ExpertMailInput, why: string): Promise<void> {
    const number = /\[((?:INC|REQ|QST)-\d+)\]/i.exec(input.email.subject)?.[1] ?? 'the ticket';
    await this.deps.outbox.queue(`n${hashOf(input.messageId)}`, token.ticketId, {
      kind: 'assist-notice',
      messageId: `itn-c.${hashOf(input.messageId)}@${this.deps.tokens.domain}`,
      to: input.from,
      subject: `Re: ${input.email.subject.replace(/^\s*re:\s*/i, '')}`,
      text: assistNoticeText(number, why),
      inReplyTo: input.messageId,
      references: [input.messageId],
      automatic: true,
    });
  }
}
