/**
 * The index documents of a change's approvals (ADR 0030): one small document per approval record
 * in the change's partition, written in the change's own atomic batch, so "Approvals for me" and
 * the approval timer are indexed queries (approver and state; state and next timer time) instead of
 * a scan of every change. The change's `approvals` stay the truth; these are derived from it.
 */
import type { DocumentStore, StoredDocument } from '../ports/document-store.js';
import type { ApproverGroup } from './approval-policy.js';
import { type ApprovalRecordState, nextTimerAt } from './change-approvals.js';
import type { RiskLevel } from './change-risk.js';
import type { ChangeType } from './change-state.js';
import type { ChangeSnapshot } from './change-types.js';

export interface ApprovalIndexDoc extends StoredDocument {
  readonly changeId: string;
  readonly docType: 'change-approval';
  readonly approverId: string;
  readonly state: ApprovalRecordState;
  /** When the timer should look next (reminder, then due); null once decided. */
  readonly nextTimerAt: string | null;
  readonly changeNumber: string;
  readonly changeTitle: string;
  readonly changeType: ChangeType;
  readonly risk: RiskLevel | null;
  readonly plannedStart: string | null;
  readonly plannedEnd: string | null;
  readonly step: number;
  readonly group: ApproverGroup;
  readonly requestedAt: string;
  readonly dueAt: string;
}

export const approvalIndexDocs = (c: ChangeSnapshot): ApprovalIndexDoc[] =>
  (c.approvals?.records ?? []).map((r) => ({
    id: `${c.id}.${r.id}`,
    changeId: c.id,
    docType: 'change-approval',
    approverId: r.approverId,
    state: r.state,
    nextTimerAt: c.state === 'authorize' ? nextTimerAt(r) : null,
    changeNumber: c.number,
    changeTitle: c.title,
    changeType: c.type,
    risk: c.risk?.level ?? null,
    plannedStart: c.plannedStart,
    plannedEnd: c.plannedEnd,
    step: r.step,
    group: r.group,
    requestedAt: r.requestedAt,
    dueAt: r.dueAt,
  }));

/** The approvals waiting for one approver, oldest due first. */
export async function approvalsWaitingFor(store: DocumentStore, approverId: string, limit: number) {
  const page = await store.query<ApprovalIndexDoc>('changes', {
    where: [
      { field: 'docType', op: 'eq', value: 'change-approval' },
      { field: 'approverId', op: 'eq', value: approverId },
      { field: 'state', op: 'eq', value: 'requested' },
    ],
    orderBy: [{ field: 'dueAt', direction: 'asc' }],
    limit,
  });
  return page.items.map((i) => i.doc);
}

/** The changes with an approval whose reminder or due time has come. */
export async function changesWithApprovalTimersDue(store: DocumentStore, now: Date, limit = 100): Promise<string[]> {
  const page = await store.query<ApprovalIndexDoc>('changes', {
    where: [
      { field: 'docType', op: 'eq', value: 'change-approval' },
      { field: 'nextTimerAt', op: 'lte', value: now.toISOString() },
    ],
    orderBy: [{ field: 'nextTimerAt', direction: 'asc' }],
    limit,
  });
  return [...new Set(page.items.map((i) => i.doc.changeId))];
}
