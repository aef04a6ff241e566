/**
 * Frozen copy of the container definitions as migration 13 left them: migration 12's containers
 * with the change schedule (ADR 0031): a change's slots by resource and start, and blackout and
 * maintenance windows by scope, in the `changes` container. Never edit.
 */
import type { ContainerDefinition, IndexedField } from '../../../shared/storage/containers.js';
import { CONTAINERS_V12 } from './schema-v12.js';

const text = (path: string, docType?: string): IndexedField => ({
  path,
  kind: 'text',
  ...(docType ? { docType } : {}),
});
const asc = (path: string) => ({ path, direction: 'asc' as const });

export const CONTAINERS_V13: readonly ContainerDefinition[] = CONTAINERS_V12.map((c) =>
  c.name === 'changes'
    ? {
        ...c,
        indexedFields: [
          ...c.indexedFields,
          text('resourceId', 'change-slot'),
          text('start', 'change-slot'),
          text('scope', 'change-window'),
        ],
        compositeIndexes: [
          ...c.compositeIndexes,
          [asc('docType'), asc('resourceId'), asc('start')],
          [asc('docType'), asc('scope')],
        ],
      }
    : c,
);
