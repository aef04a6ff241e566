/**
 * Frozen copy of the container definitions as migration 10 left them: migration 9's containers and
 * the `changes` container (issue 16: one partition per change with its entries, assists and
 * outbox, lists by state, owner and planned start). Never edit.
 */
import type { ContainerDefinition, IndexedField } from '../../../shared/storage/containers.js';
import { CONTAINERS_V9 } from './schema-v9.js';

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

export const CONTAINERS_V10: readonly ContainerDefinition[] = [
  ...CONTAINERS_V9,
  {
    name: 'changes',
    partitionKeyPath: '/changeId',
    indexedFields: [
      text('docType'),
      text('number', 'change'),
      // Both a change and its assists have a `state`: one column, indexed for both.
      text('state'),
      text('ownerId', 'change'),
      text('teamId', 'change'),
      text('type', 'change'),
      text('plannedStart', 'change'),
      text('updatedAt'),
      num('seq', 'entry'),
      text('expertAgentId', 'assist'),
      text('expertTeamId', 'assist'),
    ],
    compositeIndexes: [
      [asc('docType'), desc('updatedAt')],
      [asc('docType'), asc('state'), desc('updatedAt')],
      [asc('docType'), asc('ownerId'), desc('updatedAt')],
      [asc('docType'), asc('state'), asc('ownerId'), desc('updatedAt')],
      [asc('docType'), asc('type'), desc('updatedAt')],
      [asc('docType'), asc('plannedStart')],
      [asc('docType'), asc('seq')],
    ],
  },
];
