/**
 * Changes as a practice of the work-item kernel (ADR 0025, 0026): the names the kernel uses in its
 * refusals and events, and the few facts only the change's own state tables know.
 */

import type { WorkItemPractice } from '../work-items/work-item.js';
import type { WorkItemDraft } from '../work-items/work-item-draft.js';
import { isFinalChangeState } from './change-state.js';
import type { ChangeSnapshot } from './change-types.js';

export const CHANGE_PRACTICE: WorkItemPractice<ChangeSnapshot, 'changeId'> = {
  key: 'changeId',
  numberKey: 'changeNumber',
  noun: 'change',
  plural: 'changes',
  errors: 'CHANGE',
  events: 'change',
  isClosed: (c) => isFinalChangeState(c.state),
  isActive: (c) => !isFinalChangeState(c.state),
  statusOf: (c) => c.state,
  // A change's state does not move with its owner.
  withOwner: (c) => c,
  ownerChangeFacts: () => ({}),
  // A requester who is not an agent is the one outsider on a change (copying them on an expert's mail is warned about).
  isCustomerAddress: (c, address) => c.requester.agentId === null && c.requester.email === address.toLowerCase(),
};

/** The working copy of one change command: the kernel's draft, nothing to keep in step beyond it. */
export type ChangeDraft = WorkItemDraft<ChangeSnapshot, 'changeId'>;
