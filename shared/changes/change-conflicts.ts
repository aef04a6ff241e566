/**
 * Schedule conflicts of a change (issue 16, ADR 0031), pure: given a proposed window and the facts
 * the caller read (other changes booked on the same CIs, on CIs one hop up or down in the CMDB
 * and on the same people; blackout and maintenance windows; open P1/P2 incidents on the affected
 * CIs or the services they impact), every conflict with a reason a person can act on. The same
 * facts, read once for a horizon, give the next free slot.
 */
import { type ChangeWindowFields, GLOBAL_SCOPE, type Occurrence, occurrences } from './change-windows.js';

export const CONFLICT_KINDS = [
  'ci_overlap',
  'neighbour_overlap',
  'blackout',
  'outside_maintenance',
  'open_incident',
  'assignee_booked',
] as const;
export type ConflictKind = (typeof CONFLICT_KINDS)[number];

export interface ConflictRef {
  readonly type: 'change' | 'window' | 'ticket' | 'agent';
  readonly id: string;
  /** CHG-1001, INC-12, the window's or agent's name. */
  readonly label: string;
}

export interface Conflict {
  readonly kind: ConflictKind;
  readonly reason: string;
  /** The affected CI (or impacted service) the conflict is on; null for a global window or a person. */
  readonly ciId: string | null;
  readonly ref: ConflictRef;
}

/** What is being scheduled. */
export interface ScheduleProposal {
  readonly changeId: string;
  readonly start: number;
  readonly end: number;
  readonly ciIds: readonly string[];
  /** The owner and the implementation tasks' assignees. */
  readonly agentIds: readonly string[];
}

/** Another change holding a CI or a person for a stretch of time. */
export interface Booking {
  readonly changeId: string;
  readonly number: string;
  /** A CI id or an agent id. */
  readonly resourceId: string;
  readonly start: number;
  readonly end: number;
}

export interface ScheduleFacts {
  /** Names of the CIs, services and agents mentioned (ids are shown when missing). */
  readonly names: ReadonlyMap<string, string>;
  /** CIs one hop from an affected CI: `upstream` the affected CI needs it, `downstream` it needs the affected CI. */
  readonly neighbours: readonly {
    readonly ciId: string;
    readonly of: string;
    readonly direction: 'upstream' | 'downstream';
  }[];
  /** Business services the affected CIs impact, with the affected CI that reaches each. */
  readonly services: readonly { readonly serviceId: string; readonly viaCiId: string }[];
  readonly ciBookings: readonly Booking[];
  readonly agentBookings: readonly Booking[];
  readonly windows: readonly (ChangeWindowFields & { readonly id: string })[];
  /** Open incidents on the affected CIs or impacted services (any priority: P1 and P2 count). */
  readonly incidents: readonly {
    readonly ticketId: string;
    readonly number: string;
    readonly priority: string;
    readonly ciId: string;
  }[];
}

const BLOCKING_PRIORITIES = new Set(['P1', 'P2']);
const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) =>
  a.start < b.end && b.start < a.end;
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 16).replace('T', ' ');

/** The windows relevant to a proposal, scoped to it (global, an affected CI or an impacted service). */
function relevantWindows(p: ScheduleProposal, f: ScheduleFacts) {
  const scopes = new Set([GLOBAL_SCOPE, ...p.ciIds, ...f.services.map((s) => s.serviceId)]);
  return f.windows.filter((w) => scopes.has(w.scope));
}

/**
 * The maintenance windows that govern each affected CI: its own; else those of the services it
 * impacts; else the global ones. A CI governed by none may be changed at any time.
 */
function maintenanceFor(p: ScheduleProposal, f: ScheduleFacts, windows: ScheduleFacts['windows']) {
  const maintenance = windows.filter((w) => w.kind === 'maintenance');
  const global = maintenance.filter((w) => w.scope === GLOBAL_SCOPE);
  const byCi = new Map<string, (typeof maintenance)[number][]>();
  for (const ciId of p.ciIds) {
    const own = maintenance.filter((w) => w.scope === ciId);
    const services = new Set(f.services.filter((s) => s.viaCiId === ciId).map((s) => s.serviceId));
    const viaService = maintenance.filter((w) => services.has(w.scope));
    const governing = own.length > 0 ? own : viaService.length > 0 ? viaService : global;
    // By id: the conflict names the same window whatever order the store returned them in.
    byCi.set(
      ciId,
      [...governing].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
    );
  }
  return byCi;
}

type Occurrences = (w: ChangeWindowFields & { id: string }, from: number, to: number) => Occurrence[];

/**
 * Every conflict of the proposal, in a stable order (by kind, then as found). `occ` gives a
 * window's occurrences; by default they are computed once per window for this proposal.
 */
export function detectConflicts(
  p: ScheduleProposal,
  f: ScheduleFacts,
  occ: Occurrences = memoOccurrences(),
): Conflict[] {
  return [...timeConflicts(p, f, occ), ...incidentConflicts(p, f)];
}

/** Occurrences computed once per window and range (several CIs share the global windows). */
function memoOccurrences(): Occurrences {
  const memo = new Map<string, Occurrence[]>();
  return (w, from, to) => {
    const key = `${w.id}:${from}:${to}`;
    let found = memo.get(key);
    if (!found) {
      found = occurrences(w, from, to);
      memo.set(key, found);
    }
    return found;
  };
}

/**
 * Every window's occurrences over [from, to) computed once, then filtered per look-up: the
 * calendar and the slot search ask about many stretches inside one range.
 */
export function occurrencesWithin(
  windows: readonly (ChangeWindowFields & { id: string })[],
  from: number,
  to: number,
): Occurrences {
  const expanded = new Map(windows.map((w) => [w.id, occurrences(w, from, to)]));
  return (w, a, b) => (expanded.get(w.id) ?? occurrences(w, a, b)).filter((o) => o.start < b && o.end > a);
}

/** The conflicts that depend on when the change happens (all but open incidents). */
function timeConflicts(p: ScheduleProposal, f: ScheduleFacts, occ: Occurrences): Conflict[] {
  const name = (id: string) => f.names.get(id) ?? id;
  const out: Conflict[] = [];
  const affected = new Set(p.ciIds);
  const neighbourOf = new Map<string, { of: string; direction: 'upstream' | 'downstream' }>();
  for (const n of f.neighbours) if (!affected.has(n.ciId) && !neighbourOf.has(n.ciId)) neighbourOf.set(n.ciId, n);
  const seen = new Set<string>();
  for (const b of f.ciBookings) {
    if (b.changeId === p.changeId || !overlaps(p, b)) continue;
    const key = `${b.changeId}:${b.resourceId}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const ref: ConflictRef = { type: 'change', id: b.changeId, label: b.number };
    const when = `${iso(b.start)}-${iso(b.end)} UTC`;
    if (affected.has(b.resourceId))
      out.push({
        kind: 'ci_overlap',
        reason: `${b.number} also changes ${name(b.resourceId)} (${when})`,
        ciId: b.resourceId,
        ref,
      });
    else {
      const n = neighbourOf.get(b.resourceId);
      if (!n) continue;
      const relation = n.direction === 'upstream' ? 'which it depends on' : 'which depends on it';
      out.push({
        kind: 'neighbour_overlap',
        reason: `${b.number} changes ${name(b.resourceId)}, next to ${name(n.of)} (${relation}), ${when}`,
        ciId: b.resourceId,
        ref,
      });
    }
  }
  const windows = relevantWindows(p, f);
  for (const w of windows) {
    if (w.kind !== 'blackout') continue;
    const hit = occ(w, p.start, p.end).find((o) => overlaps(p, o));
    if (!hit) continue;
    const scope = w.scope === GLOBAL_SCOPE ? 'everything' : name(w.scope);
    out.push({
      kind: 'blackout',
      reason: `Inside the blackout "${w.name}" on ${scope} (${iso(hit.start)}-${iso(hit.end)} UTC)`,
      ciId: w.scope === GLOBAL_SCOPE ? null : w.scope,
      ref: { type: 'window', id: w.id, label: w.name },
    });
  }
  for (const [ciId, governing] of maintenanceFor(p, f, windows)) {
    if (governing.length === 0) continue;
    const inside = governing.some((w) => occ(w, p.start, p.end).some((o) => o.start <= p.start && o.end >= p.end));
    if (inside) continue;
    const first = governing[0] as (typeof governing)[number];
    out.push({
      kind: 'outside_maintenance',
      reason: `Outside ${name(ciId)}'s maintenance window (${governing.map((w) => w.name).join(', ')})`,
      ciId,
      ref: { type: 'window', id: first.id, label: first.name },
    });
  }
  const people = new Set(p.agentIds);
  const booked = new Set<string>();
  for (const b of f.agentBookings) {
    if (b.changeId === p.changeId || !people.has(b.resourceId) || !overlaps(p, b)) continue;
    const key = `${b.changeId}:${b.resourceId}`;
    if (booked.has(key)) continue;
    booked.add(key);
    out.push({
      kind: 'assignee_booked',
      reason: `${name(b.resourceId)} is already booked on ${b.number} (${iso(b.start)}-${iso(b.end)} UTC)`,
      ciId: null,
      ref: { type: 'agent', id: b.resourceId, label: name(b.resourceId) },
    });
  }
  return out.sort((a, b) => CONFLICT_KINDS.indexOf(a.kind) - CONFLICT_KINDS.indexOf(b.kind));
}

function incidentConflicts(p: ScheduleProposal, f: ScheduleFacts): Conflict[] {
  const name = (id: string) => f.names.get(id) ?? id;
  const on = new Set([...p.ciIds, ...f.services.map((s) => s.serviceId)]);
  const seen = new Set<string>();
  const out: Conflict[] = [];
  for (const i of f.incidents) {
    if (!BLOCKING_PRIORITIES.has(i.priority) || !on.has(i.ciId) || seen.has(i.ticketId)) continue;
    seen.add(i.ticketId);
    out.push({
      kind: 'open_incident',
      reason: `${i.number} (${i.priority}) is open on ${name(i.ciId)}`,
      ciId: i.ciId,
      ref: { type: 'ticket', id: i.ticketId, label: i.number },
    });
  }
  return out;
}

export const SLOT_HORIZON_DAYS = 90;
const DAY_MS = 86_400_000;

/**
 * The earliest start at or after `after` where a change of `durationMs` has no time-bound conflict
 * (an open incident is not a matter of time: it is reported by the check, not avoided here),
 * within SLOT_HORIZON_DAYS. The facts must cover [after, after + horizon + duration). Candidates
 * are `after` and every moment something ends or a maintenance window opens, so the answer is exact.
 */
export function nextFreeSlot(
  p: Omit<ScheduleProposal, 'start' | 'end'>,
  durationMs: number,
  after: number,
  f: ScheduleFacts,
  horizonDays = SLOT_HORIZON_DAYS,
): { start: number; end: number } | null {
  const horizon = after + horizonDays * DAY_MS;
  const range = { start: after, end: horizon + durationMs };
  const scoped = relevantWindows({ ...p, ...range }, f);
  // Expand every relevant window once for the whole horizon; each candidate then filters.
  const expanded = new Map(scoped.map((w) => [w.id, occurrences(w, range.start, range.end)]));
  const occ: Occurrences = (w, from, to) => (expanded.get(w.id) ?? []).filter((o) => o.start < to && o.end > from);
  const candidates = new Set<number>([after]);
  for (const b of [...f.ciBookings, ...f.agentBookings]) if (b.end > after) candidates.add(b.end);
  for (const [, list] of expanded)
    for (const o of list) for (const t of [o.start, o.end]) if (t > after) candidates.add(t);
  const facts = { ...f, windows: scoped };
  for (const start of [...candidates].sort((a, b) => a - b)) {
    if (start > horizon) break;
    const slot = { start, end: start + durationMs };
    if (timeConflicts({ ...p, ...slot }, facts, occ).length === 0) return slot;
  }
  return null;
}
