/**
 * The approval policy (issue 16) as a decision table: the first rule matching the change's type
 * and risk says who must approve (change manager, the owner teams of the affected CIs, the owners
 * of the impacted services, the CAB or the emergency CAB), in parallel or in sequence, the quorum
 * of each step (all, any, at least N), its due time and reminder, and what a rejection does. The
 * plan names people: who belongs to a group is the caller's lookup (directory, CMDB, CAB members),
 * and the requester is never among a change's approvers.
 */
import type { RiskLevel } from './change-risk.js';
import type { ChangeType } from './change-state.js';

export const APPROVER_GROUPS = ['change_manager', 'ci_owner_teams', 'service_owners', 'cab', 'ecab'] as const;
export type ApproverGroup = (typeof APPROVER_GROUPS)[number];

export type Quorum =
  | { readonly kind: 'all' }
  | { readonly kind: 'any' }
  | { readonly kind: 'at_least'; readonly n: number };

export interface ApprovalStepRule {
  readonly group: ApproverGroup;
  readonly quorum: Quorum;
  readonly dueHours: number;
  /** Hours before the due time to remind the approvers who have not decided (null: no reminder). */
  readonly remindHoursBefore: number | null;
}

export interface ApprovalRule {
  readonly name: string;
  /** Absent: any type / any risk. */
  readonly types?: readonly ChangeType[];
  readonly risks?: readonly RiskLevel[];
  /** Parallel: every step is open at once; sequence: a step opens when the one before is approved. */
  readonly mode: 'parallel' | 'sequence';
  readonly steps: readonly ApprovalStepRule[];
  /** A rejection rejects the change, or sends it back to assessment for a new plan. */
  readonly onReject: 'reject_change' | 'return_to_assess';
}

export interface ApprovalPolicy {
  readonly rules: readonly ApprovalRule[];
}

export interface ApprovalStepPlan {
  readonly group: ApproverGroup;
  readonly approverIds: readonly string[];
  readonly needed: number;
  readonly dueAt: string;
  readonly remindAt: string | null;
  /** Kept so a step that opens later (in sequence) gets its due time from when it opens. */
  readonly dueHours: number;
  readonly remindHoursBefore: number | null;
}

export interface ApprovalPlan {
  readonly rule: string;
  readonly mode: ApprovalRule['mode'];
  readonly onReject: ApprovalRule['onReject'];
  readonly steps: readonly ApprovalStepPlan[];
}

export type PlanOutcome =
  | { readonly kind: 'not_required' }
  | { readonly kind: 'plan'; readonly plan: ApprovalPlan }
  /** A step cannot reach its quorum with the people its group has (none, or fewer than N). */
  | { readonly kind: 'unstaffed'; readonly rule: string; readonly group: ApproverGroup; readonly available: number };

export const matchingRule = (policy: ApprovalPolicy, type: ChangeType, risk: RiskLevel): ApprovalRule | undefined =>
  policy.rules.find((r) => (!r.types || r.types.includes(type)) && (!r.risks || r.risks.includes(risk)));

const neededFor = (quorum: Quorum, people: number): number =>
  quorum.kind === 'all' ? people : quorum.kind === 'any' ? 1 : quorum.n;

const HOUR = 3_600_000;

/**
 * The approval plan of a change. Standard changes are pre-approved; a change no rule matches
 * needs no approval (a policy without a catch-all says so explicitly).
 */
export function planApprovals(
  policy: ApprovalPolicy,
  change: { readonly type: ChangeType; readonly risk: RiskLevel; readonly requesterAgentId: string | null },
  membersOf: (group: ApproverGroup) => readonly string[],
  now: Date,
): PlanOutcome {
  if (change.type === 'standard') return { kind: 'not_required' };
  const rule = matchingRule(policy, change.type, change.risk);
  if (!rule) return { kind: 'not_required' };
  const steps: ApprovalStepPlan[] = [];
  for (const step of rule.steps) {
    // Nobody approves their own change; each person is counted once per step.
    const approverIds = [...new Set(membersOf(step.group))].filter((id) => id !== change.requesterAgentId);
    const needed = neededFor(step.quorum, approverIds.length);
    if (approverIds.length === 0 || needed > approverIds.length)
      return { kind: 'unstaffed', rule: rule.name, group: step.group, available: approverIds.length };
    const due = now.getTime() + step.dueHours * HOUR;
    steps.push({
      group: step.group,
      approverIds,
      needed,
      dueAt: new Date(due).toISOString(),
      remindAt: step.remindHoursBefore === null ? null : new Date(due - step.remindHoursBefore * HOUR).toISOString(),
      dueHours: step.dueHours,
      remindHoursBefore: step.remindHoursBefore,
    });
  }
  return { kind: 'plan', plan: { rule: rule.name, mode: rule.mode, onReject: rule.onReject, steps } };
}
