/** Timeline entries of assists: implicit acceptance, proposed replies, open count, resolve withdrawing. */
import { describe, expect, it } from 'vitest';
import {
  anAgent,
  anExpert,
  aTicket,
  contextFor,
  DBA_TEAM,
  sequentialIds,
  systemActor,
} from '../../tests/builders/index.js';
import type { Actor } from '../kernel/actor.js';
import type { Ticket } from '../tickets/ticket.js';

const alice = anAgent('alice');
const bob = anAgent('bob');
const ed = anExpert('ed');
const dan = anExpert('dan', [DBA_TEAM]);
const dora = anExpert('dora', [DBA_TEAM]);
const kinds = (t: Ticket) => t.pendingChanges().entries.map((e) => e.kind);
const openTicket = () => aTicket().ownedBy(alice).withStatus('open');
const firstAssist = (t: Ticket) => t.assists()[0]?.id as string;

describe('assist timeline', () => {
  it.each(['contribute', 'answer'] as const)('records an implicit acceptance before a first %s', (action) => {
    const ticket = openTicket().withAssist(ed).build();
    const id = firstAssist(ticket);
    expect(ticket.actOnAssist(id, action, 'an index is missing', contextFor(ed)).ok).toBe(true);
    const entries = ticket.pendingChanges().entries;
    expect(entries.map((e) => [e.kind, e.assistId])).toEqual([
      ['assist_accepted', id],
      [action === 'answer' ? 'assist_answered' : 'assist_contribution', id],
    ]);
    expect(entries[0]?.data).toMatchObject({ implicit: true });
    expect(ticket.pendingChanges().events.map((e) => e.type)).toEqual([
      'assist.accepted',
      action === 'answer' ? 'assist.answered' : 'assist.contributed',
    ]);
  });

  it('records no implicit acceptance once accepted', () => {
    const ticket = openTicket().withAssist(ed, { state: 'accepted' }).build();
    ticket.actOnAssist(firstAssist(ticket), 'contribute', 'still looking', contextFor(ed));
    expect(kinds(ticket)).toEqual(['assist_contribution']);
    expect(ticket.assists()[0]?.contributionCount).toBe(1);
  });

  it('records a proposed customer reply as its own entry', () => {
    const ticket = openTicket().withAssist(ed, { state: 'accepted' }).build();
    expect(ticket.actOnAssist(firstAssist(ticket), 'contribute', 'Dear Carol, ...', contextFor(ed), true).ok).toBe(
      true,
    );
    expect(ticket.pendingChanges().entries).toMatchObject([
      { kind: 'assist_reply_proposed', body: 'Dear Carol, ...', visibility: 'internal' },
    ]);
    expect(ticket.pendingChanges().events.map((e) => e.type)).toEqual(['assist.reply_proposed']);
    expect(ticket.assists()[0]?.state).toBe('accepted');
  });

  it('keeps openAssistCount right through requests, answers, declines, time-outs and withdrawals', () => {
    const ticket = openTicket().build();
    const ids = sequentialIds();
    const as = (actor: Actor) => contextFor(actor, undefined, ids);
    const ask = (agentId: string) =>
      ticket.requestAssist({ target: { kind: 'agent', agentId }, question: 'Q', dueAt: null }, as(alice));
    const count = () => ticket.toSnapshot().openAssistCount;
    const [a, b, c, d] = ['ed', 'dan', 'dora', 'bob'].map((agentId) => {
      const r = ask(agentId);
      return r.ok ? r.value : '';
    }) as [string, string, string, string];
    expect(count()).toBe(4);
    ticket.actOnAssist(a, 'accept', null, as(ed));
    ticket.actOnAssist(a, 'contribute', 'x', as(ed));
    expect(count()).toBe(4);
    ticket.actOnAssist(b, 'time_out', null, as(systemActor));
    expect(count()).toBe(4);
    ticket.actOnAssist(a, 'answer', 'y', as(ed));
    expect(count()).toBe(3);
    ticket.actOnAssist(a, 'answer', 'again', as(ed));
    expect(count()).toBe(3);
    ticket.actOnAssist(b, 'answer', 'late but here', as(dan));
    ticket.actOnAssist(c, 'decline', null, as(dora));
    expect(count()).toBe(1);
    ticket.actOnAssist(d, 'withdraw', null, as(alice));
    expect(count()).toBe(0);
    expect(ticket.assists().map((x) => x.state)).toEqual(['answered', 'answered', 'declined', 'withdrawn']);
  });

  it('withdraws every open assist when the ticket is resolved, one entry each, then the status entry', () => {
    const ticket = openTicket()
      .withAssist(ed)
      .withAssist({ teamId: DBA_TEAM }, { state: 'accepted', expertAgentId: 'dan' })
      .withAssist(bob, { state: 'timed_out' })
      .withAssist(dora, { state: 'answered' })
      .withAssist('carl', { state: 'declined' })
      .build();
    const [a, b, c, d, e] = ticket.assists().map((x) => x.id);
    expect(ticket.toSnapshot().openAssistCount).toBe(3);
    expect(ticket.changeStatus('resolved', 'fixed', contextFor(alice)).ok).toBe(true);
    const { entries, events, assists } = ticket.pendingChanges();
    expect(entries.map((x) => [x.kind, x.assistId])).toEqual([
      ['assist_withdrawn', a],
      ['assist_withdrawn', b],
      ['assist_withdrawn', c],
      ['status_changed', null],
    ]);
    expect(events.map((x) => x.type)).toEqual([
      'assist.withdrawn',
      'assist.withdrawn',
      'assist.withdrawn',
      'ticket.status_changed',
    ]);
    expect(ticket.assists().map((x) => x.state)).toEqual([
      'withdrawn',
      'withdrawn',
      'withdrawn',
      'answered',
      'declined',
    ]);
    expect(assists.map((x) => x.id)).toEqual([a, b, c]);
    expect(assists.every((x) => x.closedAt !== null)).toBe(true);
    expect(ticket.assists().find((x) => x.id === b)?.expertAgentId).toBe('dan');
    expect([d, e].every((id) => !assists.some((x) => x.id === id))).toBe(true);
    expect(ticket.toSnapshot().openAssistCount).toBe(0);
  });
});
