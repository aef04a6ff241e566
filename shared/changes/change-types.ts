/** The change's stored shape and the inputs the aggregate accepts (issue 16). */
import type { ActorRef } from '../kernel/actor.js';
import type { WorkItemCore } from '../work-items/work-item.js';
import type { ApprovalProcess } from './change-approvals.js';
import type { ChangeRisk } from './change-risk.js';
import type { ChangeState, ChangeType, CloseCode } from './change-state.js';
import type { ChangeTask } from './change-tasks.js';

/** Where the change's authorization stands; the approval engine (ADR 0026, later) decides it. */
export const APPROVAL_STATES = ['not_required', 'pending', 'approved', 'rejected'] as const;
export type ApprovalState = (typeof APPROVAL_STATES)[number];

export interface ChangeRequester {
  readonly email: string;
  readonly name: string;
  /** Set when the requester is an agent: they can never approve their own change. */
  readonly agentId: string | null;
}

/** The plan a change is assessed and approved on. */
export interface ChangePlan {
  readonly title: string;
  readonly description: string;
  readonly justification: string;
  readonly implementationPlan: string;
  readonly backoutPlan: string;
  readonly testPlan: string;
}

export interface ChangeSnapshot extends WorkItemCore, ChangePlan {
  readonly id: string;
  /** Partition key of the `changes` container: equals `id`. */
  readonly changeId: string;
  readonly docType: 'change';
  readonly type: ChangeType;
  readonly state: ChangeState;
  readonly requester: ChangeRequester;
  readonly teamId: string | null;
  /** The standard-change template it was made from (required for standard changes). */
  readonly templateId: string | null;
  /** Affected CIs (the impacted services are computed from the CMDB, never stored here). */
  readonly affectedCiIds: readonly string[];
  readonly plannedStart: string | null;
  readonly plannedEnd: string | null;
  readonly actualStart: string | null;
  readonly actualEnd: string | null;
  readonly risk: ChangeRisk | null;
  readonly approval: ApprovalState;
  /** The plan and each approver's record (ADR 0030); absent until the change first enters authorization. */
  readonly approvals?: ApprovalProcess | null;
  readonly closeCode: CloseCode | null;
  readonly closeNotes: string | null;
  readonly createdBy: ActorRef;
  readonly createdAt: string;
  readonly closedAt: string | null;
  /** The implementation tasks in order (change-tasks.ts); absent on changes stored before them. */
  readonly implementationTasks?: readonly ChangeTask[];
}

export interface NewChange extends Partial<Omit<ChangePlan, 'title'>> {
  readonly number: string;
  readonly type: ChangeType;
  readonly title: string;
  readonly requester: ChangeRequester;
  readonly teamId?: string | null;
  readonly templateId?: string | null;
  readonly affectedCiIds?: readonly string[];
  readonly plannedStart?: string | null;
  readonly plannedEnd?: string | null;
}

/** Plan fields that can be edited while the change is being planned. */
export type ChangePlanPatch = Partial<ChangePlan> & {
  readonly teamId?: string | null;
  readonly affectedCiIds?: readonly string[];
};
