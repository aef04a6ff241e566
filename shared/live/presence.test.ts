import { describe, expect, it } from 'vitest';
import {
  HEARTBEAT_MS,
  heartbeat,
  liveSessions,
  PRESENCE_TTL_MS,
  type PresenceSession,
  sameViewers,
  viewersOf,
} from './presence.js';

const t0 = new Date('2026-12-03T10:00:00Z');
const at = (ms: number) => new Date(t0.getTime() + ms);

describe('Presence', () => {
  it('shows a session heard from within the TTL, and drops it once the TTL has passed', () => {
    const s = heartbeat('ag_bob', 'tab-1', 'viewing', t0);
    expect(viewersOf([s], at(PRESENCE_TTL_MS - 1))).toEqual([
      { agentId: 'ag_bob', activity: 'viewing', expiresInMs: 1 },
    ]);
    expect(viewersOf([s], at(PRESENCE_TTL_MS))).toEqual([]);
  });

  it('keeps a tab that keeps beating, however long it stays open', () => {
    let s = heartbeat('ag_bob', 'tab-1', 'viewing', t0);
    for (let i = 1; i <= 100; i++) s = heartbeat('ag_bob', 'tab-1', 'viewing', at(i * HEARTBEAT_MS));
    expect(viewersOf([s], at(100 * HEARTBEAT_MS + HEARTBEAT_MS))).toHaveLength(1);
  });

  it('survives two missed heartbeats (a throttled background tab) but not three', () => {
    const s = heartbeat('ag_bob', 'tab-1', 'viewing', t0);
    expect(liveSessions([s], at(2 * HEARTBEAT_MS + 1))).toHaveLength(1);
    expect(liveSessions([s], at(3 * HEARTBEAT_MS))).toHaveLength(0);
  });

  it('shows one line per agent: replying wins over viewing, and the freshest tab gives the expiry', () => {
    const sessions: PresenceSession[] = [
      heartbeat('ag_bob', 'tab-1', 'viewing', t0),
      heartbeat('ag_bob', 'tab-2', 'viewing', at(10_000)),
      heartbeat('ag_alice', 'tab-3', 'viewing', at(5_000)),
      heartbeat('ag_alice', 'tab-4', 'replying', at(1_000)),
    ];
    expect(viewersOf(sessions, at(20_000))).toEqual([
      { agentId: 'ag_alice', activity: 'replying', expiresInMs: PRESENCE_TTL_MS - 19_000 },
      { agentId: 'ag_bob', activity: 'viewing', expiresInMs: PRESENCE_TTL_MS - 10_000 },
    ]);
  });

  it('falls back to viewing when the replying tab has gone quiet and another tab still beats', () => {
    const sessions = [heartbeat('ag_alice', 'a', 'replying', t0), heartbeat('ag_alice', 'b', 'viewing', at(40_000))];
    expect(viewersOf(sessions, at(PRESENCE_TTL_MS + 1)).map((v) => v.activity)).toEqual(['viewing']);
  });

  it('compares viewer lists by who and what, not by their countdowns', () => {
    const a = viewersOf([heartbeat('ag_bob', 't', 'viewing', t0)], at(1_000));
    const b = viewersOf([heartbeat('ag_bob', 't', 'viewing', at(9_000))], at(10_000));
    const c = viewersOf([heartbeat('ag_bob', 't', 'replying', at(9_000))], at(10_000));
    expect(sameViewers(a, b)).toBe(true);
    expect(sameViewers(a, c)).toBe(false);
    expect(sameViewers(a, [])).toBe(false);
  });
});
