/**
 * Sacred ownership: apart from accept and transfer, no method of the ticket ever changes the
 * owner, whoever calls it and whether it succeeds or is refused.
 */
import { describe, expect, it } from 'vitest';
import {
  aCustomer,
  aLead,
  anAdmin,
  anAgent,
  anExpert,
  aTicket,
  contextFor,
  DBA_TEAM,
  sequentialIds,
  systemActor,
} from '../../tests/builders/index.js';
import type { Actor } from '../kernel/actor.js';
import type { ChangeContext } from '../kernel/change-context.js';
import type { Result } from '../kernel/result.js';
import type { Ticket } from './ticket.js';
import type { TicketFieldsPatch } from './ticket-types.js';

const ACTORS: Record<string, Actor> = {
  owner: anAgent('alice'),
  'other agent': anAgent('bob'),
  lead: aLead(),
  admin: anAdmin(),
  'named expert': anExpert('ed'),
  'team member': anExpert('dan', [DBA_TEAM]),
  system: systemActor,
  customer: aCustomer(),
};

type Operation = (ticket: Ticket, ctx: ChangeContext, assistIds: string[]) => Result<unknown>;
const agentAssist = (ids: string[]) => ids[0] as string;
const teamAssist = (ids: string[]) => ids[1] as string;

const OPERATIONS: Record<string, Operation> = {
  'changeStatus pending': (t, ctx) => t.changeStatus('pending', null, ctx),
  'changeStatus resolved (withdraws assists)': (t, ctx) => t.changeStatus('resolved', 'done', ctx),
  'addNote internal': (t, ctx) => t.addNote('looked at it', 'internal', ctx),
  'addNote public': (t, ctx) => t.addNote('we are on it', 'public', ctx),
  updateFields: (t, ctx) => t.updateFields({ title: 'New title', impact: 1, teamId: DBA_TEAM }, ctx),
  // The patch type has no ownerId; a caller that builds patches loosely must still not move the owner.
  'updateFields with a smuggled ownerId': (t, ctx) =>
    t.updateFields({ title: 'x', ownerId: 'mallory' } as TicketFieldsPatch, ctx),
  'requestAssist to an agent': (t, ctx) =>
    t.requestAssist({ target: { kind: 'agent', agentId: 'bob' }, question: 'Seen this?', dueAt: null }, ctx),
  'requestAssist to a team': (t, ctx) =>
    t.requestAssist({ target: { kind: 'team', teamId: DBA_TEAM }, question: 'Index?', dueAt: null }, ctx),
  ...Object.fromEntries(
    (['accept', 'contribute', 'answer', 'decline', 'withdraw', 'time_out'] as const).flatMap((action) => [
      [`${action} agent assist`, ((t, ctx, ids) => t.actOnAssist(agentAssist(ids), action, 'text', ctx)) as Operation],
      [`${action} team assist`, ((t, ctx, ids) => t.actOnAssist(teamAssist(ids), action, 'text', ctx)) as Operation],
    ]),
  ),
  'propose a reply': (t, ctx, ids) => t.actOnAssist(agentAssist(ids), 'contribute', 'Dear Carol', ctx, true),
  // Routing's offers: whoever makes them, an offer never gives the ticket to anyone.
  ...Object.fromEntries(
    (['member', 'lead'] as const).map((stage) => [
      `offer to bob (${stage})`,
      ((t, ctx) =>
        t.offer(
          {
            agentId: 'bob',
            agentName: 'Bob',
            teamId: DBA_TEAM,
            stage,
            expiresAt: stage === 'member' ? new Date(ctx.now.getTime() + 600_000) : null,
            reserved: stage === 'member',
            why: 'a rule',
          },
          ctx,
        )) as Operation,
    ]),
  ),
  withdrawOffer: (t, ctx) => t.withdrawOffer('nobody left', ctx),
  // Links to changes and problems (the work-item kernel): a link takes nothing from the owner.
  'link to a change': (t, ctx) => t.link('caused_by', { practice: 'change', id: 'chg_1', number: 'CHG-1001' }, ctx),
  'unlink a problem': (t, ctx) => t.unlink('symptom_of', 'prb_1', 'not this one', ctx),
};

const CASES = Object.keys(OPERATIONS).flatMap((op) => Object.keys(ACTORS).map((who) => [op, who] as const));

const ownedTicket = () =>
  aTicket()
    .ownedBy('alice')
    .withStatus('open')
    .withAssist('ed')
    .withAssist({ teamId: DBA_TEAM })
    .linkedTo('symptom_of', { practice: 'problem', id: 'prb_1', number: 'PRB-1001' });

describe('Sacred ownership', () => {
  it.each(CASES)('%s by %s leaves the owner alone', (op, who) => {
    const ticket = ownedTicket().build();
    const ids = ticket.assists().map((a) => a.id);
    (OPERATIONS[op] as Operation)(ticket, contextFor(ACTORS[who] as Actor), ids);
    expect(ticket.ownerId).toBe('alice');
    expect(ticket.toSnapshot().ownerId).toBe('alice');
    expect(ticket.pendingChanges().entries.filter((e) => e.kind === 'owner_changed')).toEqual([]);
    expect(ticket.pendingChanges().events.filter((e) => e.type === 'ticket.owner_changed')).toEqual([]);
  });

  it.each(CASES)('%s by %s does not give an unowned ticket an owner', (op, who) => {
    const ticket = aTicket()
      .offeredTo('bob', DBA_TEAM)
      .withAssist('ed')
      .withAssist({ teamId: DBA_TEAM })
      .linkedTo('symptom_of', { practice: 'problem', id: 'prb_1', number: 'PRB-1001' })
      .build();
    const ids = ticket.assists().map((a) => a.id);
    (OPERATIONS[op] as Operation)(ticket, contextFor(ACTORS[who] as Actor), ids);
    expect(ticket.ownerId).toBeNull();
  });

  it('keeps the owner through a whole story of assists, notes, edits and a resolve', () => {
    const ticket = ownedTicket().build();
    const ids = ticket.assists().map((a) => a.id);
    const idGen = sequentialIds();
    let succeeded = 0;
    for (const op of Object.keys(OPERATIONS).filter((o) => !o.includes('resolved'))) {
      for (const who of Object.keys(ACTORS)) {
        const result = (OPERATIONS[op] as Operation)(ticket, contextFor(ACTORS[who] as Actor, undefined, idGen), ids);
        if (result.ok) succeeded += 1;
        expect(ticket.ownerId).toBe('alice');
      }
    }
    expect(ticket.changeStatus('resolved', 'done', contextFor(ACTORS.owner as Actor, undefined, idGen)).ok).toBe(true);
    expect(ticket.ownerId).toBe('alice');
    // The story really happened: many of those calls were allowed, not all refused.
    expect(succeeded).toBeGreaterThan(10);
  });
});
