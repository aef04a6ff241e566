/**
 * Assists by email, outbound (ADR 0015): when an assist is requested of an agent or team that is
 * reached by email (its `reachByEmail` address, or an agent's own "email me assist requests"
 * preference), each addressee gets a mail from the support mailbox whose Message-ID is a signed
 * token for (assist, addressee); at each OLA warning threshold, one reminder in the same thread.
 * The customer is never a recipient: addresses of the ticket's requester and participants are
 * dropped even if someone configured one as an expert address.
 */
import type { AssistSnapshot } from '../../assists/assist.js';
import type { AgentSnapshot } from '../../directory/agent.js';
import type { DirectoryRepository } from '../../directory/directory-repository.js';
import type { DomainEvent } from '../../events/domain-event.js';
import type { EventSubscriber } from '../../events/event-dispatcher.js';
import type { Clock } from '../../ports/clock.js';
import type { DocumentStore, StoredDocument } from '../../ports/document-store.js';
import { isParticipant } from '../../tickets/ticket-email.js';
import type { TicketRepository } from '../../tickets/ticket-repository.js';
import type { TicketSnapshot } from '../../tickets/ticket-types.js';
import type { TimelineEntry } from '../../timeline/timeline-entry.js';
import { hashOf } from '../mail-keys.js';
import { assistRequestText, assistSubject } from './assist-mail-text.js';
import type { ExpertOutbox } from './expert-outbox.js';
import type { MailTokens } from './mail-tokens.js';

/** How long an assist mail can be answered by reply. */
export const ASSIST_TOKEN_DAYS = 30;

export interface AssistAddressee {
  readonly address: string;
  readonly name: string;
  /** The agent the address belongs to (their reach address or their own, by preference). */
  readonly agentId: string | null;
  /** Set when the address is the team's mailbox: its members may answer too. */
  readonly teamId: string | null;
  readonly allowExternal: boolean;
  readonly timeZone: string | null;
}

export interface AssistMailerDeps {
  readonly tickets: TicketRepository;
  readonly directory: DirectoryRepository;
  readonly store: DocumentStore;
  readonly tokens: MailTokens;
  readonly outbox: ExpertOutbox;
  readonly clock: Clock;
  /** The agent's "email me assist requests" preference. */
  readonly wantsAssistMail: (agentId: string) => Promise<boolean>;
}

export const requestKey = (assistId: string, address: string): string => `a${hashOf(`${assistId}\n${address}`)}`;
const reminderKey = (assistId: string, address: string, threshold: number): string =>
  `r${hashOf(`${assistId}\n${address}\n${threshold}`)}`;

export class AssistMailer {
  constructor(private readonly deps: AssistMailerDeps) {}

  readonly subscriber: EventSubscriber = {
    name: 'assist-mail',
    handles: ['assist.requested', 'sla.warning'],
    handle: (event) => this.handle(event),
  };

  async handle(event: DomainEvent): Promise<void> {
    const assistId = event.data.assistId;
    if (typeof assistId !== 'string') return;
    if (event.type === 'sla.warning' && event.data.target !== 'ola') return;
    const ticket = (await this.deps.tickets.readSnapshot(event.ticketId))?.doc;
    const assist = (await this.deps.tickets.assistsOf(event.ticketId)).find((a) => a.id === assistId);
    if (!ticket || !assist) return;
    const reminder =
      event.type === 'sla.warning' && typeof event.data.threshold === 'number'
        ? { threshold: event.data.threshold }
        : null;
    if (event.type === 'sla.warning' && (!reminder || !['requested', 'accepted'].includes(assist.state))) return;
    const addressees = await this.addressees(assist, ticket);
    if (addressees.length === 0) return;
    const entries = await this.entriesOf(ticket.id);
    const names = new Map((await this.deps.directory.agents()).map((a) => [a.id, a.name]));
    for (const to of addressees) await this.mail(ticket, assist, to, entries, names, reminder);
  }

  /** Who gets mail for an assist: the target's reach address and agents who asked for assist mail. */
  async addressees(assist: AssistSnapshot, ticket: TicketSnapshot): Promise<AssistAddressee[]> {
    const found: AssistAddressee[] = [];
    const byPreference = async (agent: AgentSnapshot, teamId: string | null) => {
      if (agent.active && (await this.deps.wantsAssistMail(agent.id)))
        found.push({
          address: agent.email,
          name: agent.name,
          agentId: agent.id,
          teamId,
          allowExternal: false,
          timeZone: agent.reachByEmail?.timeZone ?? null,
        });
    };
    if (assist.target.kind === 'agent') {
      const agent = await this.deps.directory.agent(assist.target.agentId);
      if (!agent?.active) return [];
      if (agent.reachByEmail)
        found.push({
          address: agent.reachByEmail.address,
          name: agent.name,
          agentId: agent.id,
          teamId: null,
          allowExternal: agent.reachByEmail.allowExternal,
          timeZone: agent.reachByEmail.timeZone ?? null,
        });
      await byPreference(agent, null);
    } else {
      const teamId = assist.target.teamId;
      const team = await this.deps.directory.team(teamId);
      if (!team) return [];
      if (team.reachByEmail)
        found.push({
          address: team.reachByEmail.address,
          name: team.name,
          agentId: null,
          teamId,
          allowExternal: team.reachByEmail.allowExternal,
          timeZone: team.reachByEmail.timeZone ?? null,
        });
      for (const member of (await this.deps.directory.agents()).filter((a) => a.teamIds.includes(teamId)))
        await byPreference(member, null);
    }
    const seen = new Set<string>();
    return found.filter((a) => {
      const address = a.address.toLowerCase();
      // Never the customer, and one mail per address.
      if (seen.has(address) || isParticipant(ticket, address)) return false;
      seen.add(address);
      return true;
    });
  }

  private async mail(
    ticket: TicketSnapshot,
    assist: AssistSnapshot,
    to: AssistAddressee,
    entries: readonly TimelineEntry[],
    names: ReadonlyMap<string, string>,
    reminder: { threshold: number } | null,
  ): Promise<void> {
    const address = to.address.toLowerCase();
    const first = requestKey(assist.id, address);
    const key = reminder ? reminderKey(assist.id, address, reminder.threshold) : first;
    const now = this.deps.clock.now();
    const { messageId } = await this.deps.tokens.issue({
      key,
      purpose: 'assist',
      subjectId: assist.id,
      actionKind: null,
      ticketId: ticket.id,
      addressee: address,
      actions: ['contribute', 'answer', 'decline', 'propose'],
      teamId: to.teamId,
      agentId: to.agentId,
      allowExternal: to.allowExternal,
      expiresAt: new Date(now.getTime() + ASSIST_TOKEN_DAYS * 86_400_000).toISOString(),
      createdAt: now.toISOString(),
    });
    // A reminder answers the request mail, so it lands in the same thread of the expert's client.
    const original = reminder ? (await this.deps.outbox.record(first))?.mail.messageId : undefined;
    const subject = assistSubject(ticket.number, assist.question);
    await this.deps.outbox.queue(key, ticket.id, {
      kind: reminder ? 'assist-reminder' : 'assist-request',
      messageId,
      to: { address: to.address, name: to.name },
      subject: reminder ? `Reminder: ${subject}` : subject,
      text: assistRequestText(
        { ticket, assist, entries, names, addresseeName: to.name, timeZone: to.timeZone },
        reminder,
      ),
      inReplyTo: original ?? null,
      references: original ? [original] : [],
      automatic: false,
    });
  }

  private async entriesOf(ticketId: string): Promise<TimelineEntry[]> {
    const page = await this.deps.store.query<TimelineEntry & StoredDocument>('tickets', {
      partitionKey: ticketId,
      where: [
        { field: 'ticketId', op: 'eq', value: ticketId },
        { field: 'docType', op: 'eq', value: 'entry' },
      ],
      orderBy: [{ field: 'seq', direction: 'desc' }],
      limit: 200,
    });
    return page.items.map((i) => i.doc).reverse();
  }
}
