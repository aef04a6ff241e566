/**
 * Macros (canned responses, issue 18): a text with placeholders rendered per ticket and actions
 * applied with it (status, priority, tags, team, fields; never the owner). Personal, team or shared.
 */
import { z } from 'zod';
import { TICKET_STATUSES } from '../tickets/ticket-status.js';
import { TICKET_TYPES } from '../tickets/ticket-types.js';
import { ZActorRef, ZId } from './common.schemas.js';
import { ZCategory, ZLevel, ZTag, ZTicket } from './tickets.schemas.js';

export const MACRO_SCOPES = ['personal', 'team', 'shared'] as const;
export type MacroScope = (typeof MACRO_SCOPES)[number];

/** The template source is limited here; its rendering is bounded again (time, memory, output size). */
export const MACRO_BODY_MAX = 20_000;

/**
 * What a macro changes besides the text. A strict object: an `ownerId` (or any unknown key) is
 * refused, so no macro can ever move ownership.
 */
export const ZMacroActions = z.strictObject({
  status: z.enum(TICKET_STATUSES).optional(),
  impact: ZLevel.optional(),
  urgency: ZLevel.optional(),
  type: z.enum(TICKET_TYPES).optional(),
  category: ZCategory.optional(),
  teamId: ZId.nullable().optional(),
  addTags: z.array(ZTag).max(30).optional(),
  removeTags: z.array(ZTag).max(30).optional(),
});
export type TMacroActions = z.infer<typeof ZMacroActions>;

const ZMacroFields = {
  name: z.string().trim().min(1).max(100),
  description: z.string().trim().max(500).default(''),
  /** How the text lands: a reply to the customer (owner) or an internal note. */
  mode: z.enum(['reply', 'note']).default('reply'),
  body: z.string().max(MACRO_BODY_MAX).default(''),
  actions: ZMacroActions.default({}),
};

export const ZCreateMacro = z
  .strictObject({
    ...ZMacroFields,
    scope: z.enum(MACRO_SCOPES).default('personal'),
    /** The team of a team macro (one of the creator's teams, unless an admin). */
    teamId: ZId.optional(),
  })
  .refine((m) => m.scope !== 'team' || m.teamId !== undefined, {
    message: 'a team macro names its team',
    path: ['teamId'],
  });
export type TCreateMacro = z.infer<typeof ZCreateMacro>;

export const ZUpdateMacro = z
  .strictObject({
    name: ZMacroFields.name.optional(),
    description: z.string().trim().max(500).optional(),
    mode: z.enum(['reply', 'note']).optional(),
    body: z.string().max(MACRO_BODY_MAX).optional(),
    actions: ZMacroActions.optional(),
  })
  .refine((patch) => Object.keys(patch).length > 0, 'name at least one field to change');
export type TUpdateMacro = z.infer<typeof ZUpdateMacro>;

export const ZMacro = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  scope: z.enum(MACRO_SCOPES),
  ownerAgentId: z.string().nullable(),
  teamId: z.string().nullable(),
  mode: z.enum(['reply', 'note']),
  body: z.string(),
  actions: ZMacroActions,
  usageCount: z.number().int(),
  lastUsedAt: z.string().nullable(),
  createdBy: ZActorRef,
  createdAt: z.string(),
  updatedAt: z.string(),
  /** Whether the caller may change or delete it. */
  canManage: z.boolean(),
});
export type TMacro = z.infer<typeof ZMacro>;

export const ZListMacrosQuery = z.strictObject({
  q: z.string().trim().min(1).max(100).optional(),
  scope: z.enum(MACRO_SCOPES).optional(),
});
export type TListMacrosQuery = z.infer<typeof ZListMacrosQuery>;

/** Preview a stored macro, or a draft text (the editor), on one ticket. */
export const ZPreviewMacro = z.strictObject({
  ticketId: ZId,
  macroId: ZId.optional(),
  body: z.string().max(MACRO_BODY_MAX).optional(),
  actions: ZMacroActions.optional(),
});
export type TPreviewMacro = z.infer<typeof ZPreviewMacro>;

export const ZActionChange = z.object({ field: z.string(), from: z.unknown(), to: z.unknown() });

export const ZMacroPreview = z.object({
  /** The rendered text as it will be written (plain text; the timeline and mail escape it). */
  text: z.string(),
  /** The same text for an HTML page: every character escaped, line breaks as <br>. */
  html: z.string(),
  mode: z.enum(['reply', 'note']),
  /** What the actions would change on this ticket now (unchanged fields are left out). */
  changes: z.array(ZActionChange),
});
export type TMacroPreview = z.infer<typeof ZMacroPreview>;

export const ZApplyMacro = z.strictObject({
  ticketId: ZId,
  /** Write the text as a note instead of the macro's own mode (e.g. a reply macro by a non-owner). */
  mode: z.enum(['reply', 'note']).optional(),
  /** The text as the agent edited it after the preview; the macro's own rendering when absent. */
  body: z.string().trim().max(100_000).optional(),
});
export type TApplyMacro = z.infer<typeof ZApplyMacro>;

export const ZApplyMacroResponse = z.object({ ticket: ZTicket, macro: ZMacro });

/** The placeholders a macro can use, with what each one is (the editor and the README list them). */
export const ZPlaceholders = z.array(z.object({ name: z.string(), description: z.string() }));
