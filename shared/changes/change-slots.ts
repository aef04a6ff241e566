/**
 * What a change holds, as a read model kept in step with it (ADR 0031): one small `change-slot`
 * document per (change, affected CI) and per (change, person booked: the owner and the
 * implementation tasks' assignees), in the change's own partition and written in its save batch,
 * as a ticket's CI links are (tickets/ticket-ci-links.ts). Conflicts, the calendar, recent
 * unsuccessful changes on a CI and a ticket's "changes of the last 72 hours" are then one indexed
 * query on `resourceId` and `start`: a change keeps its CIs as an array, which no store here indexes.
 * Derived data, never edited; rewritten whenever one of its fields changes.
 */
import type { StoredDocument, WriteOperation } from '../ports/document-store.js';
import { type ChangeState, type ChangeType, type CloseCode, isFinalChangeState } from './change-state.js';
import type { ChangeSnapshot } from './change-types.js';

export interface ChangeSlot {
  readonly id: string;
  /** Partition key: the change. */
  readonly changeId: string;
  readonly docType: 'change-slot';
  readonly resource: 'ci' | 'agent';
  readonly resourceId: string;
  /** The planned window (null while unplanned). */
  readonly start: string | null;
  readonly end: string | null;
  /** Planned and not yet over (not closed, cancelled or rejected): it books its CIs and people. */
  readonly active: boolean;
  readonly number: string;
  readonly title: string;
  readonly type: ChangeType;
  readonly changeState: ChangeState;
  readonly closeCode: CloseCode | null;
  readonly actualStart: string | null;
  readonly actualEnd: string | null;
}

export const changeSlotId = (changeId: string, resource: 'ci' | 'agent', resourceId: string): string =>
  `${changeId}-${resource}-${resourceId}`;

/** The people a change books: its owner and its implementation tasks' assignees. */
export const bookedAgents = (change: ChangeSnapshot): string[] => [
  ...new Set([
    ...(change.ownerId ? [change.ownerId] : []),
    ...(change.implementationTasks ?? [])
      .filter((t) => t.state !== 'cancelled')
      .flatMap((t) => (t.assigneeId ? [t.assigneeId] : [])),
  ]),
];

export function slotsOf(change: ChangeSnapshot): ChangeSlot[] {
  const planned = change.plannedStart !== null && change.plannedEnd !== null;
  const slot = (resource: 'ci' | 'agent', resourceId: string): ChangeSlot => ({
    id: changeSlotId(change.id, resource, resourceId),
    changeId: change.id,
    docType: 'change-slot',
    resource,
    resourceId,
    start: change.plannedStart,
    end: change.plannedEnd,
    active: planned && !isFinalChangeState(change.state),
    number: change.number,
    title: change.title,
    type: change.type,
    changeState: change.state,
    closeCode: change.closeCode,
    actualStart: change.actualStart,
    actualEnd: change.actualEnd,
  });
  return [
    ...change.affectedCiIds.map((ciId) => slot('ci', ciId)),
    // A person is booked only while the change is planned; CI slots stay for the CI's history.
    ...(planned ? bookedAgents(change).map((agentId) => slot('agent', agentId)) : []),
  ];
}

const same = (a: ChangeSlot | undefined, b: ChangeSlot): boolean =>
  a !== undefined && JSON.stringify(a) === JSON.stringify(b);

/** Upserts of new or changed slots and deletes of the ones gone; `before` null for a new change. */
export function slotOps(before: ChangeSnapshot | null, after: ChangeSnapshot): WriteOperation[] {
  const old = new Map((before ? slotsOf(before) : []).map((s) => [s.id, s]));
  const now = slotsOf(after);
  const kept = new Set(now.map((s) => s.id));
  return [
    ...now
      .filter((s) => !same(old.get(s.id), s))
      .map((doc): WriteOperation => ({ op: 'upsert', doc: doc as unknown as StoredDocument })),
    ...[...old.values()].filter((s) => !kept.has(s.id)).map((s): WriteOperation => ({ op: 'delete', id: s.id })),
  ];
}
