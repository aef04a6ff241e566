import { describe, expect, it } from 'vitest';
import {
  aCustomer,
  aLead,
  anAdmin,
  anAgent,
  anExpert,
  aTicket,
  contextFor,
  systemActor,
} from '../../tests/builders/index.js';
import type { Actor } from '../kernel/actor.js';
import type { TicketStatus } from './ticket-status.js';

const ACTORS: Record<string, Actor> = {
  owner: anAgent('alice'),
  'other agent': anAgent('bob'),
  lead: aLead(),
  admin: anAdmin(),
  expert: anExpert(),
  system: systemActor,
  customer: aCustomer(),
};
type Who = keyof typeof ACTORS;
const EVERYONE = Object.keys(ACTORS) as Who[];

// Who may make each move; everyone else is refused with TICKET.NOT_OWNER.
const MAY: [from: TicketStatus, to: TicketStatus, allowed: Who[]][] = [
  ['open', 'resolved', ['owner']],
  ['pending', 'resolved', ['owner']],
  ['new', 'resolved', ['owner']],
  ['resolved', 'open', ['owner', 'lead', 'admin', 'system', 'customer']],
  ['pending', 'open', ['owner', 'lead', 'admin', 'system', 'customer']],
  ['open', 'pending', ['owner', 'lead', 'admin', 'system']],
  ['resolved', 'closed', ['owner', 'lead', 'admin', 'system']],
];

const CASES = MAY.flatMap(([from, to, allowed]) =>
  EVERYONE.map((who) => [from, to, who, allowed.includes(who)] as [TicketStatus, TicketStatus, Who, boolean]),
);

describe('Ticket.changeStatus permissions', () => {
  it.each(CASES)('%s -> %s by %s: allowed=%s', (from, to, who, allowed) => {
    const ticket = aTicket().ownedBy('alice').withStatus(from).build();
    const result = ticket.changeStatus(to, null, contextFor(ACTORS[who] as Actor));
    if (allowed) {
      expect(result.ok).toBe(true);
      expect(ticket.status).toBe(to);
      expect(ticket.pendingChanges().events.map((e) => e.type)).toEqual(['ticket.status_changed']);
    } else {
      expect(result.ok ? undefined : result.error.code).toBe('TICKET.NOT_OWNER');
      expect(ticket.status).toBe(from);
      expect(ticket.pendingChanges().entries).toEqual([]);
    }
  });

  it('does not let anyone resolve an unowned ticket', () => {
    for (const who of EVERYONE) {
      const ticket = aTicket().withStatus('open').build();
      const result = ticket.changeStatus('resolved', null, contextFor(ACTORS[who] as Actor));
      expect(result.ok ? `${who} resolved it` : result.error.code).toBe('TICKET.NOT_OWNER');
    }
  });

  it('lets the new owner resolve after a transfer, and no longer the old one', () => {
    const ticket = aTicket().ownedBy('alice').withStatus('open').build();
    const bob = anAgent('bob');
    expect(ticket.transfer({ id: 'bob', roles: bob.roles, active: true }, 'shift change', contextFor(aLead())).ok).toBe(
      true,
    );
    expect(ticket.changeStatus('resolved', null, contextFor(ACTORS.owner as Actor)).ok).toBe(false);
    expect(ticket.changeStatus('resolved', null, contextFor(bob)).ok).toBe(true);
  });
});
