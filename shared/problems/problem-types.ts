/** The problem's stored shape and the inputs the aggregate accepts (issue 17). */
import type { ActorRef } from '../kernel/actor.js';
import type { Level, Priority } from '../tickets/priority.js';
import type { WorkItemCore } from '../work-items/work-item.js';
import type { ProblemState, ProblemTaskKind, ProblemTaskState, RootCauseCategory } from './problem-state.js';

export interface RootCause {
  readonly text: string;
  readonly category: RootCauseCategory;
}

/** A piece of the investigation: root-cause analysis or general work, with its own small state. */
export interface ProblemTask {
  readonly id: string;
  readonly kind: ProblemTaskKind;
  readonly title: string;
  readonly assigneeId: string | null;
  readonly state: ProblemTaskState;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/**
 * Linked incidents and changes are the kernel's links (`has_symptom` to tickets, `fixed_by` and
 * `created_from` to changes), never copied here; the known errors name the problem (`problemId`
 * on the KE record, issue 17's known-error database) and the problem keeps their ids.
 */
export interface ProblemSnapshot extends WorkItemCore {
  readonly id: string;
  /** Partition key of the `problems` container: equals `id`. */
  readonly problemId: string;
  readonly docType: 'problem';
  readonly state: ProblemState;
  readonly title: string;
  readonly description: string;
  readonly impact: Level;
  readonly urgency: Level;
  readonly priority: Priority;
  readonly teamId: string | null;
  readonly affectedCiIds: readonly string[];
  readonly affectedServiceIds: readonly string[];
  readonly rootCause: RootCause | null;
  readonly workaround: string | null;
  /** The cause and a workaround are known and recorded as a known error. */
  readonly knownError: boolean;
  readonly knownErrorIds: readonly string[];
  readonly tasks: readonly ProblemTask[];
  /** The suggested cluster this problem was accepted from, if any. */
  readonly clusterKey: string | null;
  readonly createdBy: ActorRef;
  readonly createdAt: string;
  readonly resolvedAt: string | null;
  readonly closedAt: string | null;
}

export interface NewProblem {
  readonly number: string;
  readonly title: string;
  readonly description?: string;
  readonly impact?: Level;
  readonly urgency?: Level;
  readonly teamId?: string | null;
  readonly affectedCiIds?: readonly string[];
  readonly affectedServiceIds?: readonly string[];
  readonly clusterKey?: string | null;
}

/** Fields an owner edits while the problem is open. */
export interface ProblemPatch {
  readonly title?: string;
  readonly description?: string;
  readonly impact?: Level;
  readonly urgency?: Level;
  readonly teamId?: string | null;
  readonly affectedCiIds?: readonly string[];
  readonly affectedServiceIds?: readonly string[];
  readonly rootCause?: RootCause | null;
  readonly workaround?: string | null;
  readonly knownError?: boolean;
  readonly knownErrorIds?: readonly string[];
}

export interface NewProblemTask {
  readonly kind: ProblemTaskKind;
  readonly title: string;
  readonly assigneeId?: string | null;
}

export interface ProblemTaskPatch {
  readonly title?: string;
  readonly assigneeId?: string | null;
  readonly state?: ProblemTaskState;
}
