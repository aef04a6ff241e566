/**
 * Turns one source ticket and its conversation into what the Ticket aggregate's imported path takes
 * (pure): who the requester and the assignee are here, the team, status, priority, type and tags
 * through the mapping, and each comment as a timeline item with its author, time, visibility, its
 * attachments (stored under ids derived from the source's, so a re-run writes the same blobs) and
 * its Message-ID. A ticket that cannot be taken is refused with the reason; its neighbours go on.
 */
import type { AgentSnapshot } from '../directory/agent.js';
import type { ActorRef } from '../kernel/actor.js';
import { fail, ok, type Result } from '../kernel/result.js';
import { attachmentUrl, type StoredAttachment } from '../mail/inbound-content.js';
import type { ImportedHistoryItem, ImportedTicket } from '../tickets/ticket.js';
import type { Channel } from '../tickets/ticket-types.js';
import { derivedId } from './migration-ledger.js';
import type { MigrationMapping } from './migration-mapping.js';
import type { SourceAttachment, SourceComment, SourceTicket } from './migration-source.js';

/** A source user as known here after the users pass. */
export type Person =
  | {
      readonly kind: 'agent';
      readonly email: string;
      readonly name: string;
      readonly agent: AgentSnapshot;
      /** An inactive entry made for an agent of the source with no agent here. */
      readonly placeholder: boolean;
    }
  | { readonly kind: 'customer'; readonly email: string; readonly name: string; readonly contactId: string | null }
  | { readonly kind: 'no-address'; readonly name: string };

export interface PlanContext {
  readonly source: string;
  readonly numberPrefix: string;
  readonly supportAddress: string;
  readonly people: ReadonlyMap<string, Person>;
  readonly mapping: MigrationMapping;
  /** Source group id -> our team id (null: none, or not mapped). */
  readonly teamOfGroup: (groupId: string | null) => string | null;
}

export interface PlannedAttachment {
  readonly source: SourceAttachment;
  readonly stored: StoredAttachment;
}

export interface TicketPlan {
  /** Everything but the number (allocated only when the ticket is really written). */
  readonly ticket: Omit<ImportedTicket, 'number' | 'customer'>;
  readonly requesterContactId: string | null;
  readonly attachments: readonly PlannedAttachment[];
  /** Message-IDs of imported mails, for threading: direction as seen from the support side. */
  readonly messageIds: readonly { messageId: string; commentId: string; direction: 'in' | 'out' }[];
}

const CHANNELS: Record<string, Channel> = {
  email: 'email',
  mail: 'email',
  web: 'web',
  web_form: 'web',
  api: 'api',
  voice: 'phone',
  phone: 'phone',
  chat: 'chat',
  native_messaging: 'chat',
};

export const ticketIdFor = (source: string, sourceId: string): string => derivedId('t_', source, sourceId);
export const attachmentIdFor = (source: string, sourceId: string): string => derivedId('att_', source, sourceId);

const refOf = (person: Person | undefined, source: string, userId: string | null): ActorRef => {
  if (person?.kind === 'agent') return { kind: 'agent', agentId: person.agent.id };
  if (person?.kind === 'customer') return { kind: 'customer', email: person.email };
  return { kind: 'system', name: `${source} user ${userId ?? 'unknown'}` };
};

/** Angle brackets off, as our parsed mail keeps Message-IDs. */
const bareId = (id: string | null): string | null => {
  const bare = id?.trim().replace(/^<|>$/g, '') ?? '';
  return bare === '' ? null : bare;
};

export function planTicket(t: SourceTicket, comments: readonly SourceComment[], ctx: PlanContext): Result<TicketPlan> {
  const requester = t.requesterId ? ctx.people.get(t.requesterId) : undefined;
  if (!requester)
    return fail('REQUEST.VALIDATION_FAILED', `requester ${t.requesterId ?? '(none)'} is not among the users`);
  if (requester.kind === 'no-address')
    return fail('REQUEST.VALIDATION_FAILED', `requester ${requester.name} (${t.requesterId}) has no email address`);
  if (Number.isNaN(Date.parse(t.createdAt)))
    return fail('REQUEST.VALIDATION_FAILED', `invalid created time ${t.createdAt}`);
  const assignee = t.assigneeId ? ctx.people.get(t.assigneeId) : undefined;
  let owner: AgentSnapshot | null = null;
  let unassignedReason: string | null = null;
  if (t.assigneeId && assignee?.kind === 'agent' && !assignee.placeholder) owner = assignee.agent;
  else if (t.assigneeId)
    unassignedReason =
      assignee?.kind === 'agent'
        ? `${assignee.email} (the assignee in ${ctx.source}) is not an agent here`
        : `the assignee ${t.assigneeId} in ${ctx.source} is not a known agent`;

  const subject = t.subject.trim() || '(no subject)';
  const customerRef: ActorRef = { kind: 'customer', email: requester.email };
  const attachments: PlannedAttachment[] = [];
  const messageIds: { messageId: string; commentId: string; direction: 'in' | 'out' }[] = [];
  const history: ImportedHistoryItem[] = [];
  for (const c of comments) {
    const person = c.authorId ? ctx.people.get(c.authorId) : undefined;
    const author = refOf(person, ctx.source, c.authorId);
    const fromAgent = person?.kind === 'agent';
    const stored = c.attachments.map((a): StoredAttachment => {
      const id = attachmentIdFor(ctx.source, a.id);
      const s = {
        id,
        filename: a.filename || `attachment-${a.id}`,
        contentType: a.contentType || 'application/octet-stream',
        size: a.size,
        url: attachmentUrl(id),
        inline: a.inline,
        contentId: null,
      };
      attachments.push({ source: a, stored: s });
      return s;
    });
    const messageId = bareId(c.messageId);
    const kind = !c.public ? 'note' : fromAgent ? 'email_out' : 'email_in';
    if (messageId && kind !== 'note')
      messageIds.push({ messageId, commentId: c.id, direction: kind === 'email_in' ? 'in' : 'out' });
    const address = person && person.kind !== 'no-address' ? { address: person.email, name: person.name } : null;
    const support = { address: ctx.supportAddress, name: '' };
    const requesterAddress = { address: requester.email, name: requester.name };
    const email =
      kind === 'note'
        ? null
        : {
            from: kind === 'email_in' ? (address ?? requesterAddress) : support,
            to: [kind === 'email_in' ? support : requesterAddress],
            cc: [],
            replyTo: [],
            subject,
            date: c.createdAt,
            text: c.body,
            html: null,
            attachments: stored,
          };
    history.push({
      kind,
      at: c.createdAt,
      author,
      visibility: c.public ? 'public' : 'internal',
      body: c.body,
      data: {
        source: { commentId: c.id, channel: c.channel },
        ...(messageId ? { messageId } : {}),
        ...(email ? { email } : { attachments: stored }),
        ...(kind === 'email_out' ? { delivery: 'imported' } : {}),
      },
    });
  }
  const status = ctx.mapping.status(t.status);
  if (status !== 'new')
    history.push({
      kind: 'status_changed',
      at: t.updatedAt,
      author: owner ? { kind: 'agent', agentId: owner.id } : { kind: 'system', name: ctx.source },
      visibility: 'internal',
      body: `Status in ${ctx.source}: ${t.status}`,
      status,
    });
  const priority = ctx.mapping.priority(t.priority);
  return ok({
    ticket: {
      id: ticketIdFor(ctx.source, t.id),
      type: ctx.mapping.type(t.type),
      title: subject,
      description: t.description || (comments[0]?.body ?? ''),
      requester: { email: requester.email, name: requester.name },
      impact: priority.impact,
      urgency: priority.urgency,
      teamId: ctx.teamOfGroup(t.groupId),
      tags: ctx.mapping.tags(t.tags),
      channel: CHANNELS[t.channel.toLowerCase()] ?? 'api',
      createdAt: t.createdAt,
      createdBy: requester.kind === 'customer' ? customerRef : refOf(requester, ctx.source, t.requesterId),
      external: { source: ctx.source, id: t.id, number: `${ctx.numberPrefix}-${t.number ?? t.id}`, url: t.url },
      assignee: owner,
      unassignedReason,
      history,
    },
    requesterContactId: requester.kind === 'customer' ? requester.contactId : null,
    attachments,
    messageIds,
  });
}
