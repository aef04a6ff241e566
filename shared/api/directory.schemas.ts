/** Agents and teams as the API shows them. */
import { z } from 'zod';
import { ROLES } from '../directory/agent.js';

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
});
export type TAgent = z.infer<typeof ZAgent>;

export const ZTeam = z.object({
  id: z.string(),
  slug: z.string(),
  name: z.string(),
  leadIds: z.array(z.string()),
  /** How long an offer to one agent stands before it moves to the next (then to the team lead). */
  offerMinutes: z.number().int(),
});
export type TTeam = z.infer<typeof ZTeam>;
