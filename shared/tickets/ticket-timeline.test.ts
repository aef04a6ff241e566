import { describe, expect, it } from 'vitest';
import {
  aCustomer,
  anAgent,
  anExpert,
  aTicket,
  contextFor,
  DBA_TEAM,
  fixedClock,
  sequentialIds,
  systemActor,
  T0,
} from '../../tests/builders/index.js';
import type { EventType } from '../events/domain-event.js';
import { type Actor, actorRef } from '../kernel/actor.js';
import type { EntryKind } from '../timeline/timeline-entry.js';
import { Ticket } from './ticket.js';
import type { NewTicket } from './ticket-types.js';

// Every timeline entry kind the aggregate writes, and the one event it raises with it.
const EVENT_FOR: Partial<Record<EntryKind, EventType>> = {
  ticket_created: 'ticket.created',
  note: 'ticket.note_added',
  status_changed: 'ticket.status_changed',
  owner_changed: 'ticket.owner_changed',
  fields_changed: 'ticket.updated',
  email_out: 'ticket.replied',
  assist_requested: 'assist.requested',
  assist_accepted: 'assist.accepted',
  assist_contribution: 'assist.contributed',
  assist_reply_proposed: 'assist.reply_proposed',
  assist_answered: 'assist.answered',
  assist_declined: 'assist.declined',
  assist_withdrawn: 'assist.withdrawn',
  assist_timed_out: 'assist.timed_out',
};

const alice = anAgent('alice');
const ed = anExpert('ed');
const dan = anExpert('dan', [DBA_TEAM]);

const NEW_TICKET: NewTicket = {
  number: 'INC-1042',
  type: 'incident',
  title: '  Orders page slow  ',
  description: 'Takes 30 s to load.',
  requester: { email: 'Carol@Customer.Example', name: 'Carol' },
  impact: 2,
  urgency: 1,
  tags: ['web', 'web', 'db'],
  channel: 'email',
};

/** Creates a ticket and drives it through every kind of change; returns it with the actors used. */
const story = () => {
  const clock = fixedClock();
  const ids = sequentialIds();
  const as = (actor: Actor) => contextFor(actor, clock.advance(60_000), ids);
  const must = <T>(r: { ok: true; value: T } | { ok: false; error: { code: string } }): T => {
    if (!r.ok) throw new Error(r.error.code);
    return r.value;
  };
  const ticket = must(Ticket.create(NEW_TICKET, contextFor(aCustomer(), clock.now(), ids)));
  must(ticket.accept(as(alice)));
  must(ticket.addNote('Looking at the slow query log', 'internal', as(alice)));
  must(ticket.updateFields({ impact: 1, category: 'database' }, as(alice)));
  const a = must(
    ticket.requestAssist({ target: { kind: 'agent', agentId: 'ed' }, question: 'Index?', dueAt: null }, as(alice)),
  );
  const b = must(
    ticket.requestAssist({ target: { kind: 'team', teamId: DBA_TEAM }, question: 'Locks?', dueAt: null }, as(alice)),
  );
  const c = must(
    ticket.requestAssist({ target: { kind: 'agent', agentId: 'bob' }, question: 'Seen it?', dueAt: null }, as(alice)),
  );
  const d = must(
    ticket.requestAssist({ target: { kind: 'agent', agentId: 'carl' }, question: 'Any idea?', dueAt: null }, as(alice)),
  );
  must(ticket.actOnAssist(a, 'contribute', 'Missing index on orders.customer_id', as(ed)));
  must(ticket.actOnAssist(a, 'contribute', 'Suggest telling the customer it is fixed', as(ed), true));
  must(ticket.actOnAssist(a, 'answer', 'Index created', as(ed)));
  must(ticket.actOnAssist(b, 'accept', null, as(dan)));
  must(ticket.actOnAssist(c, 'time_out', null, as(systemActor)));
  must(ticket.actOnAssist(c, 'decline', null, as(anAgent('bob'))));
  must(ticket.reply({ body: 'Fixed, please check', cc: [] }, as(alice)));
  must(ticket.changeStatus('pending', 'waiting for the customer', as(alice)));
  must(ticket.changeStatus('open', null, as(aCustomer())));
  must(ticket.changeStatus('resolved', 'confirmed', as(alice)));
  must(ticket.changeStatus('closed', null, as(systemActor)));
  return { ticket, assistIds: [a, b, c, d] };
};

describe('Ticket.create', () => {
  it('starts the story with a public ticket_created entry at seq 1 and a ticket.created event', () => {
    const ids = sequentialIds();
    const created = Ticket.create(NEW_TICKET, contextFor(aCustomer(), T0, ids));
    if (!created.ok) throw new Error(created.error.code);
    const ticket = created.value;
    expect(ticket.toSnapshot()).toMatchObject({
      id: 't_000001',
      ticketId: 't_000001',
      title: 'Orders page slow',
      requester: { email: 'carol@customer.example', name: 'Carol' },
      status: 'new',
      ownerId: null,
      priority: 'P2',
      tags: ['web', 'db'],
      lastSeq: 1,
      openAssistCount: 0,
      createdAt: T0.toISOString(),
      createdBy: { kind: 'customer', email: 'carol@customer.example' },
    });
    const { entries, events, assists } = ticket.pendingChanges();
    expect(entries).toMatchObject([
      { seq: 1, kind: 'ticket_created', visibility: 'public', body: 'Takes 30 s to load.' },
    ]);
    expect(events).toMatchObject([{ type: 'ticket.created', ticketId: 't_000001', data: { number: 'INC-1042' } }]);
    expect(assists).toEqual([]);
  });

  it('refuses a blank title', () => {
    const created = Ticket.create({ ...NEW_TICKET, title: '   ' }, contextFor(alice));
    expect(created.ok ? 'ok' : created.error.code).toBe('REQUEST.VALIDATION_FAILED');
  });
});

describe('Ticket timeline and events', () => {
  it('numbers entries 1, 2, 3... with unique ids and non-decreasing times', () => {
    const { entries } = story().ticket.pendingChanges();
    expect(entries.map((e) => e.seq)).toEqual(entries.map((_, i) => i + 1));
    expect(new Set(entries.map((e) => e.id)).size).toBe(entries.length);
    const times = entries.map((e) => e.at);
    expect([...times].sort()).toEqual(times);
  });

  it('exercises every entry kind the aggregate writes', () => {
    const written = new Set(
      story()
        .ticket.pendingChanges()
        .entries.map((e) => e.kind),
    );
    expect([...written].sort()).toEqual(Object.keys(EVENT_FOR).sort());
  });

  it('raises exactly one matching event per entry, carrying ticketId, actor and time', () => {
    const { ticket } = story();
    const { entries, events } = ticket.pendingChanges();
    expect(events).toHaveLength(entries.length);
    expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
    entries.forEach((entry, i) => {
      const event = events[i];
      expect([entry.kind, event?.type]).toEqual([entry.kind, EVENT_FOR[entry.kind]]);
      expect(event).toMatchObject({ ticketId: ticket.id, actor: entry.author, occurredAt: entry.at });
      expect(entry.ticketId).toBe(ticket.id);
    });
  });

  it('names the acting actor as author', () => {
    const { entries } = story().ticket.pendingChanges();
    const authorOf = (kind: EntryKind) => entries.find((e) => e.kind === kind)?.author;
    expect(authorOf('assist_timed_out')).toEqual(actorRef(systemActor));
    expect(authorOf('assist_answered')).toEqual({ kind: 'agent', agentId: 'ed' });
    expect(authorOf('owner_changed')).toEqual({ kind: 'agent', agentId: 'alice' });
  });

  it('lists every assist touched since load, once, in pendingChanges', () => {
    const { ticket, assistIds } = story();
    expect(ticket.pendingChanges().assists.map((a) => a.id)).toEqual(assistIds);
    expect(ticket.assists().map((a) => a.state)).toEqual(['answered', 'withdrawn', 'declined', 'withdrawn']);
  });

  it('records nothing for a refused command', () => {
    const ticket = aTicket().ownedBy(alice).withStatus('open').build();
    const before = ticket.toSnapshot();
    ticket.changeStatus('resolved', null, contextFor(ed));
    ticket.addNote('hi', 'public', contextFor(ed));
    ticket.accept(contextFor(anAgent('bob')));
    expect(ticket.pendingChanges()).toEqual({ entries: [], events: [], assists: [] });
    expect(ticket.toSnapshot()).toEqual(before);
  });

  it('survives fromSnapshot(toSnapshot()) and continues numbering where it stopped', () => {
    const { ticket } = story();
    const copy = Ticket.fromSnapshot(ticket.toSnapshot(), ticket.assists());
    expect(copy.toSnapshot()).toEqual(ticket.toSnapshot());
    expect(copy.assists()).toEqual(ticket.assists());
    expect(copy.pendingChanges()).toEqual({ entries: [], events: [], assists: [] });
    const lastSeq = ticket.toSnapshot().lastSeq;
    expect(copy.addNote('after reload', 'internal', contextFor(alice)).ok).toBe(true);
    const [entry] = copy.pendingChanges().entries;
    expect(entry?.seq).toBe(lastSeq + 1);
    expect(ticket.pendingChanges().entries.map((e) => e.id)).not.toContain(entry?.id);
  });
});
