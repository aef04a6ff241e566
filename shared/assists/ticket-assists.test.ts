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
  SERVICE_DESK,
  sequentialIds,
  systemActor,
} from '../../tests/builders/index.js';
import type { Actor } from '../kernel/actor.js';
import type { Ticket } from '../tickets/ticket.js';
import type { TicketStatus } from '../tickets/ticket-status.js';
import { ticketIdOfAssist } from './assist-id.js';
import type { AssistAction } from './assist-state.js';

const alice = anAgent('alice');
const bob = anAgent('bob');
const ed = anExpert('ed');
const dan = anExpert('dan', [DBA_TEAM]);
const dora = anExpert('dora', [DBA_TEAM]);
const codeOf = (result: { ok: boolean; error?: { code: string } }) => (result.ok ? 'ok' : result.error?.code);
const openTicket = () => aTicket().ownedBy(alice).withStatus('open');
const firstAssist = (t: Ticket) => t.assists()[0]?.id as string;

describe('Ticket.requestAssist', () => {
  it('lets the owner ask several experts and teams at once', () => {
    const ticket = openTicket().build();
    const ids = sequentialIds();
    const due = new Date('2025-03-04T12:00:00.000Z');
    const asked = [
      ticket.requestAssist(
        { target: { kind: 'agent', agentId: 'ed' }, question: 'Index?', dueAt: due },
        contextFor(alice, undefined, ids),
      ),
      ticket.requestAssist(
        { target: { kind: 'team', teamId: DBA_TEAM }, question: 'Locks?', dueAt: null },
        contextFor(alice, undefined, ids),
      ),
      ticket.requestAssist(
        { target: { kind: 'agent', agentId: 'bob' }, question: 'Seen it?', dueAt: null },
        contextFor(alice, undefined, ids),
      ),
    ].map((r) => (r.ok ? r.value : r.error.code));
    expect(new Set(asked).size).toBe(3);
    expect(asked.map(ticketIdOfAssist)).toEqual([ticket.id, ticket.id, ticket.id]);
    expect(ticket.toSnapshot().openAssistCount).toBe(3);
    expect(ticket.assists().map((a) => [a.id, a.state, a.requestedBy])).toEqual(
      asked.map((id) => [id, 'requested', 'alice']),
    );
    expect(ticket.assists()[0]).toMatchObject({ expertAgentId: 'ed', expertTeamId: null, dueAt: due.toISOString() });
    expect(ticket.assists()[1]).toMatchObject({ expertAgentId: null, expertTeamId: DBA_TEAM, dueAt: null });
    const entries = ticket.pendingChanges().entries;
    expect(entries.map((e) => [e.kind, e.assistId, e.body])).toEqual([
      ['assist_requested', asked[0], 'Index?'],
      ['assist_requested', asked[1], 'Locks?'],
      ['assist_requested', asked[2], 'Seen it?'],
    ]);
  });

  it.each([
    ['another agent', bob],
    ['a lead', aLead()],
    ['an admin', anAdmin()],
    ['an expert', ed],
    ['the system', systemActor],
    ['a customer', aCustomer()],
  ])('refuses %s with TICKET.NOT_OWNER', (_, actor: Actor) => {
    const ticket = openTicket().build();
    const result = ticket.requestAssist(
      { target: { kind: 'agent', agentId: 'ed' }, question: 'Q', dueAt: null },
      contextFor(actor),
    );
    expect(codeOf(result)).toBe('TICKET.NOT_OWNER');
    expect(ticket.assists()).toEqual([]);
  });

  it.each([
    ['asking oneself', 'alice', 'Q', 'open', 'ASSIST.SELF_ASSIST'],
    ['an empty question', 'ed', '  ', 'open', 'REQUEST.VALIDATION_FAILED'],
    ['a resolved ticket', 'ed', 'Q', 'resolved', 'TICKET.CLOSED'],
    ['a closed ticket', 'ed', 'Q', 'closed', 'TICKET.CLOSED'],
  ] as const)('refuses %s', (_, agentId, question, status: TicketStatus, code) => {
    const ticket = openTicket().withStatus(status).build();
    expect(
      codeOf(ticket.requestAssist({ target: { kind: 'agent', agentId }, question, dueAt: null }, contextFor(alice))),
    ).toBe(code);
    expect(ticket.toSnapshot().openAssistCount).toBe(0);
  });
});

describe('Ticket.actOnAssist permissions', () => {
  const EXPERT_ACTIONS: AssistAction[] = ['accept', 'contribute', 'answer', 'decline'];
  const NOT_EXPERTS: [string, Actor][] = [
    ['another agent', bob],
    ['a lead', aLead()],
    ['an admin', anAdmin()],
    ['another expert', dan],
    ['the system', systemActor],
    ['a customer', aCustomer()],
  ];
  const cases = EXPERT_ACTIONS.flatMap((action) => NOT_EXPERTS.map(([who, actor]) => [action, who, actor] as const));

  it.each(cases)('refuses %s by %s with ASSIST.NOT_EXPERT', (action, _, actor) => {
    const ticket = openTicket().withAssist(ed).build();
    expect(codeOf(ticket.actOnAssist(firstAssist(ticket), action, 'text', contextFor(actor)))).toBe(
      'ASSIST.NOT_EXPERT',
    );
    expect(ticket.assists()[0]?.state).toBe('requested');
  });

  it.each(['accept', 'answer', 'decline'] as const)('refuses %s by the owner with ASSIST.NOT_EXPERT', (action) => {
    const ticket = openTicket().withAssist(ed).build();
    expect(codeOf(ticket.actOnAssist(firstAssist(ticket), action, 'text', contextFor(alice)))).toBe(
      'ASSIST.NOT_EXPERT',
    );
  });

  it('treats a contribution by the owner as a follow-up that does not move the state', () => {
    const ticket = openTicket().withAssist(ed).build();
    expect(ticket.actOnAssist(firstAssist(ticket), 'contribute', 'More logs attached', contextFor(alice)).ok).toBe(
      true,
    );
    expect(ticket.assists()[0]).toMatchObject({ state: 'requested', contributionCount: 1, expertAgentId: 'ed' });
    expect(ticket.pendingChanges().entries).toMatchObject([
      { kind: 'assist_contribution', body: 'More logs attached', data: { byOwner: true } },
    ]);
  });

  it.each([
    ['the owner', alice, 'ok'],
    ['a lead', aLead(), 'ok'],
    ['an admin', anAdmin(), 'ok'],
    ['the expert', ed, 'ASSIST.NOT_EXPERT'],
    ['another agent', bob, 'ASSIST.NOT_EXPERT'],
    ['the system', systemActor, 'ASSIST.NOT_EXPERT'],
  ])('lets withdraw by %s: %s', (_, actor: Actor, code) => {
    const ticket = openTicket().withAssist(ed).build();
    expect(codeOf(ticket.actOnAssist(firstAssist(ticket), 'withdraw', null, contextFor(actor)))).toBe(code);
    expect(ticket.assists()[0]?.state).toBe(code === 'ok' ? 'withdrawn' : 'requested');
  });

  it.each([
    ['the system', systemActor, 'ok'],
    ['the owner', alice, 'ASSIST.NOT_EXPERT'],
    ['the expert', ed, 'ASSIST.NOT_EXPERT'],
    ['a lead', aLead(), 'ASSIST.NOT_EXPERT'],
  ])('lets time_out by %s: %s', (_, actor: Actor, code) => {
    const ticket = openTicket().withAssist(ed).build();
    expect(codeOf(ticket.actOnAssist(firstAssist(ticket), 'time_out', null, contextFor(actor)))).toBe(code);
  });

  it.each(['contribute', 'answer'] as const)('requires a body to %s', (action) => {
    const ticket = openTicket().withAssist(ed).build();
    expect(codeOf(ticket.actOnAssist(firstAssist(ticket), action, ' ', contextFor(ed)))).toBe(
      'REQUEST.VALIDATION_FAILED',
    );
  });

  it('answers ASSIST.NOT_FOUND for an unknown assist', () => {
    const ticket = openTicket().withAssist(ed).build();
    expect(codeOf(ticket.actOnAssist(`${ticket.id}.a99`, 'accept', null, contextFor(ed)))).toBe('ASSIST.NOT_FOUND');
  });
});

describe('team assists', () => {
  const teamTicket = () => openTicket().withAssist({ teamId: DBA_TEAM }).build();

  it.each([
    ['dan', dan],
    ['dora', dora],
  ])('lets any team member (%s) accept, then only that member acts', (_, member) => {
    const ticket = teamTicket();
    const id = firstAssist(ticket);
    expect(ticket.actOnAssist(id, 'accept', null, contextFor(member)).ok).toBe(true);
    expect(ticket.assists()[0]).toMatchObject({ state: 'accepted', expertAgentId: member.agentId });
    const other = member === dan ? dora : dan;
    expect(codeOf(ticket.actOnAssist(id, 'contribute', 'me too', contextFor(other)))).toBe('ASSIST.NOT_EXPERT');
    expect(ticket.actOnAssist(id, 'answer', 'done', contextFor(member)).ok).toBe(true);
  });

  it('refuses agents outside the team', () => {
    const ticket = teamTicket();
    expect(codeOf(ticket.actOnAssist(firstAssist(ticket), 'accept', null, contextFor(bob)))).toBe('ASSIST.NOT_EXPERT');
    expect(
      codeOf(ticket.actOnAssist(firstAssist(ticket), 'accept', null, contextFor(anExpert('eve', ['team_network'])))),
    ).toBe('ASSIST.NOT_EXPERT');
  });

  // Asking one's own team is normal; taking the request oneself would make the owner their own expert.
  it('refuses expert acts by an owner who is a member of the team, and keeps their contribution a follow-up', () => {
    const ticket = aTicket().ownedBy(alice).withStatus('open').withAssist({ teamId: SERVICE_DESK }).build();
    const id = firstAssist(ticket);
    expect(codeOf(ticket.actOnAssist(id, 'accept', null, contextFor(alice)))).toBe('ASSIST.NOT_EXPERT');
    expect(ticket.actOnAssist(id, 'contribute', 'anyone?', contextFor(alice)).ok).toBe(true);
    expect(ticket.assists()[0]).toMatchObject({ state: 'requested', expertAgentId: null });
    expect(ticket.actOnAssist(id, 'accept', null, contextFor(bob)).ok).toBe(true);
  });
});
