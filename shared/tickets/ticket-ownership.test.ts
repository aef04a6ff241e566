import { describe, expect, it } from 'vitest';
import {
  aCustomer,
  aLead,
  anAdmin,
  anAgent,
  anExpert,
  asTransferTarget,
  aTicket,
  contextFor,
  systemActor,
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
