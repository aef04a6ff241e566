/**
 * Request and response schemas of the problem API (issue 17, ADR 0033), validated at the edge.
 * The response is `ZProblemRecord`: `ZProblem` is already the name of the problem+json error body.
 */
import { z } from 'zod';
import { PROBLEM_STATES, ROOT_CAUSE_CATEGORIES, TASK_KINDS, TASK_STATES } from '../problems/problem-state.js';
import { PRIORITIES } from '../tickets/priority.js';
import { csv, ZActorRef, ZBody, ZCursor, ZId, ZLimit, ZReason } from './common.schemas.js';
import { ZLevel } from './tickets.schemas.js';
import { ZWorkItemEntry, ZWorkItemLink } from './work-items.schemas.js';

const ZTitle = z.string().trim().min(1, 'must not be empty').max(200);
const ZText = z.string().max(20_000);
/** A problem groups incidents: at most this many in one request (the kernel allows 200 links). */
const MAX_TICKETS_PER_REQUEST = 100;

export const ZRootCause = z.strictObject({
  text: z.string().trim().min(1, 'must not be empty').max(20_000),
  category: z.enum(ROOT_CAUSE_CATEGORIES),
});

const fields = {
  description: ZText.optional(),
  impact: ZLevel.optional(),
  urgency: ZLevel.optional(),
  teamId: ZId.nullable().optional(),
  affectedCiIds: z.array(ZId).max(100).optional(),
  affectedServiceIds: z.array(ZId).max(100).optional(),
};

/**
 * Blank, from one or several incidents (`fromTickets`: ids or numbers, their CIs copied and each
 * linked both ways), or from an unsuccessful change (`fromChange`). The title may be left out when
 * made from incidents: the first one's title is used.
 */
export const ZCreateProblem = z
  .strictObject({
    title: ZTitle.optional(),
    ...fields,
    fromTickets: z.array(ZId).min(1).max(MAX_TICKETS_PER_REQUEST).optional(),
    fromChange: ZId.optional(),
  })
  .refine((v) => v.title !== undefined || v.fromTickets !== undefined || v.fromChange !== undefined, {
    message: 'A problem needs a title (or incidents or a change to take it from)',
    path: ['title'],
  });
export type TCreateProblem = z.infer<typeof ZCreateProblem>;

export const ZUpdateProblem = z.strictObject({
  title: ZTitle.optional(),
  ...fields,
  rootCause: ZRootCause.nullable().optional(),
  workaround: ZText.nullable().optional(),
  knownError: z.boolean().optional(),
  knownErrorIds: z.array(ZId).max(50).optional(),
});
export type TUpdateProblem = z.infer<typeof ZUpdateProblem>;

export const ZMoveProblem = z.strictObject({ state: z.enum(PROBLEM_STATES), reason: ZReason.optional() });
export type TMoveProblem = z.infer<typeof ZMoveProblem>;

export const ZTransferProblem = z.strictObject({ toAgentId: ZId, reason: ZReason });
export type TTransferProblem = z.infer<typeof ZTransferProblem>;

export const ZProblemNote = z.strictObject({ body: ZBody });
export type TProblemNote = z.infer<typeof ZProblemNote>;

/** Link or unlink incidents (ids or numbers) or changes; a change linked here is the fix (`fixed_by`). */
export const ZProblemLinks = z
  .strictObject({
    tickets: z.array(ZId).max(MAX_TICKETS_PER_REQUEST).optional(),
    changes: z.array(ZId).max(20).optional(),
    reason: ZReason.optional(),
  })
  .refine((v) => (v.tickets?.length ?? 0) + (v.changes?.length ?? 0) > 0, {
    message: 'Name at least one ticket or change',
    path: ['tickets'],
  });
export type TProblemLinks = z.infer<typeof ZProblemLinks>;

export const ZAddProblemTask = z.strictObject({
  kind: z.enum(TASK_KINDS),
  title: ZTitle,
  assigneeId: ZId.nullable().optional(),
});
export type TAddProblemTask = z.infer<typeof ZAddProblemTask>;

export const ZUpdateProblemTask = z.strictObject({
  title: ZTitle.optional(),
  assigneeId: ZId.nullable().optional(),
  state: z.enum(TASK_STATES).optional(),
});
export type TUpdateProblemTask = z.infer<typeof ZUpdateProblemTask>;

export const ZListProblemsQuery = z.strictObject({
  state: csv(PROBLEM_STATES).optional(),
  priority: z.enum(PRIORITIES).optional(),
  owner: z.union([z.literal('me'), ZId]).optional(),
  limit: ZLimit,
  cursor: ZCursor.optional(),
});
export type TListProblemsQuery = z.infer<typeof ZListProblemsQuery>;

export const ZProblemTask = z.object({
  id: z.string(),
  kind: z.enum(TASK_KINDS),
  title: z.string(),
  assigneeId: z.string().nullable(),
  state: z.enum(TASK_STATES),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const ZProblemRecord = z.object({
  id: z.string(),
  number: z.string(),
  state: z.enum(PROBLEM_STATES),
  title: z.string(),
  description: z.string(),
  impact: z.number().int(),
  urgency: z.number().int(),
  priority: z.enum(PRIORITIES),
  teamId: z.string().nullable(),
  affectedCiIds: z.array(z.string()),
  affectedServiceIds: z.array(z.string()),
  rootCause: z.object({ text: z.string(), category: z.enum(ROOT_CAUSE_CATEGORIES) }).nullable(),
  workaround: z.string().nullable(),
  knownError: z.boolean(),
  knownErrorIds: z.array(z.string()),
  tasks: z.array(ZProblemTask),
  clusterKey: z.string().nullable(),
  ownerId: z.string().nullable(),
  openAssistCount: z.number().int(),
  links: z.array(ZWorkItemLink),
  createdBy: ZActorRef,
  createdAt: z.string(),
  updatedAt: z.string(),
  resolvedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
});
export type TProblemRecord = z.infer<typeof ZProblemRecord>;

/** A problem's timeline entry: the kernel's fields (the partition field is the problem's id). */
export const ZProblemEntry = ZWorkItemEntry;

/** What "communicate workaround" did: the incidents it reached and the owners it told. */
export const ZWorkaroundSent = z.object({
  problem: ZProblemRecord,
  tickets: z.array(z.object({ number: z.string(), ownerId: z.string().nullable(), ok: z.boolean() })),
});
export type TWorkaroundSent = z.infer<typeof ZWorkaroundSent>;

/** A suggested problem: a cluster of recurring incidents (or repeated assists), as the queue shows it. */
export const ZProblemSuggestion = z.object({
  id: z.string(),
  group: z.string(),
  reason: z.enum(['same_ci', 'same_service', 'repeated_assists']),
  signature: z.array(z.string()),
  ticketIds: z.array(z.string()),
  ticketNumbers: z.array(z.string()),
  titles: z.array(z.string()),
  firstAt: z.string(),
  lastAt: z.string(),
  state: z.enum(['open', 'accepted', 'dismissed']),
  createdAt: z.string(),
  updatedAt: z.string(),
  decidedBy: z.string().nullable(),
  acceptedProblemId: z.string().nullable(),
});
export type TProblemSuggestion = z.infer<typeof ZProblemSuggestion>;

export const ZListSuggestionsQuery = z.strictObject({
  state: z.enum(['open', 'accepted', 'dismissed']).default('open'),
});
