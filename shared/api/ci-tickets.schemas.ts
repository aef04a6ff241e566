/**
 * Schemas of the CMDB's screens (issue 15): a CI's tickets, the ticket header's CI facts
 * (suggested CIs, other open incidents on the same CIs or services), accepting or dismissing a
 * suggested CI, and the dependency view's neighbourhood.
 */
import { z } from 'zod';
import { RELATION_TYPES } from '../cmdb/relationships.js';
import { ZTicketCis } from './cmdb.schemas.js';
import { ZId } from './common.schemas.js';

const ZCiSummary = z.object({
  id: z.string(),
  name: z.string(),
  ciClass: z.string(),
  status: z.string(),
  criticality: z.number().int(),
});

export const ZTicketOnCi = z.object({
  ticketId: z.string(),
  ciId: z.string(),
  primary: z.boolean(),
  open: z.boolean(),
  number: z.string(),
  title: z.string(),
  type: z.string(),
  status: z.string(),
  priority: z.string(),
  ownerId: z.string().nullable(),
  createdAt: z.string(),
});
export type TTicketOnCi = z.infer<typeof ZTicketOnCi>;

export const ZCiTickets = z.object({ open: z.array(ZTicketOnCi), recent: z.array(ZTicketOnCi) });
export type TCiTickets = z.infer<typeof ZCiTickets>;

export const ZTicketCiFacts = ZTicketCis.extend({
  /** Suggested CIs not dismissed yet, with the CI (null when it no longer exists). */
  suggestions: z.array(
    z.object({
      ciId: z.string(),
      reason: z.enum(['host_name', 'asset_tag', 'workstation']),
      matched: z.string(),
      suggestedAt: z.string(),
      dismissed: z.boolean(),
      ci: ZCiSummary.nullable(),
    }),
  ),
  /** Other open incidents on an affected CI, or on a CI whose failure reaches an impacted business service. */
  otherOpenIncidents: z.array(
    z.object({
      ticketId: z.string(),
      number: z.string(),
      title: z.string(),
      status: z.string(),
      priority: z.string(),
      createdAt: z.string(),
      via: z.object({ kind: z.enum(['ci', 'service']), ciId: z.string(), name: z.string() }),
    }),
  ),
});
export type TTicketCiFacts = z.infer<typeof ZTicketCiFacts>;

export const ZSuggestionAction = z.strictObject({ ciId: ZId, action: z.enum(['accept', 'dismiss']) });
export type TSuggestionAction = z.infer<typeof ZSuggestionAction>;

export const ZNeighbourhoodQuery = z.strictObject({ depth: z.coerce.number().int().min(1).max(3).default(2) });

const ZStep = z.object({ ciId: z.string(), name: z.string(), label: z.string().nullable() });
export const ZNeighbourhood = z.object({
  centerId: z.string(),
  depth: z.number().int(),
  nodes: z.array(ZCiSummary.extend({ depth: z.number().int(), path: z.array(ZStep) })),
  edges: z.array(z.object({ id: z.string(), type: z.enum(RELATION_TYPES), fromId: z.string(), toId: z.string() })),
  /** Neighbours of one kind beyond the first ten, drawn as one node with a count. */
  groups: z.array(
    z.object({
      id: z.string(),
      parentId: z.string(),
      type: z.enum(RELATION_TYPES),
      direction: z.enum(['outgoing', 'incoming']),
      ciClass: z.string(),
      label: z.string(),
      count: z.number().int(),
      depth: z.number().int(),
      path: z.array(ZStep),
    }),
  ),
  truncated: z.boolean(),
});
export type TNeighbourhood = z.infer<typeof ZNeighbourhood>;
