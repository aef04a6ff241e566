import { describe, expect, it } from 'vitest';
import { replayHistory, ZSlaHistoryEvent } from './sla-history.js';

describe('ZSlaHistoryEvent', () => {
  it('accepts the known events and refuses unknown ones or bad times', () => {
    expect(ZSlaHistoryEvent.parse({ type: 'created', at: '2026-06-01T08:00:00Z', priority: 'P2' }).type).toBe(
      'created',
    );
    expect(ZSlaHistoryEvent.safeParse({ type: 'escalated', at: '2026-06-01T08:00:00Z' }).success).toBe(false);
    expect(ZSlaHistoryEvent.safeParse({ type: 'customer_message', at: 'yesterday' }).success).toBe(false);
  });
});

describe('replayHistory', () => {
  it('orders events by time, ignores the future and counts each assist once', () => {
    const track = replayHistory(
      [
        { type: 'assist_opened', at: '2026-06-01T09:00:00Z', assistId: 'a' },
        { type: 'created', at: '2026-06-01T08:00:00Z', priority: 'P3' },
        { type: 'assist_opened', at: '2026-06-01T09:30:00Z', assistId: 'a' },
        { type: 'status_changed', at: '2026-06-01T12:00:00Z', from: 'open', to: 'resolved' },
      ],
      Date.parse('2026-06-01T10:00:00Z'),
    );
    expect(track.phases.map((phase) => [new Date(phase.from).toISOString(), phase.assistsOpen])).toEqual([
      ['2026-06-01T08:00:00.000Z', 0],
      ['2026-06-01T09:00:00.000Z', 1],
      ['2026-06-01T09:30:00.000Z', 1],
    ]);
    expect(track.status).toBe('new');
    expect(track.stoppedSince).toBeUndefined();
  });
});
