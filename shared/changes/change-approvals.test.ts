import { describe, expect, it } from 'vitest';
import {
  aChange,
  aLead,
  aLowRisk,
  anAdmin,
  anAgent,
  aSystem,
  contextFor,
  sequentialIds,
  T0,
} from '../../tests/builders/index.js';
import type { Actor } from '../kernel/actor.js';
import type { ChangeContext } from '../kernel/change-context.js';
import type { Result } from '../kernel/result.js';
import { type ApprovalPolicy, type ApprovalRule, type PlanOutcome, planApprovals } from './approval-policy.js';
import type { Change } from './change.js';
import { currentRecords } from './change-approvals.js';

const HOUR = 3_600_000;
const ids = sequentialIds();
const as = (actor: Actor, hours = 0): ChangeContext => contextFor(actor, new Date(T0.getTime() + hours * HOUR), ids);
const codeOf = (r: Result<unknown>) => (r.ok ? 'ok' : r.error.code);
const owner = anAgent('olga');
const max = anAgent('max');
const cara = anAgent('cara');
const cole = anAgent('cole');
const rita = anAgent('rita');

const rule = (fields: Partial<ApprovalRule>): ApprovalPolicy => ({
  rules: [
    {
      name: 'test rule',
      mode: 'parallel',
      steps: [{ group: 'change_manager', quorum: { kind: 'all' }, dueHours: 24, remindHoursBefore: 4 }],
      onReject: 'reject_change',
      ...fields,
    },
  ],
});

const MEMBERS = {
  change_manager: ['max', 'rita'],
  ci_owner_teams: ['cara', 'cole'],
  service_owners: [],
  cab: ['max', 'cara', 'cole'],
  ecab: ['max'],
};

/** A normal change in authorization with its approvals asked under `policy`. */
function authorizing(policy: ApprovalPolicy, type: 'normal' | 'emergency' = 'normal'): Change {
  const change = aChange(type)
    .ownedBy('olga')
    .inState(type === 'normal' ? 'assess' : 'new')
    .assessed(aLowRisk())
    .planned()
    .build();
  expect(change.moveTo('authorize', {}, as(owner))).toMatchObject({ ok: true });
  const outcome = planApprovals(policy, { type, risk: 'low', requesterAgentId: 'rita' }, (g) => MEMBERS[g], T0);
  expect(change.requestApprovals(outcome, as(owner))).toMatchObject({ ok: true });
  return change;
}

const recordOf = (change: Change, approverId: string, step = 0) => {
  const found = currentRecords(change.toSnapshot().approvals ?? { round: 0, plan: {} as never, records: [] }).find(
    (r) => r.approverId === approverId && r.step === step,
  );
  if (!found) throw new Error(`no record of ${approverId} in step ${step}`);
  return found;
};
const decide = (
  change: Change,
  who: Actor & { agentId: string },
  decision: 'approve' | 'reject',
  reason: string | null = null,
  step = 0,
  hours = 1,
) =>
  change.decideAsApprover(recordOf(change, who.agentId, step).id, { decision, reason, channel: 'app' }, as(who, hours));

describe('Change approvals', () => {
  it('asks each approver of the open steps, never the requester, with due and reminder times', () => {
    const change = authorizing(rule({}));
    const s = change.toSnapshot();
    expect(s.approval).toBe('pending');
    expect(s.approvals?.records.map((r) => [r.approverId, r.state, r.dueAt, r.remindAt])).toEqual([
      ['max', 'requested', '2025-03-04T09:00:00.000Z', '2025-03-04T05:00:00.000Z'],
    ]);
    const requested = change.pendingChanges().events.filter((e) => e.type === 'change.approval_requested');
    expect(requested).toHaveLength(1);
    expect(requested[0]?.data).toMatchObject({ step: 0, group: 'change_manager', approvals: [{ approverId: 'max' }] });
  });

  it.each<[string, Partial<ApprovalRule>, [string, 'approve' | 'reject', string | null][], string, string]>([
    ['all: one approval of one approver approves', {}, [['max', 'approve', null]], 'approved', 'authorize'],
    ['all: a rejection rejects the change', {}, [['max', 'reject', 'Too risky']], 'rejected', 'rejected'],
    [
      'any of two CI owners: the first approval is enough',
      { steps: [{ group: 'ci_owner_teams', quorum: { kind: 'any' }, dueHours: 8, remindHoursBefore: null }] },
      [['cara', 'approve', null]],
      'approved',
      'authorize',
    ],
    [
      'any of two: one rejection leaves the other to decide',
      { steps: [{ group: 'ci_owner_teams', quorum: { kind: 'any' }, dueHours: 8, remindHoursBefore: null }] },
      [['cara', 'reject', 'No']],
      'pending',
      'authorize',
    ],
    [
      'two of three CAB members',
      { steps: [{ group: 'cab', quorum: { kind: 'at_least', n: 2 }, dueHours: 8, remindHoursBefore: null }] },
      [
        ['max', 'approve', null],
        ['cara', 'approve', null],
      ],
      'approved',
      'authorize',
    ],
    [
      'two of three, two rejections: out of reach',
      { steps: [{ group: 'cab', quorum: { kind: 'at_least', n: 2 }, dueHours: 8, remindHoursBefore: null }] },
      [
        ['max', 'reject', 'No'],
        ['cara', 'reject', 'No'],
      ],
      'rejected',
      'rejected',
    ],
    [
      'return to assess on rejection',
      { onReject: 'return_to_assess' },
      [['max', 'reject', 'Write a backout plan']],
      'pending',
      'assess',
    ],
  ])('%s', (_case, fields, decisions, approval, state) => {
    const change = authorizing(rule(fields));
    for (const [who, decision, reason] of decisions)
      expect(codeOf(decide(change, anAgent(who), decision, reason))).toBe('ok');
    expect(change.toSnapshot()).toMatchObject({ approval, state, ownerId: 'olga' });
  });

  it('opens a sequence step by step, each with its due time from when it opens', () => {
    const change = authorizing(
      rule({
        mode: 'sequence',
        steps: [
          { group: 'change_manager', quorum: { kind: 'all' }, dueHours: 8, remindHoursBefore: null },
          { group: 'cab', quorum: { kind: 'at_least', n: 2 }, dueHours: 24, remindHoursBefore: 2 },
        ],
      }),
    );
    expect(change.toSnapshot().approvals?.records.map((r) => r.step)).toEqual([0]);
    expect(codeOf(decide(change, max, 'approve', null, 0, 3))).toBe('ok');
    const cab = change.toSnapshot().approvals?.records.filter((r) => r.step === 1) ?? [];
    expect(cab.map((r) => r.approverId)).toEqual(['max', 'cara', 'cole']);
    expect(cab[0]?.dueAt).toBe(new Date(T0.getTime() + 27 * HOUR).toISOString());
    expect(codeOf(decide(change, cara, 'approve', null, 1))).toBe('ok');
    expect(change.toSnapshot().approval).toBe('pending');
    expect(codeOf(decide(change, cole, 'approve', null, 1))).toBe('ok');
    expect(change.toSnapshot().approval).toBe('approved');
    // The one who was not needed any more is told so by the record's state.
    expect(recordOf(change, 'max', 1)).toMatchObject({ state: 'cancelled', reason: 'Step settled' });
  });

  it.each<[string, Actor, string]>([
    ['a lead for the approver', aLead('lee'), 'APPROVAL.NOT_APPROVER'],
    ['an admin for the approver', anAdmin('ada'), 'APPROVAL.NOT_APPROVER'],
    ['the change owner', owner, 'APPROVAL.NOT_APPROVER'],
    ['the system', aSystem('rules'), 'APPROVAL.NOT_APPROVER'],
  ])('refuses %s deciding on behalf of another', (_case, actor, code) => {
    const change = authorizing(rule({}));
    const id = recordOf(change, 'max').id;
    expect(codeOf(change.decideAsApprover(id, { decision: 'approve', reason: null, channel: 'app' }, as(actor)))).toBe(
      code,
    );
    expect(change.toSnapshot().approval).toBe('pending');
  });

  it('never lets the requester approve their own change, even if a policy named them', () => {
    const change = authorizing(rule({}));
    const outcome: PlanOutcome = {
      kind: 'plan',
      plan: {
        rule: 'forged',
        mode: 'parallel',
        onReject: 'reject_change',
        steps: [
          {
            group: 'change_manager',
            approverIds: ['rita'],
            needed: 1,
            dueAt: '',
            remindAt: null,
            dueHours: 1,
            remindHoursBefore: null,
          },
        ],
      },
    };
    const other = aChange('normal').ownedBy('olga').inState('authorize').build();
    expect(other.requestApprovals(outcome, as(owner))).toMatchObject({ ok: true });
    const rec = other.toSnapshot().approvals?.records[0];
    expect(
      codeOf(other.decideAsApprover(rec?.id ?? '', { decision: 'approve', reason: null, channel: 'app' }, as(rita))),
    ).toBe('APPROVAL.NOT_APPROVER');
    expect(change.toSnapshot().approval).toBe('pending');
  });

  it('lets an approver decide once; a rejection needs a reason; an unknown approval is not found', () => {
    const change = authorizing(
      rule({ steps: [{ group: 'cab', quorum: { kind: 'all' }, dueHours: 8, remindHoursBefore: null }] }),
    );
    expect(codeOf(decide(change, max, 'reject', ' '))).toBe('CHANGE.REASON_REQUIRED');
    expect(codeOf(decide(change, max, 'approve'))).toBe('ok');
    expect(codeOf(decide(change, max, 'reject', 'changed my mind'))).toBe('APPROVAL.ALREADY_DECIDED');
    expect(
      codeOf(change.decideAsApprover('apr_nope', { decision: 'approve', reason: null, channel: 'app' }, as(max))),
    ).toBe('APPROVAL.NOT_FOUND');
    expect(recordOf(change, 'max')).toMatchObject({ state: 'approved', decidedBy: 'max', channel: 'app' });
  });

  it('reminds once at the reminder time and expires at the due time, which fails an "all" step', () => {
    const change = authorizing(rule({}));
    const timers = (hours: number) => change.runApprovalTimers(as(aSystem('approval-timer'), hours));
    expect(timers(1)).toMatchObject({ ok: true, value: { reminded: 0, expired: 0 } });
    expect(timers(20)).toMatchObject({ ok: true, value: { reminded: 1, expired: 0 } });
    expect(timers(21)).toMatchObject({ ok: true, value: { reminded: 0, expired: 0 } });
    expect(timers(24)).toMatchObject({ ok: true, value: { reminded: 0, expired: 1 } });
    expect(recordOf(change, 'max').state).toBe('expired');
    expect(change.toSnapshot()).toMatchObject({ state: 'rejected', approval: 'rejected', ownerId: 'olga' });
  });

  it('cancels the open approvals when the change is cancelled in authorization', () => {
    const change = authorizing(rule({}));
    expect(codeOf(change.moveTo('cancelled', { reason: 'Not needed' }, as(owner)))).toBe('ok');
    expect(recordOf(change, 'max')).toMatchObject({ state: 'cancelled', reason: 'Change cancelled' });
    expect(codeOf(decide(change, max, 'approve'))).toBe('APPROVAL.ALREADY_DECIDED');
  });

  it('approves at once when no rule asks for approval, and refuses authorization without enough approvers', () => {
    const none = aChange('normal').ownedBy('olga').inState('authorize').build();
    expect(none.requestApprovals({ kind: 'not_required' }, as(owner))).toMatchObject({ ok: true });
    expect(none.toSnapshot().approval).toBe('approved');
    const few = aChange('normal').ownedBy('olga').inState('authorize').build();
    expect(few.requestApprovals({ kind: 'unstaffed', rule: 'r', group: 'cab', available: 1 }, as(owner))).toMatchObject(
      { ok: false, error: { code: 'CHANGE.NOT_READY', details: { missing: 'approvers' } } },
    );
  });

  it('never moves the owner: approvals, rejection, expiry and return to assessment keep it', () => {
    for (const fields of [{}, { onReject: 'return_to_assess' as const }]) {
      const change = authorizing(rule(fields));
      decide(change, max, 'reject', 'No');
      expect(change.ownerId).toBe('olga');
      expect(change.pendingChanges().events.map((e) => e.type)).not.toContain('change.owner_changed');
    }
  });
});
