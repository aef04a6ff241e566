/** Agents and teams as the API shows them. */
import { z } from 'zod';
import { ROLES } from '../directory/agent.js';

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
