/** Ticket templates (issue 18): named starting points for a new ticket, managed by leads and admins. */
import { z } from 'zod';
import { TICKET_TYPES } from '../tickets/ticket-types.js';
import { ZActorRef, ZId } from './common.schemas.js';
import { ZCategory, ZLevel, ZTag } from './tickets.schemas.js';

/** What a template fills in on the new-ticket form; every field optional, the agent can still change them. */
export const ZTemplateFields = z.strictObject({
  type: z.enum(TICKET_TYPES).optional(),
  title: z.string().trim().max(200).optional(),
  description: z.string().max(20_000).optional(),
  impact: ZLevel.optional(),
  urgency: ZLevel.optional(),
  category: ZCategory.optional(),
  teamId: ZId.nullable().optional(),
  tags: z.array(ZTag).max(30).optional(),
});
export type TTemplateFields = z.infer<typeof ZTemplateFields>;

export const ZCreateTicketTemplate = z.strictObject({
  name: z.string().trim().min(1).max(100),
  description: z.string().trim().max(500).default(''),
  fields: ZTemplateFields,
  active: z.boolean().default(true),
});
export type TCreateTicketTemplate = z.infer<typeof ZCreateTicketTemplate>;

export const ZUpdateTicketTemplate = z
  .strictObject({
    name: z.string().trim().min(1).max(100).optional(),
    description: z.string().trim().max(500).optional(),
    fields: ZTemplateFields.optional(),
    active: z.boolean().optional(),
  })
  .refine((patch) => Object.keys(patch).length > 0, 'name at least one field to change');
export type TUpdateTicketTemplate = z.infer<typeof ZUpdateTicketTemplate>;

export const ZTicketTemplate = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  fields: ZTemplateFields,
  active: z.boolean(),
  createdBy: ZActorRef,
  createdAt: z.string(),
  updatedAt: z.string(),
  /** Tickets opened from this template, and when the last one was. */
  usageCount: z.number().int(),
  lastUsedAt: z.string().nullable(),
});
export type TTicketTemplate = z.infer<typeof ZTicketTemplate>;
