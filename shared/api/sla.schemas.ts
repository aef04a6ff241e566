/** SLA request and response schemas: clocks on tickets and assists, admin configuration, preview. */
import { z } from 'zod';
import { ZCalendar } from '../sla/calendar.js';
import { ZSlaPolicy } from '../sla/sla-policy.js';
import { ZSlaOla } from '../sla-engine/sla-config.js';
import { PRIORITIES } from '../tickets/priority.js';
import { TICKET_TYPES } from '../tickets/ticket-types.js';
import { ZId } from './common.schemas.js';

const ZInstant = z.string();

/** One clock (a target of the ticket SLA, or an assist's OLA). Business milliseconds throughout. */
export const ZSlaTarget = z.object({
  state: z.enum(['running', 'paused', 'met', 'breached']),
  clock: z.enum(['running', 'paused', 'stopped']),
  targetMs: z.number(),
  elapsedMs: z.number(),
  remainingMs: z.number(),
  overdueMs: z.number(),
  percent: z.number(),
  dueAt: ZInstant.nullable(),
  startedAt: ZInstant,
  stoppedAt: ZInstant.nullable(),
  breachedAt: ZInstant.nullable(),
  pausedMs: z.number(),
  attribution: z.object({ withOwnerMs: z.number(), waitingOnExpertMs: z.number(), waitingOnCustomerMs: z.number() }),
  warningsCrossed: z.array(z.number()).readonly(),
  nextEvaluationAt: ZInstant.nullable(),
});
export type TSlaTarget = z.infer<typeof ZSlaTarget>;

export const ZTicketSla = z.object({
  policyId: z.string(),
  policyName: z.string(),
  calendarId: z.string(),
  priority: z.enum(PRIORITIES),
  computedAt: ZInstant,
  /** Badge colour: breached/warning on a live target, else ok (running), paused, or met. */
  status: z.enum(['ok', 'warning', 'breached', 'paused', 'met']),
  /** Soonest due (or breach) instant of a target whose clock has not stopped. */
  dueAt: ZInstant.nullable(),
  firstResponse: ZSlaTarget.nullable(),
  nextResponse: ZSlaTarget.extend({ cycle: z.number().int() }).nullable(),
  resolution: ZSlaTarget.nullable(),
  nextEvaluationAt: ZInstant.nullable(),
});
export type TTicketSla = z.infer<typeof ZTicketSla>;

/** Request bodies: the model's own schemas (unknown fields refused, overlaps and time zones checked). */
export const ZSlaCalendarBody = ZCalendar;
export const ZSlaPolicyBody = ZSlaPolicy;
export const ZSlaOlaBody = ZSlaOla;

export const ZSlaPreviewRequest = z
  .strictObject({
    policyId: ZId.optional(),
    policy: ZSlaPolicy.optional(),
    /** Overrides the policy's calendar. */
    calendarId: ZId.optional(),
    ticket: z
      .strictObject({
        type: z.enum(TICKET_TYPES).default('incident'),
        priority: z.enum(PRIORITIES).default('P3'),
        teamId: ZId.optional(),
        category: z.string().trim().min(1).max(100).optional(),
        customerTier: z.string().trim().min(1).max(100).optional(),
      })
      .default({ type: 'incident', priority: 'P3' }),
    createdAt: z.iso.datetime({ offset: true }).optional(),
  })
  .refine((body) => !(body.policyId && body.policy), 'give policyId or policy, not both');
export type TSlaPreviewRequest = z.infer<typeof ZSlaPreviewRequest>;

const ZPreviewTarget = z.object({ targetMs: z.number(), dueAt: ZInstant }).nullable();

export const ZSlaPreview = z.object({
  policy: z.object({ id: z.string(), name: z.string() }),
  calendar: z.object({ id: z.string(), name: z.string(), timeZone: z.string() }),
  createdAt: ZInstant,
  firstResponse: ZPreviewTarget,
  nextResponse: ZPreviewTarget,
  resolution: ZPreviewTarget,
});
export type TSlaPreview = z.infer<typeof ZSlaPreview>;

export const ZSlaRecomputeResult = z.object({ recomputed: z.number().int(), failed: z.number().int() });

/** GET /api/sla/holidays: a country's (and region's) public holidays for the calendar editor. */
export const ZHolidayQuery = z
  .strictObject({
    country: z.string().regex(/^[A-Z]{2}$/, 'an ISO 3166-1 alpha-2 code such as DE'),
    region: z
      .string()
      .regex(/^[A-Z0-9]{1,4}$/, 'a region code such as BY')
      .optional(),
    from: z.coerce.number().int().min(1970).max(2100),
    to: z.coerce.number().int().min(1970).max(2100),
  })
  .refine((q) => q.to >= q.from && q.to - q.from < 5, { message: 'from..to spans 1 to 5 years', path: ['to'] });

export const ZHolidayList = z.object({
  country: z.string(),
  region: z.string().nullable(),
  holidays: z.array(z.object({ date: z.string(), name: z.string() })),
});
export type THolidayList = z.infer<typeof ZHolidayList>;

export const ZHolidayCountries = z.object({
  countries: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      regions: z.array(z.object({ code: z.string(), name: z.string() })),
    }),
  ),
});
export type THolidayCountries = z.infer<typeof ZHolidayCountries>;
