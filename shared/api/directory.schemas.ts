/** Agents and teams as the API shows them. */
import { z } from 'zod';
import { ROLES } from '../directory/agent.js';
import { ZId } from './common.schemas.js';

/** Where assist requests reach an agent or team by mail (ADR 0015). */
export const ZReachByEmail = z.strictObject({
  address: z.email().max(254),
  /** Replies from outside the organisation may act when their DMARC passes (external experts, suppliers). */
  allowExternal: z.boolean().default(false),
  /** The IANA zone the due time is written in (UTC when unset). */
  timeZone: z
    .string()
    .max(64)
    .refine((zone) => isTimeZone(zone), 'not an IANA time zone')
    .nullable()
    .optional(),
});
export type TReachByEmail = z.infer<typeof ZReachByEmail>;

export const ZSetReachByEmail = z.strictObject({ reachByEmail: ZReachByEmail.nullable() });

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export const ZAgent = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  roles: z.array(z.enum(ROLES)),
  teamIds: z.array(z.string()),
  skills: z.array(z.object({ name: z.string(), level: z.number().int() })),
  capacity: z.number().int(),
  availability: z.enum(['online', 'away', 'offline']),
  active: z.boolean(),
  reachByEmail: ZReachByEmail.nullable().optional(),
  workingCalendarId: z.string().nullable().optional(),
});
export type TAgent = z.infer<typeof ZAgent>;

export const ZTeam = z.object({
  id: z.string(),
  slug: z.string(),
  name: z.string(),
  leadIds: z.array(z.string()),
  /** How long an offer to one agent stands before it moves to the next (then to the team lead). */
  offerMinutes: z.number().int(),
  reachByEmail: ZReachByEmail.nullable().optional(),
});
export type TTeam = z.infer<typeof ZTeam>;

const ZSkillInput = z.strictObject({ name: z.string().trim().min(1).max(64), level: z.number().int().min(1).max(5) });

/** What an admin sends to create or replace an agent (availability and reach by email are set elsewhere). */
export const ZAgentInput = z.strictObject({
  email: z.email().max(254),
  name: z.string().trim().min(1).max(120),
  roles: z.array(z.enum(ROLES)).min(1).max(4),
  teamIds: z.array(ZId).max(50).default([]),
  skills: z.array(ZSkillInput).max(50).default([]),
  capacity: z.number().int().min(0).max(1_000).default(10),
  active: z.boolean().default(true),
  /** Working hours: an SLA calendar's id (routing offers tickets only inside it); null: always. */
  workingCalendarId: z.string().trim().min(1).max(64).nullable().default(null),
});
export type TAgentInput = z.input<typeof ZAgentInput>;

const ZSlug = z
  .string()
  .min(2)
  .max(64)
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'lower-case letters, digits and dashes');

/** A team as an admin edits it: its members are the agents whose teams include it. */
export const ZTeamInput = z.strictObject({
  /** The new team's id (and slug); fixed once created. */
  id: ZSlug.optional(),
  name: z.string().trim().min(1).max(120),
  leadIds: z.array(ZId).max(20).default([]),
  offerMinutes: z.number().int().min(1).max(1_440).default(10),
  memberIds: z.array(ZId).max(1_000).default([]),
});
export type TTeamInput = z.input<typeof ZTeamInput>;

export const ZTeamDetail = ZTeam.extend({ memberIds: z.array(z.string()) });
export type TTeamDetail = z.infer<typeof ZTeamDetail>;
