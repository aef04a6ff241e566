/** SLA model: calendars, business time, policies, OLAs and clocks computed from ticket history. */
export * from './business-time.js';
export * from './calendar.js';
export { type CalendarChunk, type CompiledCalendar, compileCalendar } from './compiled-calendar.js';
export * from './elapsed-due.js';
export * from './sla-clock.js';
export { type SlaHistoryEvent, type SlaStatus, STOPPED_STATUSES, ZSlaHistoryEvent } from './sla-history.js';
export * from './sla-policy.js';
export {
  type SlaAttribution,
  type SlaClockState,
  type SlaTargetSnapshot,
  type SlaTargetState,
  thresholdMs,
} from './sla-target.js';
export { isValidTimeZone } from './time-zone.js';
