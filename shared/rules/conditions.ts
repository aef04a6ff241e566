/**
 * Evaluates rule conditions against the facts of one event: the ticket as it is now, the event
 * (its type, data and changes) and, for assist events, the assist. Pure and synchronous so 200
 * rules cost microseconds; elapsed business time comes in as a function (calendar or wall time).
 */
import type { AssistSnapshot } from '../assists/assist.js';
import type { ActorRef } from '../kernel/actor.js';
import type { TicketSnapshot } from '../tickets/ticket-types.js';
import type { TCondition } from './rule-schema.js';
import { compileSafePattern } from './safe-regex.js';

export interface RuleEventFacts {
  readonly id: string;
  readonly type: string;
  readonly occurredAt: string;
  readonly actor: ActorRef | null;
  readonly data: Readonly<Record<string, unknown>>;
}

export interface RuleFacts {
  readonly ticket: TicketSnapshot;
  readonly event: RuleEventFacts;
  readonly assist: AssistSnapshot | null;
  readonly now: Date;
}

/** Milliseconds between two instants, in business time when asked and a calendar exists. */
export type ElapsedFn = (from: Date, to: Date, businessTime: boolean) => number;

export const wallElapsed: ElapsedFn = (from, to) => to.getTime() - from.getTime();

const get = (root: unknown, path: readonly string[]): unknown => {
  let value = root;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
};

const split = (field: string): { root: 'ticket' | 'event' | 'assist'; path: string[] } => {
  const [head, ...rest] = field.split('.');
  if (head === 'event' || head === 'assist' || head === 'ticket') return { root: head, path: rest };
  return { root: 'ticket', path: field.split('.') };
};

export function fieldValue(facts: RuleFacts, field: string): unknown {
  const { root, path } = split(field);
  return get(facts[root], path);
}

/** What an update event says about a field: {from, to} when it changed, else null. */
export function changeOf(facts: RuleFacts, field: string): { from: unknown; to: unknown } | null {
  const { root, path } = split(field);
  const name = path.join('.');
  const { type, data } = facts.event;
  if (root === 'ticket') {
    if (type === 'ticket.updated') {
      const change = (data.changes as Record<string, { from: unknown; to: unknown }> | undefined)?.[name];
      return change ?? null;
    }
    if (type === 'ticket.status_changed' && name === 'status') return { from: data.from, to: data.to };
    if (type === 'ticket.owner_changed' && name === 'ownerId') return { from: data.from, to: data.to };
    return null;
  }
  if (root === 'assist' && name === 'state' && type.startsWith('assist.') && 'to' in data)
    return { from: data.from, to: data.to };
  return null;
}

const isEmpty = (v: unknown): boolean =>
  v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);

const same = (a: unknown, b: unknown): boolean =>
  a === b || (typeof a === 'object' && a !== null && JSON.stringify(a) === JSON.stringify(b));

const compare = (a: unknown, b: string | number): number | null => {
  if (typeof b === 'number') {
    const n = typeof a === 'number' ? a : typeof a === 'string' && a.trim() !== '' ? Number(a) : Number.NaN;
    return Number.isNaN(n) ? null : n - b;
  }
  if (typeof a !== 'string' && typeof a !== 'number') return null;
  const s = String(a);
  return s < b ? -1 : s > b ? 1 : 0;
};

const asText = (v: unknown): string | null =>
  typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : null;

export function evaluateCondition(condition: TCondition, facts: RuleFacts, elapsed: ElapsedFn = wallElapsed): boolean {
  if ('all' in condition) return condition.all.every((c) => evaluateCondition(c, facts, elapsed));
  if ('any' in condition) return condition.any.some((c) => evaluateCondition(c, facts, elapsed));
  if ('not' in condition) return !evaluateCondition(condition.not, facts, elapsed);
  const value = fieldValue(facts, condition.field);
  switch (condition.op) {
    case 'equals':
      return Array.isArray(value) ? value.some((v) => same(v, condition.value)) : same(value ?? null, condition.value);
    case 'not_equals':
      return Array.isArray(value)
        ? !value.some((v) => same(v, condition.value))
        : !same(value ?? null, condition.value);
    case 'in':
    case 'not_in': {
      const hit = Array.isArray(value)
        ? value.some((v) => condition.values.some((w) => same(v, w)))
        : condition.values.some((w) => same(value ?? null, w));
      return condition.op === 'in' ? hit : !hit;
    }
    case 'contains':
    case 'starts_with': {
      const needle = condition.ignoreCase ? condition.value.toLowerCase() : condition.value;
      const check = (v: unknown): boolean => {
        const text = asText(v);
        if (text === null) return false;
        const hay = condition.ignoreCase ? text.toLowerCase() : text;
        return condition.op === 'contains' ? hay.includes(needle) : hay.startsWith(needle);
      };
      // On a list (tags), `contains` means "has an element equal to" and starts_with any element.
      if (Array.isArray(value))
        return condition.op === 'contains'
          ? value.some((v) => (condition.ignoreCase ? asText(v)?.toLowerCase() === needle : v === condition.value))
          : value.some(check);
      return check(value);
    }
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte': {
      const d = compare(value, condition.value);
      if (d === null) return false;
      return condition.op === 'gt' ? d > 0 : condition.op === 'gte' ? d >= 0 : condition.op === 'lt' ? d < 0 : d <= 0;
    }
    case 'is_empty':
      return isEmpty(value);
    case 'is_not_empty':
      return !isEmpty(value);
    case 'matches': {
      const text = asText(value);
      const pattern = compileSafePattern(condition.pattern, condition.ignoreCase ?? false);
      if (Array.isArray(value)) return value.some((v) => typeof v === 'string' && pattern.test(v));
      return text !== null && pattern.test(text);
    }
    case 'changed':
      return changeOf(facts, condition.field) !== null;
    case 'changed_from_to': {
      const change = changeOf(facts, condition.field);
      if (!change) return false;
      return (
        (condition.from === undefined || same(change.from ?? null, condition.from)) &&
        (condition.to === undefined || same(change.to ?? null, condition.to))
      );
    }
    case 'time_since': {
      const text = asText(value);
      const since = text === null ? Number.NaN : Date.parse(text);
      if (Number.isNaN(since)) return false;
      const minutes = elapsed(new Date(since), facts.now, condition.businessTime ?? false) / 60_000;
      return (
        (condition.moreThanMinutes === undefined || minutes > condition.moreThanMinutes) &&
        (condition.lessThanMinutes === undefined || minutes < condition.lessThanMinutes)
      );
    }
  }
}
