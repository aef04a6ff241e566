import { describe, expect, it } from 'vitest';
import {
  aCustomer,
  aLead,
  anAgent,
  anExpert,
  aProblem,
  asTransferTarget,
  contextFor,
  DBA_TEAM,
  sequentialIds,
  systemActor,
  T0,
} from '../../tests/builders/index.js';
import type { Actor } from '../kernel/actor.js';
import type { ChangeContext } from '../kernel/change-context.js';
import type { Result } from '../kernel/result.js';
import { linkedIncidents, Problem } from './problem.js';

const alice = anAgent('alice');
const ids = sequentialIds();
const as = (actor: Actor, minutes = 0): ChangeContext =>
  contextFor(actor, new Date(T0.getTime() + minutes * 60_000), ids);
const codeOf = (r: Result<unknown>) => (r.ok ? 'ok' : r.error.code);
const incident = (n: number) => ({ practice: 'ticket' as const, id: `t_${n}`, number: `INC-${n}` });

describe('Problem', () => {
  it('is created unowned in new, numbered, with priority from impact and urgency and a created entry', () => {
    const made = Problem.create(
      { number: 'PRB-1001', title: '  VPN drops ', impact: 1, urgency: 2, affectedCiIds: ['ci_a', 'ci_a'] },
      as(alice),
    );
    if (!made.ok) throw new Error(made.error.message);
    const problem = made.value;
    expect(problem.toSnapshot()).toMatchObject({
      problemId: problem.id,
      docType: 'problem',
      number: 'PRB-1001',
      title: 'VPN drops',
      state: 'new',
      priority: 'P2',
      ownerId: null,
      affectedCiIds: ['ci_a'],
      knownError: false,
      tasks: [],
    });
    expect(problem.id.startsWith('prb_')).toBe(true);
    const { entries, events } = problem.pendingChanges();
    expect(entries.map((e) => [e.kind, e.problemId, e.seq])).toEqual([['problem_created', problem.id, 1]]);
    expect(events.map((e) => [e.type, e.problemId])).toEqual([['problem.created', problem.id]]);
  });

  it('refuses a blank title and a customer', () => {
    expect(codeOf(Problem.create({ number: 'PRB-1', title: ' ' }, as(alice)))).toBe('REQUEST.VALIDATION_FAILED');
    expect(codeOf(Problem.create({ number: 'PRB-1', title: 'x' }, as(aCustomer())))).toBe('AUTH.FORBIDDEN');
  });

  it("takes the kernel's sacred ownership in its own namespace", () => {
    const problem = aProblem().build();
    expect(codeOf(problem.transfer(asTransferTarget(anAgent('bob')), 'cover', as(alice)))).toBe('PROBLEM.NOT_OWNER');
    expect(problem.accept(as(alice)).ok).toBe(true);
    expect(codeOf(problem.accept(as(anAgent('bob'))))).toBe('PROBLEM.ALREADY_OWNED');
    expect(codeOf(problem.transfer(asTransferTarget(anAgent('bob')), ' ', as(alice)))).toBe('PROBLEM.REASON_REQUIRED');
    expect(problem.transfer(asTransferTarget(anAgent('bob')), 'On call', as(aLead())).ok).toBe(true);
    expect(problem.ownerId).toBe('bob');
    expect(problem.pendingChanges().events.map((e) => e.type)).toEqual([
      'problem.owner_changed',
      'problem.owner_changed',
    ]);
  });

  it('walks new to closed: the fix needs a root cause, going back needs a reason, the owner never moves', () => {
    const problem = aProblem().ownedBy('alice').build();
    expect(codeOf(problem.moveTo('assess', null, as(anAgent('bob'))))).toBe('PROBLEM.NOT_OWNER');
    expect(problem.moveTo('assess', null, as(alice)).ok).toBe(true);
    expect(codeOf(problem.moveTo('fix_in_progress', null, as(alice)))).toBe('PROBLEM.ILLEGAL_TRANSITION');
    expect(problem.moveTo('root_cause_analysis', null, as(alice)).ok).toBe(true);
    expect(problem.moveTo('fix_in_progress', null, as(alice))).toMatchObject({
      error: { code: 'PROBLEM.NOT_READY', details: { missing: 'rootCause' } },
    });
    expect(problem.update({ rootCause: { text: 'Session table full', category: 'capacity' } }, as(alice)).ok).toBe(
      true,
    );
    expect(problem.moveTo('fix_in_progress', null, as(alice)).ok).toBe(true);
    expect(codeOf(problem.moveTo('root_cause_analysis', ' ', as(alice)))).toBe('PROBLEM.REASON_REQUIRED');
    expect(problem.moveTo('resolved', null, as(alice, 60)).ok).toBe(true);
    expect(problem.toSnapshot().resolvedAt).toBe('2025-03-03T10:00:00.000Z');
    expect(problem.moveTo('fix_in_progress', 'It came back', as(alice, 90)).ok).toBe(true);
    expect(problem.toSnapshot().resolvedAt).toBeNull();
    expect(problem.moveTo('resolved', null, as(alice, 120)).ok).toBe(true);
    // A lead may move it too.
    expect(problem.moveTo('closed', null, as(aLead(), 180)).ok).toBe(true);
    expect(problem.toSnapshot()).toMatchObject({
      state: 'closed',
      ownerId: 'alice',
      resolvedAt: '2025-03-03T11:00:00.000Z',
      closedAt: '2025-03-03T12:00:00.000Z',
    });
    expect(codeOf(problem.accept(as(anAgent('bob'))))).toBe('PROBLEM.CLOSED');
    expect(codeOf(problem.update({ title: 'x' }, as(alice)))).toBe('PROBLEM.CLOSED');
  });

  it('cancels with a reason and withdraws the help it asked for', () => {
    const problem = aProblem().ownedBy('alice').build();
    expect(
      problem.requestAssist({ target: { kind: 'team', teamId: DBA_TEAM }, question: 'Logs?', dueAt: null }, as(alice))
        .ok,
    ).toBe(true);
    expect(codeOf(problem.moveTo('cancelled', '', as(alice)))).toBe('PROBLEM.REASON_REQUIRED');
    expect(problem.moveTo('cancelled', 'Duplicate of PRB-7', as(alice)).ok).toBe(true);
    expect(problem.assists().map((a) => a.state)).toEqual(['withdrawn']);
    expect(problem.toSnapshot().openAssistCount).toBe(0);
  });

  it('edits fields with before/after, keeps priority in step, and flags a known error only with cause and workaround', () => {
    const problem = aProblem().ownedBy('alice').build();
    expect(codeOf(problem.update({ title: 'x' }, as(anAgent('bob'))))).toBe('PROBLEM.NOT_OWNER');
    expect(problem.update({ knownError: true }, as(alice))).toMatchObject({
      error: { code: 'PROBLEM.NOT_READY', details: { missing: 'rootCause' } },
    });
    expect(
      problem.update(
        {
          impact: 1,
          urgency: 1,
          rootCause: { text: ' Leak ', category: 'software' },
          workaround: ' Restart ',
          knownError: true,
          knownErrorIds: ['ke_1', 'ke_1'],
          // A loosely built patch never reaches the owner or the state.
          ...({ ownerId: 'mallory', state: 'closed' } as object),
        },
        as(alice),
      ).ok,
    ).toBe(true);
    expect(problem.toSnapshot()).toMatchObject({
      priority: 'P1',
      rootCause: { text: 'Leak', category: 'software' },
      workaround: 'Restart',
      knownError: true,
      knownErrorIds: ['ke_1'],
      ownerId: 'alice',
      state: 'new',
    });
    const [, entry] = [undefined, ...problem.pendingChanges().entries];
    expect(Object.keys(entry?.data['changes'] as object).sort()).toEqual(
      ['impact', 'knownError', 'knownErrorIds', 'priority', 'rootCause', 'urgency', 'workaround'].sort(),
    );
    expect(problem.update({ impact: 1 }, as(alice)).ok).toBe(true);
    expect(problem.pendingChanges().entries).toHaveLength(1);
  });

  it('plans tasks: the owner adds and edits, the assignee moves only its state', () => {
    const problem = aProblem().ownedBy('alice').build();
    const added = problem.addTask({ kind: 'rca', title: 'Read the gateway logs', assigneeId: 'ed' }, as(alice));
    if (!added.ok) throw new Error(added.error.message);
    expect(codeOf(problem.addTask({ kind: 'general', title: 'x' }, as(anExpert())))).toBe('PROBLEM.NOT_OWNER');
    expect(problem.updateTask(added.value, { state: 'in_progress' }, as(anExpert())).ok).toBe(true);
    expect(codeOf(problem.updateTask(added.value, { title: 'other' }, as(anExpert())))).toBe('PROBLEM.NOT_OWNER');
    expect(codeOf(problem.updateTask('nope', { state: 'done' }, as(alice)))).toBe('PROBLEM.TASK_NOT_FOUND');
    expect(problem.updateTask(added.value, { state: 'done', assigneeId: null }, as(alice)).ok).toBe(true);
    expect(problem.toSnapshot().tasks).toMatchObject([
      { id: added.value, kind: 'rca', title: 'Read the gateway logs', assigneeId: null, state: 'done' },
    ]);
    expect(problem.pendingChanges().entries.map((e) => e.kind)).toEqual(['task_added', 'task_updated', 'task_updated']);
  });

  it('links many incidents and a fixing change through the kernel, idempotently, taking nothing from anyone', () => {
    const problem = aProblem().ownedBy('alice').build();
    for (const n of [1, 2, 3]) expect(problem.link('has_symptom', incident(n), as(anAgent('bob'))).ok).toBe(true);
    expect(problem.link('has_symptom', incident(1), as(anAgent('bob')))).toEqual({ ok: true, value: false });
    expect(problem.link('fixed_by', { practice: 'change', id: 'chg_1', number: 'CHG-1' }, as(systemActor)).ok).toBe(
      true,
    );
    expect(linkedIncidents(problem.toSnapshot()).map((l) => l.number)).toEqual(['INC-1', 'INC-2', 'INC-3']);
    expect(problem.unlink('has_symptom', 't_2', 'not related', as(alice)).ok).toBe(true);
    expect(linkedIncidents(problem.toSnapshot()).map((l) => l.number)).toEqual(['INC-1', 'INC-3']);
    expect(problem.ownerId).toBe('alice');
  });

  it('communicates the workaround only by the owner, with a workaround and incidents to send it to', () => {
    const bare = aProblem().ownedBy('alice').build();
    expect(bare.communicateWorkaround(as(alice))).toMatchObject({ error: { details: { missing: 'workaround' } } });
    const noIncidents = aProblem().ownedBy('alice').withWorkaround().build();
    expect(noIncidents.communicateWorkaround(as(alice))).toMatchObject({
      error: { details: { missing: 'incidents' } },
    });
    const problem = aProblem().ownedBy('alice').withWorkaround().withIncidents('INC-1', 'INC-2').build();
    expect(codeOf(problem.communicateWorkaround(as(aLead())))).toBe('PROBLEM.NOT_OWNER');
    const sent = problem.communicateWorkaround(as(alice));
    expect(sent).toMatchObject({ ok: true, value: { workaround: 'Reconnect with the backup profile' } });
    expect(problem.pendingChanges().entries).toMatchObject([
      { kind: 'workaround_communicated', data: { tickets: ['INC-1', 'INC-2'] } },
    ]);
  });
});
