import { describe, expect, it } from 'vitest';
import { matchPolicy, targetMs, ZAssistOla, ZSlaPolicy } from './sla-policy.js';
import { aPolicy } from './test-support.js';

const messagesOf = (input: unknown): string[] => {
  const parsed = ZSlaPolicy.safeParse(input);
  return parsed.success ? [] : parsed.error.issues.map((issue) => issue.message);
};
const minimal = { id: 'p', name: 'P', order: 1, calendarId: 'c' };

describe('ZSlaPolicy', () => {
  it('refuses a policy without any target', () => {
    expect(messagesOf({ ...minimal, targets: {} })).toEqual([
      'an SLA policy needs at least one target (firstResponse, nextResponse or resolution)',
    ]);
  });

  it('refuses a per-priority target map without any priority', () => {
    expect(messagesOf({ ...minimal, targets: { resolution: {} } })).toContain(
      'name a target for at least one priority',
    );
  });

  it('refuses warning thresholds outside 1..99 or repeated', () => {
    expect(messagesOf({ ...minimal, targets: { resolution: 60 }, warningThresholds: [50, 100] })).toHaveLength(1);
    expect(messagesOf({ ...minimal, targets: { resolution: 60 }, warningThresholds: [50, 50] })).toEqual([
      'warning thresholds must be distinct',
    ]);
  });

  it('fills defaults and reads targets per priority or for all', () => {
    const policy = ZSlaPolicy.parse({ ...minimal, targets: { firstResponse: 30, resolution: { P1: 240 } } });
    expect(policy.pauseStatuses).toEqual(['pending']);
    expect(targetMs(policy, 'firstResponse', 'P4')).toBe(30 * 60_000);
    expect(targetMs(policy, 'resolution', 'P1')).toBe(240 * 60_000);
    expect(targetMs(policy, 'resolution', 'P2')).toBeUndefined();
    expect(targetMs(policy, 'nextResponse', 'P1')).toBeUndefined();
  });
});

describe('ZAssistOla', () => {
  it('needs a positive whole number of business minutes', () => {
    expect(ZAssistOla.safeParse({ answerWithinMinutes: 0, calendarId: 'c' }).success).toBe(false);
    expect(ZAssistOla.parse({ answerWithinMinutes: 240, calendarId: 'c' }).warningThresholds).toEqual([]);
  });
});

describe('matchPolicy', () => {
  const vip = aPolicy({ id: 'vip', order: 1, conditions: { customerTiers: ['gold'], priorities: ['P1', 'P2'] } });
  const incidents = aPolicy({ id: 'incidents', order: 2, conditions: { types: ['incident'] } });
  const fallback = aPolicy({ id: 'fallback', order: 9 });
  const policies = [fallback, incidents, vip];

  it('takes the first matching policy by order', () => {
    expect(matchPolicy(policies, { priority: 'P1', customerTier: 'gold', type: 'incident' })?.id).toBe('vip');
    expect(matchPolicy(policies, { priority: 'P3', customerTier: 'gold', type: 'incident' })?.id).toBe('incidents');
  });

  it('lets empty conditions match everything and requires a fact a condition names', () => {
    expect(matchPolicy(policies, { priority: 'P1', type: 'request' })?.id).toBe('fallback');
    expect(matchPolicy([vip, incidents], { priority: 'P1' })).toBeUndefined();
  });

  it('matches on team and category', () => {
    const network = aPolicy({ id: 'net', order: 0, conditions: { teamIds: ['t-net'], categories: ['wan'] } });
    expect(matchPolicy([network, fallback], { priority: 'P4', teamId: 't-net', category: 'wan' })?.id).toBe('net');
    expect(matchPolicy([network, fallback], { priority: 'P4', teamId: 't-net', category: 'lan' })?.id).toBe('fallback');
  });
});
