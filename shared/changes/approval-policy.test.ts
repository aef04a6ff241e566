import { describe, expect, it } from 'vitest';
import { type ApprovalPlan, type ApprovalPolicy, type ApproverGroup, planApprovals } from './approval-policy.js';
import { type ApprovalDecision, decide, tally } from './approval-tally.js';
import type { RiskLevel } from './change-risk.js';
import type { ChangeType } from './change-state.js';

const POLICY: ApprovalPolicy = {
  rules: [
    {
      name: 'emergency: ECAB, any one',
      types: ['emergency'],
      mode: 'parallel',
      steps: [{ group: 'ecab', quorum: { kind: 'any' }, dueHours: 2, remindHoursBefore: 1 }],
      onReject: 'reject_change',
    },
    {
      name: 'low risk: the CI owners',
      types: ['normal'],
      risks: ['low'],
      mode: 'parallel',
      steps: [{ group: 'ci_owner_teams', quorum: { kind: 'any' }, dueHours: 24, remindHoursBefore: null }],
      onReject: 'return_to_assess',
    },
    {
      name: 'high risk: manager, then CAB (2 of them)',
      types: ['normal'],
      risks: ['high', 'very_high'],
      mode: 'sequence',
      steps: [
        { group: 'change_manager', quorum: { kind: 'all' }, dueHours: 8, remindHoursBefore: 2 },
        { group: 'cab', quorum: { kind: 'at_least', n: 2 }, dueHours: 72, remindHoursBefore: 24 },
      ],
      onReject: 'reject_change',
    },
    {
      name: 'otherwise: manager and service owners in parallel',
      mode: 'parallel',
      steps: [
        { group: 'change_manager', quorum: { kind: 'all' }, dueHours: 24, remindHoursBefore: 4 },
        { group: 'service_owners', quorum: { kind: 'all' }, dueHours: 24, remindHoursBefore: 4 },
      ],
      onReject: 'reject_change',
    },
  ],
};

const MEMBERS: Record<ApproverGroup, readonly string[]> = {
  change_manager: ['ag_max'],
  ci_owner_teams: ['ag_oscar', 'ag_nina'],
  service_owners: ['ag_sam', 'ag_sue'],
  cab: ['ag_max', 'ag_cara', 'ag_cole', 'ag_rita'],
  ecab: ['ag_max', 'ag_cara'],
};
const NOW = new Date('2026-12-03T09:00:00Z');
const plan = (type: ChangeType, risk: RiskLevel, requester: string | null = 'ag_rita', members = MEMBERS) =>
  planApprovals(POLICY, { type, risk, requesterAgentId: requester }, (g) => members[g], NOW);

describe('Approval policy', () => {
  it.each([
    ['standard', 'high', null],
    ['emergency', 'very_high', 'emergency: ECAB, any one'],
    ['emergency', 'low', 'emergency: ECAB, any one'],
    ['normal', 'low', 'low risk: the CI owners'],
    ['normal', 'moderate', 'otherwise: manager and service owners in parallel'],
    ['normal', 'high', 'high risk: manager, then CAB (2 of them)'],
    ['normal', 'very_high', 'high risk: manager, then CAB (2 of them)'],
  ] as const)('a %s change of %s risk follows %s', (type, risk, rule) => {
    const outcome = plan(type, risk);
    if (rule === null) expect(outcome).toEqual({ kind: 'not_required' });
    else expect(outcome).toMatchObject({ kind: 'plan', plan: { rule } });
  });

  it('names the approvers with quorum, due time and reminder; the requester is never one', () => {
    const outcome = plan('normal', 'high');
    expect(outcome).toEqual({
      kind: 'plan',
      plan: {
        rule: 'high risk: manager, then CAB (2 of them)',
        mode: 'sequence',
        onReject: 'reject_change',
        steps: [
          {
            group: 'change_manager',
            approverIds: ['ag_max'],
            needed: 1,
            dueAt: '2026-12-03T17:00:00.000Z',
            remindAt: '2026-12-03T15:00:00.000Z',
            dueHours: 8,
            remindHoursBefore: 2,
          },
          {
            group: 'cab',
            approverIds: ['ag_max', 'ag_cara', 'ag_cole'],
            needed: 2,
            dueAt: '2026-12-06T09:00:00.000Z',
            remindAt: '2026-12-05T09:00:00.000Z',
            dueHours: 72,
            remindHoursBefore: 24,
          },
        ],
      },
    });
  });

  it('says so when a step cannot reach its quorum (the requester alone in the ECAB, a CAB too small)', () => {
    expect(plan('emergency', 'high', 'ag_max', { ...MEMBERS, ecab: ['ag_max'] })).toEqual({
      kind: 'unstaffed',
      rule: 'emergency: ECAB, any one',
      group: 'ecab',
      available: 0,
    });
    expect(plan('normal', 'high', 'ag_cole', { ...MEMBERS, cab: ['ag_cara', 'ag_cole'] })).toMatchObject({
      kind: 'unstaffed',
      group: 'cab',
      available: 1,
    });
  });
});

const planOf = (type: ChangeType, risk: RiskLevel): ApprovalPlan => {
  const outcome = plan(type, risk);
  if (outcome.kind !== 'plan') throw new Error(outcome.kind);
  return outcome.plan;
};

const run = (p: ApprovalPlan, votes: readonly (readonly [number, string, 'approve' | 'reject'])[]) => {
  let decisions: ApprovalDecision[] = [];
  const codes: string[] = [];
  for (const [step, who, decision] of votes) {
    const r = decide(p, decisions, { step, actingAgentId: who, decision, reason: 'because', now: NOW });
    codes.push(r.ok ? 'ok' : r.error.code);
    if (r.ok) decisions = r.value.decisions;
  }
  return { codes, tally: tally(p, decisions) };
};

describe('Approval tally', () => {
  it.each([
    ['normal/low: any CI owner approves', 'normal', 'low', [[0, 'ag_nina', 'approve']], 'approved', ['ok']],
    [
      'normal/low: one rejection of two does not end it under "any"',
      'normal',
      'low',
      [[0, 'ag_nina', 'reject']],
      'pending',
      ['ok'],
    ],
    [
      'normal/low: both reject',
      'normal',
      'low',
      [
        [0, 'ag_nina', 'reject'],
        [0, 'ag_oscar', 'reject'],
      ],
      'rejected',
      ['ok', 'ok'],
    ],
    [
      'normal/moderate: "all" of the service owners, in parallel with the manager',
      'normal',
      'moderate',
      [
        [1, 'ag_sam', 'approve'],
        [0, 'ag_max', 'approve'],
        [1, 'ag_sue', 'approve'],
      ],
      'approved',
      ['ok', 'ok', 'ok'],
    ],
    [
      'normal/moderate: one rejection under "all" rejects',
      'normal',
      'moderate',
      [
        [1, 'ag_sam', 'approve'],
        [1, 'ag_sue', 'reject'],
      ],
      'rejected',
      ['ok', 'ok'],
    ],
    [
      'normal/high: the CAB waits for the manager, then 2 of 3',
      'normal',
      'high',
      [
        [1, 'ag_cara', 'approve'],
        [0, 'ag_max', 'approve'],
        [1, 'ag_cara', 'approve'],
        [1, 'ag_cole', 'approve'],
      ],
      'approved',
      ['CHANGE.NOT_READY', 'ok', 'ok', 'ok'],
    ],
    [
      'normal/high: 2 of 3 can no longer be reached after 2 rejections',
      'normal',
      'high',
      [
        [0, 'ag_max', 'approve'],
        [1, 'ag_cara', 'reject'],
        [1, 'ag_cole', 'reject'],
      ],
      'rejected',
      ['ok', 'ok', 'ok'],
    ],
    [
      'nobody approves for someone else, the requester included, nor twice',
      'normal',
      'low',
      [
        [0, 'ag_rita', 'approve'],
        [0, 'ag_max', 'approve'],
        [0, 'ag_nina', 'reject'],
        [0, 'ag_nina', 'approve'],
      ],
      'pending',
      ['AUTH.FORBIDDEN', 'AUTH.FORBIDDEN', 'ok', 'CHANGE.ILLEGAL_TRANSITION'],
    ],
    [
      'a decided approval takes no more decisions',
      'emergency',
      'high',
      [
        [0, 'ag_cara', 'approve'],
        [0, 'ag_max', 'reject'],
      ],
      'approved',
      ['ok', 'CHANGE.ILLEGAL_TRANSITION'],
    ],
  ] as const)('%s', (_case, type, risk, votes, outcome, codes) => {
    const result = run(planOf(type, risk), votes);
    expect(result.codes).toEqual(codes);
    expect(result.tally.outcome).toBe(outcome);
  });

  it('needs a reason to reject', () => {
    const p = planOf('normal', 'low');
    const r = decide(p, [], { step: 0, actingAgentId: 'ag_nina', decision: 'reject', reason: ' ', now: NOW });
    expect(r).toMatchObject({ ok: false, error: { code: 'CHANGE.REASON_REQUIRED' } });
  });
});
