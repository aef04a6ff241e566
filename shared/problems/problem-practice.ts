/**
 * Problems as a practice of the work-item kernel (ADR 0025, 0033): the names the kernel uses in
 * its refusals and events, and the few facts only the problem's own state table knows.
 */
import type { WorkItemPractice } from '../work-items/work-item.js';
import type { WorkItemDraft } from '../work-items/work-item-draft.js';
import { isFinalProblemState } from './problem-state.js';
import type { ProblemSnapshot } from './problem-types.js';

export const PROBLEM_PRACTICE: WorkItemPractice<ProblemSnapshot, 'problemId'> = {
  key: 'problemId',
  numberKey: 'problemNumber',
  noun: 'problem',
  plural: 'problems',
  errors: 'PROBLEM',
  events: 'problem',
  isClosed: (p) => isFinalProblemState(p.state),
  isActive: (p) => !isFinalProblemState(p.state),
  statusOf: (p) => p.state.replaceAll('_', ' '),
  // A problem's state does not move with its owner.
  withOwner: (p) => p,
  ownerChangeFacts: () => ({}),
  // A problem has no customer: its incidents do.
  isCustomerAddress: () => false,
};

/** The working copy of one problem command: the kernel's draft, nothing to keep in step beyond it. */
export type ProblemDraft = WorkItemDraft<ProblemSnapshot, 'problemId'>;
