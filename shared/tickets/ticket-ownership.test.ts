import { describe, expect, it } from 'vitest';
import {
  aCustomer,
  aLead,
  anAdmin,
  anAgent,
  anExpert,
  aSystem,
  asTransferTarget,
  aTicket,
  contextFor,
  systemActor,
  T0,
} from '../../tests/builders/index.js';
import type { Actor } from '../kernel/actor.js';
import type { TicketStatus } from './ticket-status.js';

const alice = anAgent('alice');
const bob = anAgent('bob');
const lena = aLead();
const ada = anAdmin();
const ed = anExpert();
const codeOf = (result: { ok: boolean; error?: { code: string } }) => (result.ok ? 'ok' : result.error?.code);

describe('Ticket.accept', () => {
  it.each([
    ['an agent', alice],
    ['a lead', lena],
    ['an admin', ada],
  ])('lets %s take an unowned new ticket, which opens it', (_, actor) => {
    const ticket = aTicket().build();
    expect(ticket.accept(contextFor(actor))).toEqual({ ok: true, value: undefined });
    expect(ticket.ownerId).toBe(actor.agentId);
    expect(ticket.status).toBe('open');
    const { entries, events } = ticket.pendingChanges();
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ kind: 'owner_changed', data: { from: null, to: actor.agentId, via: 'accept' } });
    expect(events.map((e) => e.type)).toEqual(['ticket.owner_changed']);
  });

  it.each(['pending', 'resolved'] as TicketStatus[])('keeps a %s ticket in its status', (status) => {
    const ticket = aTicket().withStatus(status).build();
    expect(ticket.accept(contextFor(bob)).ok).toBe(true);
    expect(ticket.status).toBe(status);
  });

  it.each([
    ['the owner', alice],
    ['another agent', bob],
    ['a lead', lena],
  ])('refuses an owned ticket to %s with TICKET.ALREADY_OWNED', (_, actor) => {
    const ticket = aTicket().ownedBy(alice).build();
    const result = ticket.accept(contextFor(actor));
    expect(result.ok ? 'ok' : [result.error.code, result.error.details]).toEqual([
      'TICKET.ALREADY_OWNED',
      { ownerId: 'alice' },
    ]);
    expect(ticket.ownerId).toBe('alice');
    expect(ticket.pendingChanges().entries).toEqual([]);
  });

  it.each([
    ['an expert', ed],
    ['the system', systemActor],
    ['a customer', aCustomer()],
  ])('refuses %s with TICKET.CANNOT_OWN', (_, actor: Actor) => {
    const ticket = aTicket().build();
    expect(codeOf(ticket.accept(contextFor(actor)))).toBe('TICKET.CANNOT_OWN');
    expect(ticket.ownerId).toBeNull();
  });

  it('refuses a closed ticket with TICKET.CLOSED', () => {
    const ticket = aTicket().withStatus('closed').build();
    expect(codeOf(ticket.accept(contextFor(alice)))).toBe('TICKET.CLOSED');
    expect(ticket.ownerId).toBeNull();
  });
});

describe('Ticket.transfer', () => {
  it.each([
    ['the owner', alice],
    ['a lead', lena],
    ['an admin', ada],
  ])('lets %s transfer with a reason, recorded in the timeline', (_, actor) => {
    const ticket = aTicket().ownedBy(alice).withStatus('pending').build();
    const result = ticket.transfer(asTransferTarget(bob), '  going on leave ', contextFor(actor));
    expect(result.ok).toBe(true);
    expect(ticket.ownerId).toBe('bob');
    expect(ticket.status).toBe('pending');
    const { entries, events } = ticket.pendingChanges();
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      kind: 'owner_changed',
      body: 'going on leave',
      author: { kind: 'agent', agentId: actor.agentId },
      data: { from: 'alice', to: 'bob', via: 'transfer', reason: 'going on leave' },
    });
    expect(events.map((e) => e.type)).toEqual(['ticket.owner_changed']);
  });

  it('lets a lead assign an unowned new ticket, which opens it', () => {
    const ticket = aTicket().build();
    expect(ticket.transfer(asTransferTarget(bob), 'triage', contextFor(lena)).ok).toBe(true);
    expect([ticket.ownerId, ticket.status]).toEqual(['bob', 'open']);
  });

  it.each([
    ['another agent', bob],
    ['an expert', ed],
    ['the system', systemActor],
    ['a customer', aCustomer()],
  ])('refuses %s with TICKET.NOT_OWNER', (_, actor: Actor) => {
    const ticket = aTicket().ownedBy(alice).build();
    expect(codeOf(ticket.transfer(asTransferTarget(anAgent('carl')), 'mine now', contextFor(actor)))).toBe(
      'TICKET.NOT_OWNER',
    );
    expect(ticket.ownerId).toBe('alice');
  });

  it.each([
    ['an empty reason', bob, '', 'TICKET.REASON_REQUIRED'],
    ['a blank reason', bob, '  \n ', 'TICKET.REASON_REQUIRED'],
    ['an expert as target', ed, 'needs a DBA', 'TICKET.CANNOT_OWN'],
    ['the current owner as target', alice, 'again', 'TICKET.SAME_OWNER'],
  ] as const)('refuses %s', (_, target, reason, code) => {
    for (const actor of [alice, lena]) {
      const ticket = aTicket().ownedBy(alice).build();
      expect(codeOf(ticket.transfer(asTransferTarget(target), reason, contextFor(actor)))).toBe(code);
      expect(ticket.ownerId).toBe('alice');
      expect(ticket.pendingChanges().entries).toEqual([]);
    }
  });

  it('refuses an inactive target with TICKET.CANNOT_OWN', () => {
    const ticket = aTicket().ownedBy(alice).build();
    expect(codeOf(ticket.transfer(asTransferTarget(bob, false), 'holiday', contextFor(alice)))).toBe(
      'TICKET.CANNOT_OWN',
    );
    expect(ticket.ownerId).toBe('alice');
  });

  it.each([
    ['the owner', alice],
    ['a lead', lena],
  ])('refuses a closed ticket to %s with TICKET.CLOSED', (_, actor) => {
    const ticket = aTicket().ownedBy(alice).withStatus('closed').build();
    expect(codeOf(ticket.transfer(asTransferTarget(bob), 'late', contextFor(actor)))).toBe('TICKET.CLOSED');
    expect(ticket.ownerId).toBe('alice');
  });
});

describe('Ticket.accept by a standing choice', () => {
  const choice = { agentId: 'alice', setAt: '2025-03-01T08:00:00.000Z' };

  it("records the agent's own accept, naming when they set the choice", () => {
    const ticket = aTicket().offeredTo(alice).build();
    expect(ticket.accept(contextFor(alice), choice).ok).toBe(true);
    expect([ticket.ownerId, ticket.standingOffer]).toEqual(['alice', null]);
    const [entry] = ticket.pendingChanges().entries;
    expect(entry).toMatchObject({
      kind: 'owner_changed',
      author: { kind: 'agent', agentId: 'alice' },
      data: { via: 'accept', to: 'alice', offeredTo: 'alice', standingChoice: choice },
    });
    expect(entry?.body).toBe(
      'Accepted by their standing choice to accept tickets routed to them (set 2025-03-01T08:00:00.000Z)',
    );
  });

  it.each([
    ['another agent', bob],
    ['a lead', lena],
  ])("refuses %s acting on alice's choice with AUTH.FORBIDDEN", (_, actor) => {
    const ticket = aTicket().offeredTo(alice).build();
    expect(codeOf(ticket.accept(contextFor(actor), choice))).toBe('AUTH.FORBIDDEN');
    expect(ticket.ownerId).toBeNull();
    expect(ticket.standingOffer?.agentId).toBe('alice');
  });

  it('refuses an owned ticket like any accept', () => {
    const ticket = aTicket().ownedBy(bob).build();
    expect(codeOf(ticket.accept(contextFor(alice), choice))).toBe('TICKET.ALREADY_OWNED');
  });
});

describe('Ticket.offer', () => {
  const routing = aSystem('routing');
  const input = (agentId: string, teamId = 'team_servicedesk') => ({
    agentId,
    agentName: agentId.toUpperCase(),
    previousName: 'ALICE',
    teamId,
    stage: 'member' as const,
    expiresAt: new Date(T0.getTime() + 5 * 60_000),
    reserved: true,
    why: null,
  });

  it('offers an unowned ticket without giving it an owner, and anyone who may own it can still accept', () => {
    const ticket = aTicket().build();
    const offered = ticket.offer({ ...input('alice'), previousName: null, why: 'rule P1' }, contextFor(routing));
    expect(offered.ok && offered.value).toMatchObject({
      agentId: 'alice',
      tried: [],
      expiresAt: '2025-03-03T09:05:00.000Z',
    });
    expect(ticket.ownerId).toBeNull();
    const [entry] = ticket.pendingChanges().entries;
    expect(entry).toMatchObject({
      kind: 'offered',
      body: 'Offered to ALICE for 5 min (rule P1)',
      data: { to: 'alice' },
    });
    expect(ticket.pendingChanges().events.map((e) => e.type)).toEqual(['ticket.offered']);
    expect(ticket.accept(contextFor(bob)).ok).toBe(true);
    expect([ticket.ownerId, ticket.standingOffer]).toEqual(['bob', null]);
  });

  it('moves on within the team, remembering who had it; another team starts afresh', () => {
    const ticket = aTicket().offeredTo(alice, 'team_servicedesk', ['zed']).build();
    ticket.offer(input('bob'), contextFor(routing));
    expect(ticket.standingOffer).toMatchObject({ agentId: 'bob', tried: ['zed', 'alice'] });
    expect(ticket.pendingChanges().entries[0]?.body).toBe('Not accepted by ALICE in time. Offered to BOB for 5 min');
    ticket.offer(input('carl', 'team_dba'), contextFor(routing));
    expect(ticket.standingOffer).toMatchObject({ agentId: 'carl', teamId: 'team_dba', tried: [] });
  });

  it('ends with a transfer from nobody (a lead assigning)', () => {
    const ticket = aTicket().offeredTo(alice).build();
    expect(ticket.transfer(asTransferTarget(bob), 'knows the customer', contextFor(lena)).ok).toBe(true);
    expect([ticket.ownerId, ticket.standingOffer]).toEqual(['bob', null]);
    expect(ticket.pendingChanges().entries[0]?.data).toMatchObject({ from: null, to: 'bob', offeredTo: 'alice' });
  });

  it.each<[string, Actor, ReturnType<typeof aTicket>, string]>([
    ['an agent', alice, aTicket(), 'AUTH.FORBIDDEN'],
    ['a lead', lena, aTicket(), 'AUTH.FORBIDDEN'],
    ['an owned ticket', routing, aTicket().ownedBy(bob), 'TICKET.ALREADY_OWNED'],
    ['a resolved ticket', routing, aTicket().withStatus('resolved'), 'TICKET.CLOSED'],
    ['a closed ticket', routing, aTicket().withStatus('closed'), 'TICKET.CLOSED'],
  ])('refuses %s', (_, actor, builder, code) => {
    const ticket = builder.build();
    expect(codeOf(ticket.offer(input('alice'), contextFor(actor)))).toBe(code);
    expect(ticket.pendingChanges().entries).toEqual([]);
  });

  it('is withdrawn by routing only, with the reason on the timeline', () => {
    const ticket = aTicket().offeredTo(alice).build();
    expect(codeOf(ticket.withdrawOffer('x', contextFor(alice)))).toBe('AUTH.FORBIDDEN');
    expect(ticket.withdrawOffer('nobody left', contextFor(routing))).toEqual({ ok: true, value: true });
    expect(ticket.standingOffer).toBeNull();
    expect(ticket.pendingChanges().entries[0]).toMatchObject({ kind: 'offer_withdrawn', body: 'nobody left' });
    expect(ticket.withdrawOffer('again', contextFor(routing))).toEqual({ ok: true, value: false });
  });
});
