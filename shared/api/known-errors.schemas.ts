/** Request and response schemas of the known error database (issue 17, ADR 0034), validated at the edge. */
import { z } from 'zod';
import { KNOWN_ERROR_STATUSES } from '../known-errors/known-error-state.js';
import { csv, ZActorRef, ZCursor, ZId, ZLimit } from './common.schemas.js';
import { ZSnippetPart } from './search.schemas.js';

const ZTitle = z.string().trim().min(1, 'must not be empty').max(200);
/** A known error is a page: long prose, but bounded well under the 1 MB request limit. */
const ZProse = z.string().max(20_000);
const ZErrorCode = z.string().trim().min(1).max(100);

const content = {
  symptoms: ZProse.optional(),
  rootCause: ZProse.optional(),
  workaround: ZProse.optional(),
  errorCodes: z.array(ZErrorCode).max(50).optional(),
  /** The problem (PRB-) by id; it need not exist here (yet). */
  problemId: ZId.nullable().optional(),
  ciIds: z.array(ZId).max(100).optional(),
  serviceIds: z.array(ZId).max(100).optional(),
};

export const ZCreateKnownError = z.strictObject({ title: ZTitle, ...content });
export type TCreateKnownError = z.infer<typeof ZCreateKnownError>;

/** Every edit is a new version; at least one field changes. */
export const ZEditKnownError = z
  .strictObject({ title: ZTitle.optional(), ...content })
  .refine((v) => Object.keys(v).length > 0, 'name at least one field to change');
export type TEditKnownError = z.infer<typeof ZEditKnownError>;

export const ZListKnownErrorsQuery = z.strictObject({
  status: csv(KNOWN_ERROR_STATUSES).optional(),
  limit: ZLimit,
  cursor: ZCursor.optional(),
});
export type TListKnownErrorsQuery = z.infer<typeof ZListKnownErrorsQuery>;

export const ZCandidatesQuery = z.strictObject({ limit: ZLimit, cursor: ZCursor.optional() });

export const ZVersionsQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: ZCursor.optional(),
});

export const ZApplyWorkaround = z.strictObject({
  /** The incident (id or number). */
  ticketId: ZId,
  /** `note`: written as an internal note now; `reply`: handed back for the agent's reply draft. */
  as: z.enum(['note', 'reply']),
});
export type TApplyWorkaround = z.infer<typeof ZApplyWorkaround>;

export const ZSuggestionsQuery = z.strictObject({ limit: z.coerce.number().int().min(1).max(20).default(5) });

const contentOut = {
  title: z.string(),
  symptoms: z.string(),
  rootCause: z.string(),
  workaround: z.string(),
  errorCodes: z.array(z.string()),
  problemId: z.string().nullable(),
  ciIds: z.array(z.string()),
  serviceIds: z.array(z.string()),
};

export const ZKnownError = z.object({
  id: z.string(),
  number: z.string(),
  status: z.enum(KNOWN_ERROR_STATUSES),
  version: z.number().int(),
  ...contentOut,
  source: z
    .object({ kind: z.literal('assist'), ticketId: z.string(), ticketNumber: z.string(), assistId: z.string() })
    .nullable(),
  useCount: z.number().int(),
  lastUsedAt: z.string().nullable(),
  createdBy: ZActorRef,
  createdAt: z.string(),
  updatedAt: z.string(),
  publishedAt: z.string().nullable(),
  retiredAt: z.string().nullable(),
});
export type TKnownError = z.infer<typeof ZKnownError>;

export const ZKnownErrorVersion = z.object({
  version: z.number().int(),
  status: z.enum(KNOWN_ERROR_STATUSES),
  change: z.enum(['created', 'edit', 'publish', 'retire', 'redraft']),
  by: ZActorRef,
  at: z.string(),
  ...contentOut,
});
export type TKnownErrorVersion = z.infer<typeof ZKnownErrorVersion>;

export const ZKnownErrorSuggestion = z.object({
  knownError: ZKnownError,
  score: z.number(),
  /** It names one of the incident's CIs or the services they impact. */
  sameScope: z.boolean(),
  matches: z.array(z.object({ field: z.string(), snippet: z.array(ZSnippetPart) })),
});
export const ZKnownErrorSuggestions = z.object({ items: z.array(ZKnownErrorSuggestion) });
export type TKnownErrorSuggestion = z.infer<typeof ZKnownErrorSuggestion>;

export const ZAppliedWorkaround = z.object({
  knownError: ZKnownError,
  ticketId: z.string(),
  /** The text to put in the reply draft (or that the note holds). */
  text: z.string(),
  /** Whether an internal note was written. */
  noted: z.boolean(),
});
export type TAppliedWorkaround = z.infer<typeof ZAppliedWorkaround>;

export const ZKnownErrorCandidate = z.object({
  knownError: ZKnownError,
  /** Incidents whose text shares most of the candidate's words (a search count, capped). */
  similarIncidents: z.number().int(),
  /** More similar incidents than were counted. */
  similarMore: z.boolean(),
});
export type TKnownErrorCandidate = z.infer<typeof ZKnownErrorCandidate>;
