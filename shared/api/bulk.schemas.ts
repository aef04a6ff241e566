/**
 * Bulk actions (issue 18): one action over up to 1,000 selected tickets, run as a job on the
 * `bulk` queue. Each ticket goes through its own domain rules; the job reports per ticket.
 */
import { z } from 'zod';
import { PRIORITIES } from '../tickets/priority.js';
import { TICKET_STATUSES } from '../tickets/ticket-status.js';
import { MERGE_ASSIST_CHOICES } from '../tickets/ticket-types.js';
import { ZActorRef, ZBody, ZId, ZReason } from './common.schemas.js';
import { ZLevel, ZListTicketsQuery, ZTag } from './tickets.schemas.js';

export const BULK_MAX_TICKETS = 1_000;

export const ZBulkAction = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('status'), status: z.enum(TICKET_STATUSES), reason: ZReason.optional() }),
  z.strictObject({ type: z.literal('priority'), impact: ZLevel, urgency: ZLevel }),
  z.strictObject({ type: z.literal('team'), teamId: ZId.nullable() }),
  z
    .strictObject({
      type: z.literal('tags'),
      add: z.array(ZTag).max(30).default([]),
      remove: z.array(ZTag).max(30).default([]),
    })
    .refine((a) => a.add.length + a.remove.length > 0, 'add or remove at least one tag'),
  z.strictObject({ type: z.literal('note'), body: ZBody }),
  /** The macro's text rendered per ticket (its placeholders with each ticket's values), with its actions. */
  z.strictObject({ type: z.literal('macro'), macroId: ZId, mode: z.enum(['reply', 'note']).optional() }),
  /** Unowned tickets, for the caller. */
  z.strictObject({ type: z.literal('accept') }),
  z.strictObject({ type: z.literal('transfer'), toAgentId: ZId, reason: ZReason }),
  /** "Merge selected into X" (X by id or number): each selected ticket closed as merged into X (ADR 0035). */
  z.strictObject({ type: z.literal('merge'), into: ZId, assists: z.enum(MERGE_ASSIST_CHOICES).default('move') }),
]);
export type TBulkAction = z.infer<typeof ZBulkAction>;

export const ZStartBulkJob = z.strictObject({
  action: ZBulkAction,
  ticketIds: z
    .array(ZId)
    .min(1)
    .max(BULK_MAX_TICKETS)
    .refine((ids) => new Set(ids).size === ids.length, 'each ticket once'),
});
export type TStartBulkJob = z.infer<typeof ZStartBulkJob>;

/** "All tickets matching the filter" of a list (not only the page shown): the list's own filters. */
export const ZBulkMatching = z.strictObject({
  status: z.array(z.enum(TICKET_STATUSES)).min(1).max(TICKET_STATUSES.length).optional(),
  priority: z.array(z.enum(PRIORITIES)).min(1).max(PRIORITIES.length).optional(),
  owner: ZListTicketsQuery.shape.owner,
  team: ZListTicketsQuery.shape.team,
  q: ZListTicketsQuery.shape.q,
});
export type TBulkMatching = z.infer<typeof ZBulkMatching>;

/** The request: the tickets by id, or every ticket a list filter matches (at most 1,000). */
export const ZStartBulkRequest = z.union([
  ZStartBulkJob,
  z.strictObject({ action: ZBulkAction, matching: ZBulkMatching }),
]);
export type TStartBulkRequest = z.infer<typeof ZStartBulkRequest>;

export const ZBulkOutcome = z.object({
  ticketId: z.string(),
  /** The ticket's number when it was found. */
  number: z.string().nullable(),
  outcome: z.enum(['done', 'refused']),
  /** For a refusal: the stable code (TICKET.NOT_OWNER ...) and the reason in words. */
  code: z.string().nullable(),
  reason: z.string().nullable(),
});
export type TBulkOutcome = z.infer<typeof ZBulkOutcome>;

export const ZBulkJob = z.object({
  id: z.string(),
  action: ZBulkAction,
  state: z.enum(['running', 'finished']),
  total: z.number().int(),
  done: z.number().int(),
  refused: z.number().int(),
  pending: z.number().int(),
  createdBy: ZActorRef,
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
  /** Every ticket handled so far, in the order they were selected. */
  outcomes: z.array(ZBulkOutcome),
});
export type TBulkJob = z.infer<typeof ZBulkJob>;

export const ZBulkChunkMessage = z.strictObject({ jobId: ZId, index: z.number().int().min(0) });
export type TBulkChunkMessage = z.infer<typeof ZBulkChunkMessage>;
