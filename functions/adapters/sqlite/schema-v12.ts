/**
 * Frozen copy of the container definitions as migration 12 left them: migration 11's, with the
 * change approvals' index documents in `changes` (ADR 0030: approver, due and next timer time).
 * Never edit.
 */
import type { ContainerDefinition, IndexedField } from '../../../shared/storage/containers.js';
import { CONTAINERS_V11 } from './schema-v11.js';

const text = (path: string, docType?: string): IndexedField => ({
  path,
  kind: 'text',
  ...(docType ? { docType } : {}),
});
const asc = (path: string) => ({ path, direction: 'asc' as const });

export const CONTAINERS_V12: readonly ContainerDefinition[] = CONTAINERS_V11.map((c) =>
  c.name !== 'changes'
    ? c
    : {
        ...c,
        indexedFields: [
          ...c.indexedFields,
          text('approverId', 'change-approval'),
          text('dueAt', 'change-approval'),
          text('nextTimerAt', 'change-approval'),
        ],
        compositeIndexes: [
          c.compositeIndexes[0] as ContainerDefinition['compositeIndexes'][number],
          [asc('docType'), asc('approverId'), asc('state'), asc('dueAt')],
          [asc('docType'), asc('nextTimerAt')],
          ...c.compositeIndexes.slice(1),
        ],
      },
);
