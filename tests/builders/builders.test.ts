import { describe, expect, it } from 'vitest';
import { ticketIdOfAssist } from '../../shared/assists/assist-id.js';
import { aLead, anAgent, aTicket, DBA_TEAM, fixedClock, sequentialIds, T0 } from './index.js';

describe('test builders', () => {
  it('sequentialIds counts up across prefixes', () => {
    const ids = sequentialIds();
    expect([ids.next('t_'), ids.next('ev_'), ids.next()]).toEqual(['t_000001', 'ev_000002', '000003']);
  });

  it('fixedClock only moves when told', () => {
    const clock = fixedClock();
    expect(clock.now()).toEqual(T0);
    expect(clock.advance(1000).getTime() - T0.getTime()).toBe(1000);
    expect(clock.now().getTime() - T0.getTime()).toBe(1000);
  });

  it('builds a loaded ticket whose counters match its assists', () => {
    const ticket = aTicket()
      .ownedBy(anAgent('alice'))
      .withAssist('ed')
      .withAssist({ teamId: DBA_TEAM }, { state: 'answered', expertAgentId: 'dan' })
      .build();
    const snapshot = ticket.toSnapshot();
    expect([snapshot.ownerId, snapshot.status, snapshot.openAssistCount, snapshot.lastSeq]).toEqual([
      'alice',
      'open',
      1,
      3,
    ]);
    expect(ticket.assists().map((a) => [ticketIdOfAssist(a.id), a.state, a.expertAgentId])).toEqual([
      [snapshot.id, 'requested', 'ed'],
      [snapshot.id, 'answered', 'dan'],
    ]);
    expect(ticket.pendingChanges()).toEqual({ entries: [], events: [], assists: [] });
  });

  it('keeps a lead a lead', () => {
    expect(aLead().roles).toEqual(['lead']);
  });
});
