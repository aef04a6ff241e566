import { describe, expect, it } from 'vitest';
import {
  aChange,
  aCustomer,
  aLead,
  aLowRisk,
  anAdmin,
  anAgent,
  anExpert,
  asTransferTarget,
  contextFor,
  DBA_TEAM,
  sequentialIds,
  systemActor,
  T0,
} from '../../tests/builders/index.js';
import { workItemIdOfAssist } from '../assists/assist-id.js';
import type { Actor } from '../kernel/actor.js';
import type { ChangeContext } from '../kernel/change-context.js';
import type { Result } from '../kernel/result.js';
import { Change } from './change.js';
import type { ChangePlanPatch, NewChange } from './change-types.js';

const alice = anAgent('alice');
const ids = sequentialIds();
const as = (actor: Actor, minutes = 0): ChangeContext =>
  contextFor(actor, new Date(T0.getTime() + minutes * 60_000), ids);
const codeOf = (r: Result<unknown>) => (r.ok ? 'ok' : r.error.code);

const newChange = (overrides: Partial<NewChange> = {}): NewChange => ({
  number: 'CHG-1001',
  type: 'normal',
  title: '  Patch the SQL cluster ',
  requester: { email: 'Rita@Demo.local', name: 'Rita', agentId: 'rita' },
  affectedCiIds: ['ci_sql1', 'ci_sql1', 'ci_sql2'],
  ...overrides,
});

describe('Change', () => {
  it('is created unowned in new, with its number, a pending approval and a created entry', () => {
    const made = Change.create(newChange(), as(anAgent('rita')));
    if (!made.ok) throw new Error(made.error.message);
    const change = made.value;
    expect(change.toSnapshot()).toMatchObject({
      changeId: change.id,
      docType: 'change',
      number: 'CHG-1001',
      title: 'Patch the SQL cluster',
      state: 'new',
      approval: 'pending',
      ownerId: null,
      affectedCiIds: ['ci_sql1', 'ci_sql2'],
      requester: { email: 'rita@demo.local' },
    });
    expect(change.id.startsWith('chg_')).toBe(true);
    const { entries, events } = change.pendingChanges();
    expect(entries.map((e) => [e.kind, e.changeId, e.seq])).toEqual([['change_created', change.id, 1]]);
    expect(events.map((e) => [e.type, e.changeId])).toEqual([['change.created', change.id]]);
  });

  it('refuses a standard change without a template, a blank title, a customer and an inverted window', () => {
    expect(codeOf(Change.create(newChange({ type: 'standard' }), as(alice)))).toBe('REQUEST.VALIDATION_FAILED');
    expect(Change.create(newChange({ type: 'standard', templateId: 'tpl_1' }), as(alice))).toMatchObject({
      ok: true,
    });
    expect(codeOf(Change.create(newChange({ title: ' ' }), as(alice)))).toBe('REQUEST.VALIDATION_FAILED');
    expect(codeOf(Change.create(newChange(), as(aCustomer())))).toBe('AUTH.FORBIDDEN');
    const inverted = { plannedStart: '2025-03-04T10:00:00Z', plannedEnd: '2025-03-04T09:00:00Z' };
    expect(codeOf(Change.create(newChange(inverted), as(alice)))).toBe('REQUEST.VALIDATION_FAILED');
  });

  it('walks a normal change from new to closed, each step needing what it needs, the owner never moved', () => {
    const change = aChange('normal').build();
    expect(change.accept(as(alice)).ok).toBe(true);
    expect(codeOf(change.moveTo('assess', {}, as(anAgent('bob'))))).toBe('CHANGE.NOT_OWNER');
    expect(change.moveTo('assess', {}, as(alice)).ok).toBe(true);
    expect(change.moveTo('authorize', {}, as(alice))).toMatchObject({
      error: { code: 'CHANGE.NOT_READY', details: { missing: 'risk' } },
    });
    expect(change.assessRisk(aLowRisk(), as(alice)).ok).toBe(true);
    expect(change.moveTo('authorize', {}, as(alice)).ok).toBe(true);
    expect(change.moveTo('scheduled', {}, as(alice))).toMatchObject({ error: { details: { missing: 'approval' } } });
    // Approvers decide through the approval engine; neither the owner nor a lead sets the outcome.
    expect(codeOf(change.decideApproval('approved', null, as(alice)))).toBe('AUTH.FORBIDDEN');
    expect(codeOf(change.decideApproval('approved', null, as(aLead())))).toBe('AUTH.FORBIDDEN');
    expect(change.decideApproval('approved', 'CAB 2025-03-03', as(systemActor)).ok).toBe(true);
    expect(change.moveTo('scheduled', {}, as(alice))).toMatchObject({
      error: { details: { missing: 'plannedWindow' } },
    });
    expect(change.schedule(new Date('2025-03-04T20:00:00Z'), new Date('2025-03-04T22:00:00Z'), as(alice)).ok).toBe(
      true,
    );
    expect(change.moveTo('scheduled', {}, as(alice)).ok).toBe(true);
    expect(change.moveTo('implement', {}, as(alice, 60)).ok).toBe(true);
    expect(change.toSnapshot().actualStart).toBe('2025-03-03T10:00:00.000Z');
    expect(change.moveTo('review', {}, as(alice))).toMatchObject({ error: { details: { missing: 'closeCode' } } });
    expect(codeOf(change.moveTo('closed', { closeCode: 'successful' }, as(alice)))).toBe('CHANGE.ILLEGAL_TRANSITION');
    expect(change.moveTo('review', { closeCode: 'successful', closeNotes: 'All green' }, as(alice, 120)).ok).toBe(true);
    expect(codeOf(change.moveTo('closed', {}, as(alice)))).toBe('CHANGE.REASON_REQUIRED');
    expect(change.moveTo('closed', { reason: 'Reviewed: no incidents' }, as(alice, 180)).ok).toBe(true);
    expect(change.toSnapshot()).toMatchObject({
      state: 'closed',
      ownerId: 'alice',
      closeCode: 'successful',
      closeNotes: 'All green',
      actualEnd: '2025-03-03T11:00:00.000Z',
      closedAt: '2025-03-03T12:00:00.000Z',
    });
    const events = change.pendingChanges().events.map((e) => e.type);
    expect(events.filter((t) => t === 'change.owner_changed')).toHaveLength(1);
    expect(events.filter((t) => t === 'change.state_changed')).toHaveLength(6);
  });

  it('schedules a standard change at once and closes a successful one without a review', () => {
    const change = aChange('standard').ownedBy('alice').planned().build();
    expect(change.moveTo('scheduled', {}, as(alice)).ok).toBe(true);
    expect(change.moveTo('implement', {}, as(alice)).ok).toBe(true);
    expect(change.moveTo('closed', { closeCode: 'successful' }, as(alice)).ok).toBe(true);
    const failed = aChange('standard').ownedBy('alice').planned().inState('implement').build();
    expect(codeOf(failed.moveTo('closed', { closeCode: 'backed_out' }, as(alice)))).toBe('CHANGE.REVIEW_REQUIRED');
    expect(failed.moveTo('review', { closeCode: 'backed_out' }, as(alice)).ok).toBe(true);
  });

  it('implements an approved emergency change straight from authorization', () => {
    const change = aChange('emergency').ownedBy('alice').planned().build();
    expect(change.moveTo('authorize', {}, as(alice)).ok).toBe(true);
    expect(codeOf(change.moveTo('implement', {}, as(alice)))).toBe('CHANGE.NOT_READY');
    expect(change.decideApproval('approved', 'ECAB', as(systemActor)).ok).toBe(true);
    expect(change.moveTo('implement', {}, as(alice)).ok).toBe(true);
    expect(codeOf(change.moveTo('closed', { closeCode: 'successful' }, as(alice)))).toBe('CHANGE.ILLEGAL_TRANSITION');
  });

  it('ends a rejected change and withdraws the help it asked for', () => {
    const change = aChange('normal').ownedBy('alice').inState('authorize').assessed().build();
    expect(
      change.requestAssist({ target: { kind: 'team', teamId: DBA_TEAM }, question: 'Safe?', dueAt: null }, as(alice))
        .ok,
    ).toBe(true);
    expect(codeOf(change.moveTo('rejected', { reason: 'no' }, as(alice)))).toBe('CHANGE.ILLEGAL_TRANSITION');
    expect(change.decideApproval('rejected', 'Too risky before quarter end', as(systemActor)).ok).toBe(true);
    expect(change.toSnapshot()).toMatchObject({ state: 'rejected', approval: 'rejected', openAssistCount: 0 });
    expect(change.assists().map((a) => a.state)).toEqual(['withdrawn']);
    expect(codeOf(change.decideApproval('approved', null, as(systemActor)))).toBe('CHANGE.ILLEGAL_TRANSITION');
    expect(codeOf(change.moveTo('cancelled', { reason: 'x' }, as(alice)))).toBe('CHANGE.ILLEGAL_TRANSITION');
  });

  it('cancels with a reason only', () => {
    const change = aChange('normal').ownedBy('alice').build();
    expect(codeOf(change.moveTo('cancelled', { reason: ' ' }, as(alice)))).toBe('CHANGE.REASON_REQUIRED');
    expect(change.moveTo('cancelled', { reason: 'Superseded by CHG-1002' }, as(aLead())).ok).toBe(true);
  });

  it('freezes the plan after assessment and copies only plan fields', () => {
    const change = aChange('normal').ownedBy('alice').build();
    const smuggled = { title: 'Patch SQL01 only', ownerId: 'mallory', state: 'closed' } as ChangePlanPatch;
    expect(change.updatePlan(smuggled, as(alice)).ok).toBe(true);
    expect(change.toSnapshot()).toMatchObject({ title: 'Patch SQL01 only', ownerId: 'alice', state: 'new' });
    expect(change.pendingChanges().entries.at(-1)?.data).toEqual({
      changes: { title: { from: 'Patch the SQL cluster', to: 'Patch SQL01 only' } },
    });
    const authorized = aChange('normal').ownedBy('alice').inState('authorize').build();
    expect(codeOf(authorized.updatePlan({ backoutPlan: 'none' }, as(alice)))).toBe('CHANGE.ILLEGAL_TRANSITION');
  });
});

describe('Change on the work-item kernel', () => {
  it('refuses ownership in the change namespace with the same rules as tickets', () => {
    expect(codeOf(aChange().build().accept(as(anExpert())))).toBe('CHANGE.CANNOT_OWN');
    expect(codeOf(aChange().ownedBy('bob').build().accept(as(alice)))).toBe('CHANGE.ALREADY_OWNED');
    expect(codeOf(aChange().inState('closed').build().accept(as(alice)))).toBe('CHANGE.CLOSED');
    const owned = aChange().ownedBy('alice').build();
    expect(codeOf(owned.transfer(asTransferTarget(anAgent('bob')), ' ', as(alice)))).toBe('CHANGE.REASON_REQUIRED');
    expect(codeOf(owned.transfer(asTransferTarget(anAgent('bob')), 'Holiday', as(anAgent('carl'))))).toBe(
      'CHANGE.NOT_OWNER',
    );
    expect(owned.transfer(asTransferTarget(anAgent('bob')), 'Holiday', as(anAdmin())).ok).toBe(true);
    expect(owned.ownerId).toBe('bob');
    expect(owned.pendingChanges().events.map((e) => [e.type, e.data['via'], e.changeId])).toEqual([
      ['change.owner_changed', 'transfer', 'chg_change1'],
    ]);
  });

  it('runs assists in the change partition: ids, home fields and events name the change', () => {
    const change = aChange().ownedBy('alice').inState('assess').build();
    const asked = change.requestAssist(
      { target: { kind: 'agent', agentId: 'ed' }, question: 'Is the failover tested?', dueAt: null },
      as(alice),
    );
    if (!asked.ok) throw new Error(asked.error.message);
    expect(asked.value).toBe('chg_change1.a2');
    expect(workItemIdOfAssist(asked.value)).toBe('chg_change1');
    expect(change.assists()[0]).toMatchObject({
      changeId: 'chg_change1',
      changeNumber: 'CHG-1001',
      state: 'requested',
    });
    expect(change.actOnAssist(asked.value, 'answer', 'Yes, last week', as(anExpert('ed'))).ok).toBe(true);
    const { events, entries } = change.pendingChanges();
    expect(events.map((e) => e.type)).toEqual(['assist.requested', 'assist.accepted', 'assist.answered']);
    expect(events.every((e) => e.changeId === 'chg_change1' && !('ticketId' in e))).toBe(true);
    expect(entries.every((e) => e.changeId === 'chg_change1')).toBe(true);
    // The expert never became owner.
    expect(change.ownerId).toBe('alice');
  });

  it('links both kinds of work item and raises change.linked', () => {
    const change = aChange().build();
    const incident = { practice: 'ticket', id: 't_1', number: 'INC-1001' } as const;
    expect(change.link('created_from', incident, as(alice))).toEqual({ ok: true, value: true });
    expect(change.toSnapshot().links).toMatchObject([{ kind: 'created_from', number: 'INC-1001' }]);
    expect(change.pendingChanges().events.map((e) => e.type)).toEqual(['change.linked']);
  });
});

type Operation = (c: Change, ctx: ChangeContext) => Result<unknown>;
const OPERATIONS: Record<string, Operation> = {
  'move to assess': (c, ctx) => c.moveTo('assess', {}, ctx),
  cancel: (c, ctx) => c.moveTo('cancelled', { reason: 'no longer needed' }, ctx),
  'update the plan': (c, ctx) => c.updatePlan({ title: 'x', ownerId: 'mallory' } as ChangePlanPatch, ctx),
  schedule: (c, ctx) => c.schedule(new Date('2025-03-05T20:00:00Z'), new Date('2025-03-05T21:00:00Z'), ctx),
  'assess the risk': (c, ctx) => c.assessRisk(aLowRisk(), ctx),
  'decide approved': (c, ctx) => c.decideApproval('approved', null, ctx),
  'decide rejected': (c, ctx) => c.decideApproval('rejected', 'no', ctx),
  'add a note': (c, ctx) => c.addNote('looked at it', ctx),
  'ask an assist': (c, ctx) =>
    c.requestAssist({ target: { kind: 'agent', agentId: 'ed' }, question: 'ok?', dueAt: null }, ctx),
  link: (c, ctx) => c.link('caused', { practice: 'ticket', id: 't_9', number: 'INC-9' }, ctx),
};
const ACTORS: Record<string, Actor> = {
  owner: alice,
  'other agent': anAgent('bob'),
  lead: aLead(),
  expert: anExpert('ed'),
  system: systemActor,
  customer: aCustomer(),
};
const CASES = Object.keys(OPERATIONS).flatMap((op) => Object.keys(ACTORS).map((who) => [op, who] as const));

describe('Sacred ownership of a change', () => {
  it.each(CASES)('%s by %s leaves the owner alone', (op, who) => {
    const change = aChange().ownedBy('alice').inState('authorize').assessed().build();
    (OPERATIONS[op] as Operation)(change, as(ACTORS[who] as Actor));
    expect(change.ownerId).toBe('alice');
    expect(change.pendingChanges().events.filter((e) => e.type === 'change.owner_changed')).toEqual([]);
  });
});
