/**
 * The compiled conditions and the compiled, bucketed rule set must answer exactly as the plain
 * interpreter the engine used before (kept here as the oracle), on random conditions and facts.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileCondition } from './condition-compiler.js';
import type { ElapsedFn, RuleFacts } from './conditions.js';
import { isTriggeredBy, planRules, ruleActorName } from './rule-engine.js';
import type { Rule, TCondition } from './rule-schema.js';
import { compileRuleSet } from './rule-set.js';
import { compileSafePattern } from './safe-regex.js';

// --- oracle: the interpreter as it was before compilation (conditions.ts at 7ec36a1) ---
type Facts = RuleFacts;
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
const changeOf = (facts: Facts, field: string): { from: unknown; to: unknown } | null => {
  const { root, path } = split(field);
  const name = path.join('.');
  const { type, data } = facts.event;
  if (root === 'ticket') {
    if (type === 'ticket.updated')
      return (data.changes as Record<string, { from: unknown; to: unknown }> | undefined)?.[name] ?? null;
    if (type === 'ticket.status_changed' && name === 'status') return { from: data.from, to: data.to };
    if (type === 'ticket.owner_changed' && name === 'ownerId') return { from: data.from, to: data.to };
    return null;
  }
  if (root === 'assist' && name === 'state' && type.startsWith('assist.') && 'to' in data)
    return { from: data.from, to: data.to };
  return null;
};
const isEmpty = (v: unknown) => v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);
const same = (a: unknown, b: unknown) =>
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
const asText = (v: unknown) =>
  typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : null;

function oracle(c: TCondition, facts: Facts, elapsed: ElapsedFn): boolean {
  if ('all' in c) return c.all.every((x) => oracle(x, facts, elapsed));
  if ('any' in c) return c.any.some((x) => oracle(x, facts, elapsed));
  if ('not' in c) return !oracle(c.not, facts, elapsed);
  const { root, path } = split(c.field);
  const value = get(facts[root], path);
  switch (c.op) {
    case 'equals':
    case 'not_equals': {
      const hit = Array.isArray(value) ? value.some((v) => same(v, c.value)) : same(value ?? null, c.value);
      return c.op === 'equals' ? hit : !hit;
    }
    case 'in':
    case 'not_in': {
      const hit = Array.isArray(value)
        ? value.some((v) => c.values.some((w) => same(v, w)))
        : c.values.some((w) => same(value ?? null, w));
      return c.op === 'in' ? hit : !hit;
    }
    case 'contains':
    case 'starts_with': {
      const needle = c.ignoreCase ? c.value.toLowerCase() : c.value;
      const check = (v: unknown) => {
        const text = asText(v);
        if (text === null) return false;
        const hay = c.ignoreCase ? text.toLowerCase() : text;
        return c.op === 'contains' ? hay.includes(needle) : hay.startsWith(needle);
      };
      if (Array.isArray(value))
        return c.op === 'contains'
          ? value.some((v) => (c.ignoreCase ? asText(v)?.toLowerCase() === needle : v === c.value))
          : value.some(check);
      return check(value);
    }
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte': {
      const d = compare(value, c.value);
      if (d === null) return false;
      return c.op === 'gt' ? d > 0 : c.op === 'gte' ? d >= 0 : c.op === 'lt' ? d < 0 : d <= 0;
    }
    case 'is_empty':
      return isEmpty(value);
    case 'is_not_empty':
      return !isEmpty(value);
    case 'matches': {
      const text = asText(value);
      const pattern = compileSafePattern(c.pattern, c.ignoreCase ?? false);
      if (Array.isArray(value)) return value.some((v) => typeof v === 'string' && pattern.test(v));
      return text !== null && pattern.test(text);
    }
    case 'changed':
      return changeOf(facts, c.field) !== null;
    case 'changed_from_to': {
      const change = changeOf(facts, c.field);
      if (!change) return false;
      return (
        (c.from === undefined || same(change.from ?? null, c.from)) &&
        (c.to === undefined || same(change.to ?? null, c.to))
      );
    }
    case 'time_since': {
      const text = asText(value);
      const since = text === null ? Number.NaN : Date.parse(text);
      if (Number.isNaN(since)) return false;
      const minutes = elapsed(new Date(since), facts.now, c.businessTime ?? false) / 60_000;
      return (
        (c.moreThanMinutes === undefined || minutes > c.moreThanMinutes) &&
        (c.lessThanMinutes === undefined || minutes < c.lessThanMinutes)
      );
    }
  }
}

// --- generators: small pools so that conditions hit as often as they miss ---
const scalar = fc.constantFrom<string | number | boolean | null>(
  'P1',
  'P2',
  'vpn',
  'VPN',
  '3',
  3,
  0,
  true,
  null,
  '',
  'open',
);
const text = fc.constantFrom('VPN drops 3 times', 'vpn', 'Printer on fire', '', '3', 'open', 'P2');
const field = fc.constantFrom(
  'priority',
  'title',
  'tags',
  'category',
  'impact',
  'createdAt',
  'status',
  'ownerId',
  'requester',
  'requester.email',
  'ticket.priority',
  'nested.deep.x',
  'event.type',
  'event.data.n',
  'assist.state',
);
const pattern = fc.constantFrom('^vpn', 'p[12]', '(vpn|disk)\\s+\\w+', 'o{1,2}p', '3$');
const minutes = fc.option(fc.integer({ min: 0, max: 600 }), { nil: undefined });
const leaf: fc.Arbitrary<TCondition> = fc.oneof(
  fc.record({ field, op: fc.constantFrom('equals', 'not_equals'), value: scalar }),
  fc.record({ field, op: fc.constantFrom('in', 'not_in'), values: fc.array(scalar, { maxLength: 3 }) }),
  fc.record({ field, op: fc.constantFrom('contains', 'starts_with'), value: text, ignoreCase: fc.boolean() }),
  fc.record({
    field,
    op: fc.constantFrom('gt', 'gte', 'lt', 'lte'),
    value: fc.oneof(text, fc.integer({ min: 0, max: 4 })),
  }),
  fc.record({ field, op: fc.constantFrom('is_empty', 'is_not_empty') }),
  fc.record({ field, op: fc.constant('matches'), pattern, ignoreCase: fc.boolean() }),
  fc.record({ field, op: fc.constant('changed') }),
  fc.record({ field, op: fc.constant('changed_from_to'), from: scalar, to: scalar }, { requiredKeys: ['field', 'op'] }),
  fc.record({
    field,
    op: fc.constant('time_since'),
    moreThanMinutes: minutes,
    lessThanMinutes: minutes,
    businessTime: fc.boolean(),
  }),
) as fc.Arbitrary<TCondition>;
const condition: fc.Arbitrary<TCondition> = fc.letrec<{ c: TCondition }>((tie) => ({
  c: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.record({ all: fc.array(tie('c'), { maxLength: 3 }) }),
    fc.record({ any: fc.array(tie('c'), { maxLength: 3 }) }),
    fc.record({ not: tie('c') }),
  ),
})).c;

const NOW = new Date('2026-11-26T12:00:00Z');
const eventType = fc.constantFrom(
  'ticket.updated',
  'ticket.status_changed',
  'ticket.owner_changed',
  'assist.answered',
  'ticket.created',
  'ticket.email_received',
  'rule.schedule',
);
const facts: fc.Arbitrary<Facts> = fc
  .record({
    priority: scalar,
    title: text,
    tags: fc.array(fc.oneof(text, scalar), { maxLength: 3 }),
    category: fc.oneof(text, fc.constant(null)),
    impact: fc.oneof(fc.integer({ min: 1, max: 3 }), text),
    createdAt: fc.constantFrom('2026-11-26T09:00:00Z', '2026-11-26T11:59:00Z', 'garbage', ''),
    status: text,
    requester: fc.oneof(fc.constant(null), fc.record({ email: text })),
    type: eventType,
    change: fc.record({ from: scalar, to: scalar }),
    changedField: fc.constantFrom('priority', 'status', 'title'),
    assist: fc.oneof(fc.constant(null), fc.record({ state: text })),
    ruleId: fc.constantFrom('r0', 'r1', 'r2'),
    author: fc.option(fc.constantFrom('r0', 'r1'), { nil: null }),
  })
  .map((f) => ({
    ticket: {
      id: 't',
      priority: f.priority,
      title: f.title,
      tags: f.tags,
      category: f.category,
      impact: f.impact,
      createdAt: f.createdAt,
      status: f.status,
      requester: f.requester,
      ownerId: null,
    } as never,
    event: {
      id: 'ev',
      type: f.type,
      occurredAt: NOW.toISOString(),
      actor: f.author ? { kind: 'system' as const, name: ruleActorName(f.author) } : null,
      data: {
        changes: { [f.changedField]: f.change },
        from: f.change.from,
        to: f.change.to,
        n: f.impact,
        ruleId: f.ruleId,
      },
    },
    assist: f.assist as never,
    now: NOW,
  }));
const elapsed: ElapsedFn = (from, to, business) => (to.getTime() - from.getTime()) / (business ? 2 : 1);

describe('compileCondition', () => {
  it('answers as the interpreter did, on random conditions and facts', () => {
    fc.assert(
      fc.property(condition, facts, (c, f) => {
        expect(compileCondition(c)(f, elapsed)).toBe(oracle(c, f, elapsed));
      }),
      { numRuns: 3_000 },
    );
  });
});

const rule: fc.Arbitrary<Rule> = fc
  .record({
    id: fc.constantFrom('r0', 'r1', 'r2', 'r3', 'r4', 'r5'),
    order: fc.integer({ min: 0, max: 3 }),
    enabled: fc.boolean(),
    stopProcessing: fc.boolean(),
    schedule: fc.boolean(),
    events: fc.subarray([
      'ticket.updated',
      'ticket.created',
      'email.received',
      'ticket.email_received',
      'assist.answered',
    ]),
    conditions: fc.option(condition, { nil: undefined }),
  })
  .map(
    (r) =>
      ({
        id: r.id,
        name: r.id,
        order: r.order,
        enabled: r.enabled,
        stopProcessing: r.stopProcessing,
        trigger: r.schedule ? { kind: 'schedule', everyMinutes: 5 } : { kind: 'event', events: r.events },
        ...(r.conditions ? { conditions: r.conditions } : {}),
        actions: [],
        createdAt: '',
        updatedAt: '',
      }) as never as Rule,
  );

/** The engine's plan as it was: sort, then filter each rule by enabled, author, trigger, conditions. */
function oraclePlan(rules: readonly Rule[], f: Facts): string[] {
  const author = f.event.actor?.kind === 'system' ? f.event.actor.name.slice(5) : null;
  const out: string[] = [];
  for (const r of [...rules].sort((a, b) => a.order - b.order || a.id.localeCompare(b.id))) {
    if (!r.enabled || r.id === author || !isTriggeredBy(r, f.event)) continue;
    if (r.conditions && !oracle(r.conditions, f, elapsed)) continue;
    out.push(r.id);
    if (r.stopProcessing) break;
  }
  return out;
}

describe('compileRuleSet', () => {
  it('plans the same rules in the same order as the interpreter did', () => {
    fc.assert(
      fc.property(fc.array(rule, { maxLength: 8 }), facts, (rules, f) => {
        const expected = oraclePlan(rules, f);
        expect(planRules(compileRuleSet(rules), f, elapsed).map((m) => m.ruleId)).toEqual(expected);
        expect(planRules(rules, f, elapsed).map((m) => m.ruleId)).toEqual(expected);
      }),
      { numRuns: 2_000 },
    );
  });
});
