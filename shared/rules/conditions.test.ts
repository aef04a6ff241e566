import { describe, expect, it } from 'vitest';
import { aTicket } from '../../tests/builders/index.js';
import { evaluateCondition, type RuleFacts } from './conditions.js';
import type { TCondition } from './rule-schema.js';

const NOW = new Date('2026-11-26T12:00:00Z');
const ticket = {
  ...aTicket().build().toSnapshot(),
  priority: 'P2',
  tags: ['vpn', 'vip'],
  title: 'VPN drops every hour',
  category: null,
  createdAt: '2026-11-26T09:00:00Z',
} as const;
const facts = (
  type = 'ticket.updated',
  data: Record<string, unknown> = { changes: { priority: { from: 'P3', to: 'P2' } } },
): RuleFacts => ({
  ticket: ticket as never,
  event: { id: 'ev', type, occurredAt: NOW.toISOString(), actor: null, data },
  assist: null,
  now: NOW,
});

describe('rule conditions', () => {
  it.each<[string, TCondition, boolean]>([
    ['equals', { field: 'priority', op: 'equals', value: 'P2' }, true],
    ['equals (miss)', { field: 'ticket.priority', op: 'equals', value: 'P1' }, false],
    ['not equals', { field: 'priority', op: 'not_equals', value: 'P1' }, true],
    ['in', { field: 'priority', op: 'in', values: ['P1', 'P2'] }, true],
    ['not in', { field: 'priority', op: 'not_in', values: ['P1', 'P2'] }, false],
    ['contains text', { field: 'title', op: 'contains', value: 'drops' }, true],
    ['contains ignoring case', { field: 'title', op: 'contains', value: 'vpn', ignoreCase: true }, true],
    ['contains on a list', { field: 'tags', op: 'contains', value: 'vip' }, true],
    ['starts with', { field: 'title', op: 'starts_with', value: 'VPN' }, true],
    ['greater than (text)', { field: 'priority', op: 'gt', value: 'P1' }, true],
    ['less than (number)', { field: 'impact', op: 'lt', value: ticket.impact + 1 }, true],
    ['is empty', { field: 'category', op: 'is_empty' }, true],
    ['is not empty', { field: 'tags', op: 'is_not_empty' }, true],
    ['matches (safe regex)', { field: 'title', op: 'matches', pattern: '^vpn (drops|fails)', ignoreCase: true }, true],
    ['changed', { field: 'priority', op: 'changed' }, true],
    ['changed (other field)', { field: 'teamId', op: 'changed' }, false],
    ['changed from/to', { field: 'priority', op: 'changed_from_to', from: 'P3', to: 'P2' }, true],
    ['changed to only', { field: 'priority', op: 'changed_from_to', to: 'P1' }, false],
    ['time since more than', { field: 'createdAt', op: 'time_since', moreThanMinutes: 120 }, true],
    ['time since less than', { field: 'createdAt', op: 'time_since', lessThanMinutes: 120 }, false],
    ['event field', { field: 'event.type', op: 'equals', value: 'ticket.updated' }, true],
    [
      'all',
      {
        all: [
          { field: 'priority', op: 'equals', value: 'P2' },
          { field: 'tags', op: 'contains', value: 'vpn' },
        ],
      },
      true,
    ],
    [
      'any',
      {
        any: [
          { field: 'priority', op: 'equals', value: 'P1' },
          { field: 'tags', op: 'contains', value: 'nope' },
        ],
      },
      false,
    ],
    ['not', { not: { field: 'priority', op: 'equals', value: 'P1' } }, true],
  ])('%s', (_name, condition, expected) => {
    expect(evaluateCondition(condition, facts())).toBe(expected);
  });

  it('reads status changes from status events', () => {
    const c: TCondition = { field: 'status', op: 'changed_from_to', from: 'open', to: 'resolved' };
    expect(evaluateCondition(c, facts('ticket.status_changed', { from: 'open', to: 'resolved' }))).toBe(true);
    expect(evaluateCondition(c, facts('ticket.status_changed', { from: 'open', to: 'pending' }))).toBe(false);
  });

  it('measures time since in business time when asked and a calendar exists', () => {
    const c: TCondition = { field: 'createdAt', op: 'time_since', moreThanMinutes: 60, businessTime: true };
    const noBusinessTime = () => 0;
    expect(evaluateCondition(c, facts(), noBusinessTime)).toBe(false);
    expect(evaluateCondition(c, facts())).toBe(true);
  });
});
