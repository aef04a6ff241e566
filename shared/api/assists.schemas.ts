/** Assist (parallel escalation) request and response schemas. */
import { z } from 'zod';
import { ASSIST_STATES } from '../assists/assist-state.js';
import { ZBody, ZId } from './common.schemas.js';
import { ZSlaTarget } from './sla.schemas.js';

export const ZRequestAssist = z.strictObject({
  expert: z.union([z.strictObject({ agentId: ZId }), z.strictObject({ teamId: ZId })]),
  question: ZBody,
  dueAt: z.iso.datetime({ offset: true }).optional(),
});
export type TRequestAssist = z.infer<typeof ZRequestAssist>;

export const ASSIST_API_ACTIONS = ['accept', 'contribute', 'answer', 'decline', 'withdraw'] as const;
export type AssistApiAction = (typeof ASSIST_API_ACTIONS)[number];

/** Body of `POST /api/assists/{id}/{action}`: contribute/answer need a body; decline/withdraw may give one. */
export const ZAssistActionBody = z.strictObject({
  body: ZBody.optional(),
  proposeReply: z.boolean().default(false),
});
export type TAssistActionBody = z.infer<typeof ZAssistActionBody>;

export const ZListAssistsQuery = z.strictObject({
  expert: z.union([z.literal('me'), ZId]).default('me'),
  state: z.union([z.literal('open'), z.literal('all'), z.enum(ASSIST_STATES)]).default('open'),
});
export type TListAssistsQuery = z.infer<typeof ZListAssistsQuery>;

export const ZAssist = z.object({
  id: z.string(),
  ticketId: z.string(),
  ticketNumber: z.string(),
  state: z.enum(ASSIST_STATES),
  target: z.union([
    z.object({ kind: z.literal('agent'), agentId: z.string() }),
    z.object({ kind: z.literal('team'), teamId: z.string() }),
  ]),
  expertAgentId: z.string().nullable(),
  expertTeamId: z.string().nullable(),
  requestedBy: z.string(),
  question: z.string(),
  dueAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  closedAt: z.string().nullable(),
  contributionCount: z.number().int(),
  /** The assist's OLA clock (the expert team's promise); null when no OLA is configured. */
  ola: ZSlaTarget.nullable().optional(),
});
export type TAssist = z.infer<typeof ZAssist>;
