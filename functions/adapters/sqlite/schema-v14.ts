/**
 * Frozen copy of the container definitions as migration 14 left them: migration 13's containers
 * and the `knowledge` container (issue 17: one partition per known error with its versions and
 * outbox; lists by status, the candidates queue, versions newest first). Never edit.
 */
import type { ContainerDefinition, IndexedField } from '../../../shared/storage/containers.js';
import { CONTAINERS_V13 } from './schema-v13.js';

const text = (path: string, docType?: string): IndexedField => ({
  path,
  kind: 'text',
  ...(docType ? { docType } : {}),
});
const num = (path: string, docType?: string): IndexedField => ({
  path,
  kind: 'number',
  ...(docType ? { docType } : {}),
});
const asc = (path: string) => ({ path, direction: 'asc' as const });
const desc = (path: string) => ({ path, direction: 'desc' as const });

export const CONTAINERS_V14: readonly ContainerDefinition[] = [
  ...CONTAINERS_V13,
  {
    name: 'knowledge',
    partitionKeyPath: '/knownErrorId',
    indexedFields: [
      text('docType'),
      text('number', 'known-error'),
      text('status', 'known-error'),
      text('source.kind', 'known-error'),
      text('problemId', 'known-error'),
      text('updatedAt', 'known-error'),
      num('version', 'known-error-version'),
    ],
    compositeIndexes: [
      [asc('docType'), desc('updatedAt')],
      [asc('docType'), asc('status'), desc('updatedAt')],
      [asc('docType'), asc('status'), asc('source.kind'), desc('updatedAt')],
      [asc('docType'), desc('version')],
    ],
  },
];
