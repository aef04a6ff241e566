/**
 * The SLA configuration the engine works from: calendars, policies and assist OLAs as stored in
 * the `config` container, and the lookups the engine needs (calendar by id, OLA by expert team).
 */
import { z } from 'zod';
import type { TCalendar } from '../sla/calendar.js';
import { type TSlaPolicy, ZAssistOla } from '../sla/sla-policy.js';

/** An assist OLA as an admin stores it: the model's OLA with an id and a name. No teamId = the default. */
export const ZSlaOla = ZAssistOla.extend({
  id: z
    .string()
    .min(1)
    .max(100)
    .regex(/^[A-Za-z0-9_.~-]+$/, 'must be an id'),
  name: z.string().min(1).max(200).default('Assist OLA'),
});
export type TSlaOla = z.infer<typeof ZSlaOla>;
export type TSlaOlaInput = z.input<typeof ZSlaOla>;

export interface SlaConfig {
  readonly calendars: ReadonlyMap<string, TCalendar>;
  readonly policies: readonly TSlaPolicy[];
  readonly olas: readonly TSlaOla[];
}

export const EMPTY_SLA_CONFIG: SlaConfig = { calendars: new Map(), policies: [], olas: [] };

/** The OLA of an expert team, else the default OLA (no team), else none. */
export const olaFor = (config: SlaConfig, teamId: string | null): TSlaOla | undefined =>
  (teamId ? config.olas.find((ola) => ola.teamId === teamId) : undefined) ??
  config.olas.find((ola) => ola.teamId === undefined);
