/** Ticket request and response schemas: the API contract, also the source of the OpenAPI document. */
import { z } from 'zod';
import { PRIORITIES } from '../tickets/priority.js';
import { TICKET_STATUSES } from '../tickets/ticket-status.js';
import { CHANNELS, MERGE_ASSIST_CHOICES, TICKET_TYPES } from '../tickets/ticket-types.js';
import { csv, ZActorRef, ZBody, ZCursor, ZId, ZLimit, ZReason } from './common.schemas.js';
import { ZTicketCustomer } from './customers.schemas.js';
import { ZTicketSla } from './sla.schemas.js';
import { ZTimelineQuery, ZWorkItemEntry, ZWorkItemLink } from './work-items.schemas.js';

export const ZLevel = z.union([z.literal(1), z.literal(2), z.literal(3)]);
export const ZTag = z.string().trim().min(1).max(50);
export const ZCategory = z.string().trim().min(1).max(100).nullable();

export const ZCreateTicket = z.strictObject({
  type: z.enum(TICKET_TYPES).default('incident'),
  title: z.string().trim().min(1).max(200),
  description: z.string().max(100_000).default(''),
  requester: z.strictObject({ email: z.email().max(254), name: z.string().trim().max(200).default('') }),
  impact: ZLevel.default(3),
  urgency: ZLevel.default(3),
  category: ZCategory.optional(),
  teamId: ZId.nullable().optional(),
  tags: z.array(ZTag).max(30).optional(),
  channel: z.enum(CHANNELS).default('web'),
  /** Opened by an agent for the customer: send the requester a mail saying so, with the number. */
  confirmToRequester: z.boolean().optional(),
  /** The ticket template the agent started from (recorded on the created entry). */
  templateId: ZId.optional(),
});
export type TCreateTicket = z.infer<typeof ZCreateTicket>;

export const ZUpdateTicket = z
  .strictObject({
    title: z.string().trim().min(1).max(200).optional(),
    type: z.enum(TICKET_TYPES).optional(),
    impact: ZLevel.optional(),
    urgency: ZLevel.optional(),
    category: ZCategory.optional(),
    teamId: ZId.nullable().optional(),
    tags: z.array(ZTag).max(30).optional(),
  })
  .refine((patch) => Object.keys(patch).length > 0, 'name at least one field to change');
export type TUpdateTicket = z.infer<typeof ZUpdateTicket>;

export const ZTransferTicket = z.strictObject({ toAgentId: ZId, reason: ZReason });
export type TTransferTicket = z.infer<typeof ZTransferTicket>;

/** Merge this ticket (a duplicate) into `into` (its id or number); its open assists moved there or withdrawn. */
export const ZMergeTicket = z.strictObject({
  into: ZId,
  assists: z.enum(MERGE_ASSIST_CHOICES).default('move'),
});
export type TMergeTicket = z.infer<typeof ZMergeTicket>;

export const ZChangeStatus = z.strictObject({ status: z.enum(TICKET_STATUSES), reason: ZReason.optional() });
export type TChangeStatus = z.infer<typeof ZChangeStatus>;

export const ZAddNote = z.strictObject({ body: ZBody, visibility: z.enum(['internal', 'public']).default('internal') });
export type TAddNote = z.infer<typeof ZAddNote>;

export const TICKET_SORTS = ['-updated', 'updated', 'priority', '-created', 'created', 'sla'] as const;

export const ZListTicketsQuery = z.strictObject({
  status: csv(TICKET_STATUSES).optional(),
  owner: z.union([z.literal('me'), z.literal('none'), ZId]).optional(),
  team: ZId.optional(),
  priority: csv(PRIORITIES).optional(),
  q: z.string().trim().min(1).max(200).optional(),
  sort: z.enum(TICKET_SORTS).default('-updated'),
  limit: ZLimit,
  cursor: ZCursor.optional(),
});
export type TListTicketsQuery = z.infer<typeof ZListTicketsQuery>;

/** Routing's live offer of an unowned ticket: nobody owns it by that; anyone who may own tickets can accept. */
export const ZTicketOffer = z.object({
  agentId: z.string(),
  teamId: z.string(),
  stage: z.enum(['member', 'lead']),
  offeredAt: z.string(),
  /** Null for the team lead's offer (the end of the list): it stands until someone accepts. */
  expiresAt: z.string().nullable(),
  tried: z.array(z.string()),
  reserved: z.boolean(),
});
export type TTicketOffer = z.infer<typeof ZTicketOffer>;

export const ZTicket = z.object({
  id: z.string(),
  number: z.string(),
  type: z.enum(TICKET_TYPES),
  title: z.string(),
  description: z.string(),
  requester: z.object({ email: z.string(), name: z.string() }),
  status: z.enum(TICKET_STATUSES),
  impact: ZLevel,
  urgency: ZLevel,
  priority: z.enum(PRIORITIES),
  category: z.string().nullable(),
  teamId: z.string().nullable(),
  tags: z.array(z.string()),
  ownerId: z.string().nullable(),
  channel: z.enum(CHANNELS),
  createdBy: ZActorRef,
  createdAt: z.string(),
  updatedAt: z.string(),
  resolvedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  openAssistCount: z.number().int(),
  /** Routing's offer while the ticket is unowned (null: none; absent on old clients' fakes). */
  offer: ZTicketOffer.nullable().optional(),
  /** The ticket's SLA clocks as of the response (null: no policy applies; absent on old clients' fakes). */
  sla: ZTicketSla.nullable().optional(),
  /** The CIs the ticket is about, one primary (CMDB, issue 15; absent: none). */
  affectedCis: z.array(z.object({ ciId: z.string(), primary: z.boolean() })).optional(),
  /** CIs the mail channel suggests (host name or asset tag in a mail, the requester's workstation); absent: none. */
  suggestedCis: z
    .array(
      z.object({
        ciId: z.string(),
        reason: z.enum(['host_name', 'asset_tag', 'workstation']),
        matched: z.string(),
        suggestedAt: z.string(),
        dismissed: z.boolean(),
      }),
    )
    .optional(),
  /** The tier the ticket was created with (SLA matching reads it); absent before the customer directory. */
  customerTier: z.string().nullable().optional(),
  /** The requester's customer facts recorded on the ticket (contact, company, tier, account manager). */
  customer: ZTicketCustomer.nullable().optional(),
  /** Links to changes, problems and other tickets (the work-item kernel's; absent: none). */
  links: z.array(ZWorkItemLink).optional(),
  /** Closed as merged into this ticket (issue 18; absent: not merged). */
  mergedInto: z.object({ id: z.string(), number: z.string(), at: z.string() }).nullable().optional(),
  /** An imported ticket's origin: the source, its id and number there (issue 20); absent: made here. */
  external: z
    .object({ source: z.string(), id: z.string(), number: z.string(), url: z.string().nullable().optional() })
    .nullable()
    .optional(),
});
export type TTicket = z.infer<typeof ZTicket>;

export const ZTimelineEntry = ZWorkItemEntry.extend({ ticketId: z.string() });
export type TTimelineEntry = z.infer<typeof ZTimelineEntry>;

export { ZTimelineQuery };

export const ZReply = z.strictObject({
  body: ZBody,
  cc: z.array(z.email().max(254)).max(20).default([]),
  /** Zendesk-style "submit as": the status the ticket takes with the reply. */
  status: z.enum(['open', 'pending', 'resolved']).optional(),
});
export type TReply = z.infer<typeof ZReply>;
