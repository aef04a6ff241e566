import { describe, expect, it } from 'vitest';
import { anAgent, aTicket, contextFor } from '../../tests/builders/index.js';
import {
  allowedTicketMoves,
  canMoveTicket,
  isActiveStatus,
  TICKET_STATUSES,
  type TicketStatus,
} from './ticket-status.js';

// The lifecycle as the foundation issue states it, independent of the table in ticket-status.ts.
const ALLOWED: readonly [TicketStatus, TicketStatus][] = [
  ['new', 'open'],
  ['new', 'pending'],
  ['new', 'resolved'],
  ['open', 'pending'],
  ['open', 'resolved'],
  ['pending', 'open'],
  ['pending', 'resolved'],
  ['resolved', 'open'],
  ['resolved', 'closed'],
];
const isAllowed = (from: TicketStatus, to: TicketStatus) => ALLOWED.some(([f, t]) => f === from && t === to);
const ALL_PAIRS = TICKET_STATUSES.flatMap((from) =>
  TICKET_STATUSES.map((to) => [from, to] as [TicketStatus, TicketStatus]),
);
const REFUSED = ALL_PAIRS.filter(([from, to]) => from !== to && !isAllowed(from, to));
const SAME = TICKET_STATUSES.map((s) => [s, s] as const);

const alice = anAgent('alice');

describe('ticket status table', () => {
  it.each(ALL_PAIRS)('canMoveTicket(%s, %s) matches the lifecycle', (from, to) => {
    expect(canMoveTicket(from, to)).toBe(isAllowed(from, to));
  });

  it.each(TICKET_STATUSES)('allowedTicketMoves(%s) lists exactly the allowed targets', (from) => {
    expect([...allowedTicketMoves(from)].sort()).toEqual(
      ALLOWED.filter(([f]) => f === from)
        .map(([, t]) => t)
        .sort(),
    );
  });

  it('counts only new, open and pending as active', () => {
    expect(TICKET_STATUSES.filter(isActiveStatus)).toEqual(['new', 'open', 'pending']);
  });
});

describe('Ticket.changeStatus against the table', () => {
  it.each(ALLOWED)('moves %s -> %s for the owner', (from, to) => {
    const ticket = aTicket().ownedBy(alice).withStatus(from).build();
    const result = ticket.changeStatus(to, 'because', contextFor(alice));
    expect(result).toEqual({ ok: true, value: undefined });
    expect(ticket.status).toBe(to);
    const [entry] = ticket.pendingChanges().entries;
    expect(entry).toMatchObject({ kind: 'status_changed', body: 'because', data: { from, to } });
  });

  it.each(REFUSED)('refuses %s -> %s with TICKET.ILLEGAL_TRANSITION naming both', (from, to) => {
    const ticket = aTicket().ownedBy(alice).withStatus(from).build();
    const result = ticket.changeStatus(to, null, contextFor(alice));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('TICKET.ILLEGAL_TRANSITION');
    expect(result.error.details).toEqual({ from, to });
    expect(result.error.message).toContain(from);
    expect(result.error.message).toContain(to);
    expect(ticket.status).toBe(from);
    expect(ticket.pendingChanges().entries).toEqual([]);
  });

  // A repeated request (double click, retried call) is accepted and changes nothing.
  it.each(SAME)('treats %s -> %s as a no-op without an entry', (from, to) => {
    const ticket = aTicket().ownedBy(alice).withStatus(from).build();
    const before = ticket.toSnapshot();
    expect(ticket.changeStatus(to, null, contextFor(alice)).ok).toBe(true);
    expect(ticket.toSnapshot()).toEqual(before);
    expect(ticket.pendingChanges()).toEqual({ entries: [], events: [], assists: [] });
  });

  it('marks resolved and closed times, and clears resolvedAt on reopen', () => {
    const ticket = aTicket().ownedBy(alice).withStatus('open').build();
    const at = (h: number) => new Date(Date.UTC(2025, 2, 3, h));
    ticket.changeStatus('resolved', null, contextFor(alice, at(10)));
    expect(ticket.toSnapshot().resolvedAt).toBe(at(10).toISOString());
    ticket.changeStatus('open', null, contextFor(alice, at(11)));
    expect(ticket.toSnapshot().resolvedAt).toBeNull();
    expect(ticket.pendingChanges().entries[1]?.data).toMatchObject({ kind: 'reopened' });
    ticket.changeStatus('resolved', null, contextFor(alice, at(12)));
    ticket.changeStatus('closed', null, contextFor(alice, at(13)));
    expect(ticket.toSnapshot()).toMatchObject({ resolvedAt: at(12).toISOString(), closedAt: at(13).toISOString() });
  });
});
