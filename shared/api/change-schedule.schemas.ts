/**
 * Request and response schemas of the change schedule API (issue 16, ADR 0031): blackout and
 * maintenance windows, conflicts, the next free slot, the calendar, implementation tasks, the
 * risk with CMDB facts, and the changes on a ticket's CIs. Validated at the edge.
 */
import { z } from 'zod';
import { CONFLICT_KINDS } from '../changes/change-conflicts.js';
import { RISK_LEVELS } from '../changes/change-risk.js';
import { CHANGE_STATES, CHANGE_TYPES, CLOSE_CODES } from '../changes/change-state.js';
import { TASK_STATES } from '../changes/change-tasks.js';
import { WINDOW_KINDS } from '../changes/change-windows.js';
import { ZChangeRisk } from './changes.schemas.js';
import { ZId } from './common.schemas.js';

const ZInstant = z.iso.datetime({ offset: true });
const ZDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be YYYY-MM-DD');

// --- windows -------------------------------------------------------------------------------------

export const ZWindowRecurrence = z.strictObject({
  /** RRULE body (RFC 5545) without DTSTART, times, UNTIL or COUNT: `FREQ=WEEKLY;BYDAY=SU`. */
  rule: z.string().trim().min(1).max(500),
  startTime: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM'),
  durationMinutes: z.number().int().min(1).max(44_640),
  from: ZDate,
  until: ZDate.nullable().default(null),
});

export const ZChangeWindowInput = z.strictObject({
  kind: z.enum(WINDOW_KINDS),
  name: z.string().trim().min(1).max(200),
  /** `global`, or the id of a CI or business service. */
  scope: ZId,
  timeZone: z.string().min(1).max(64).default('UTC'),
  start: ZInstant.nullable().default(null),
  end: ZInstant.nullable().default(null),
  recurrence: ZWindowRecurrence.nullable().default(null),
});
export type TChangeWindowInput = z.infer<typeof ZChangeWindowInput>;

export const ZChangeWindow = z.object({
  id: z.string(),
  kind: z.enum(WINDOW_KINDS),
  name: z.string(),
  scope: z.string(),
  /** The scope's CI name (null for global or a CI that is gone). */
  scopeName: z.string().nullable(),
  timeZone: z.string(),
  start: z.string().nullable(),
  end: z.string().nullable(),
  recurrence: z
    .object({
      rule: z.string(),
      startTime: z.string(),
      durationMinutes: z.number(),
      from: z.string(),
      until: z.string().nullable(),
    })
    .nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TChangeWindow = z.infer<typeof ZChangeWindow>;

// --- conflicts, slots, calendar ---------------------------------------------------------------

export const ZConflict = z.object({
  kind: z.enum(CONFLICT_KINDS),
  reason: z.string(),
  ciId: z.string().nullable(),
  ref: z.object({ type: z.enum(['change', 'window', 'ticket', 'agent']), id: z.string(), label: z.string() }),
});

export const ZConflictsQuery = z.strictObject({
  /** A proposed window; both or neither (default: the planned window). */
  start: ZInstant.optional(),
  end: ZInstant.optional(),
});

export const ZConflictReport = z.object({
  changeId: z.string(),
  start: z.string(),
  end: z.string(),
  conflicts: z.array(ZConflict),
});

export const ZNextFreeSlotQuery = z.strictObject({
  change: ZId,
  after: ZInstant.optional(),
  durationMinutes: z.coerce.number().int().min(1).max(44_640).optional(),
});

export const ZNextFreeSlot = z.object({
  /** Null when nothing is free within 90 days. */
  slot: z.object({ start: z.string(), end: z.string() }).nullable(),
  horizonDays: z.number().int(),
});

export const ZCalendarQuery = z.strictObject({ from: ZInstant, to: ZInstant });

export const ZCalendar = z.object({
  from: z.string(),
  to: z.string(),
  changes: z.array(
    z.object({
      id: z.string(),
      number: z.string(),
      title: z.string(),
      type: z.enum(CHANGE_TYPES),
      state: z.enum(CHANGE_STATES),
      plannedStart: z.string(),
      plannedEnd: z.string(),
      ownerId: z.string().nullable(),
      affectedCiIds: z.array(z.string()),
      riskLevel: z.enum(RISK_LEVELS).nullable(),
      /** The calendar's flags: overlaps with the other changes shown, windows, the owner booked twice. */
      conflicts: z.array(z.enum(CONFLICT_KINDS)),
    }),
  ),
  windows: z.array(
    z.object({
      windowId: z.string(),
      kind: z.enum(WINDOW_KINDS),
      name: z.string(),
      scope: z.string(),
      start: z.string(),
      end: z.string(),
    }),
  ),
});
export type TCalendar = z.infer<typeof ZCalendar>;

// --- tasks ---------------------------------------------------------------------------------------

export const ZAddChangeTask = z.strictObject({
  title: z.string().trim().min(1).max(300),
  assigneeId: ZId.nullable().optional(),
  /** Position (1 first); default last. */
  order: z.number().int().min(1).max(1000).optional(),
  dueAt: ZInstant.nullable().optional(),
});
export type TAddChangeTask = z.infer<typeof ZAddChangeTask>;

export const ZUpdateChangeTask = z.strictObject({
  title: z.string().trim().min(1).max(300).optional(),
  state: z.enum(TASK_STATES).optional(),
  assigneeId: ZId.nullable().optional(),
  order: z.number().int().min(1).max(1000).optional(),
  dueAt: ZInstant.nullable().optional(),
});
export type TUpdateChangeTask = z.infer<typeof ZUpdateChangeTask>;

// --- risk ----------------------------------------------------------------------------------------

export const ZRiskFacts = z.object({
  cis: z.array(z.object({ ciId: z.string(), name: z.string(), criticality: z.number() })),
  impactedServices: z.array(z.object({ id: z.string(), name: z.string() })),
  recentUnsuccessful: z.array(z.object({ number: z.string(), ciName: z.string() })),
  outsideMaintenanceWindow: z.boolean().nullable(),
});

export const ZChangeRiskView = z.object({
  questionnaire: z.object({
    questions: z.array(
      z.object({
        id: z.string(),
        text: z.string(),
        options: z.array(z.object({ value: z.string(), label: z.string(), points: z.number() })),
      }),
    ),
    thresholds: z.object({ moderate: z.number(), high: z.number(), very_high: z.number() }),
  }),
  rules: z.object({
    criticalCiAtMost: z.number(),
    servicesForHigh: z.number(),
    unsuccessfulLookbackDays: z.number(),
  }),
  facts: ZRiskFacts,
  /** The risk recorded so far (null before the first assessment). */
  risk: ZChangeRisk.nullable(),
});

export const ZLinkCausedIncident = z.strictObject({ ticket: ZId });

export const ZAssessRisk = z.strictObject({
  answers: z.record(z.string().max(64), z.string().max(64)),
});
export type TAssessRisk = z.infer<typeof ZAssessRisk>;

// --- a ticket's CIs ------------------------------------------------------------------------------

export const ZTicketChangesQuery = z.strictObject({
  hours: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(72),
});

export const ZTicketChanges = z.object({
  hours: z.number().int(),
  /** Changes planned or implemented on the ticket's CIs within the hours before now (and those under way). */
  recent: z.array(
    z.object({
      changeId: z.string(),
      number: z.string(),
      title: z.string(),
      state: z.enum(CHANGE_STATES),
      closeCode: z.enum(CLOSE_CODES).nullable(),
      ciId: z.string(),
      plannedStart: z.string().nullable(),
      plannedEnd: z.string().nullable(),
      actualStart: z.string().nullable(),
      actualEnd: z.string().nullable(),
    }),
  ),
  /** The changes linked to the ticket (created from it, or that caused it), with their current state. */
  linked: z.array(
    z.object({
      changeId: z.string(),
      number: z.string(),
      title: z.string(),
      state: z.enum(CHANGE_STATES),
      kind: z.string(),
    }),
  ),
});
