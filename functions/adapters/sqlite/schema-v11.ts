/**
 * Frozen copy of the container definitions as migration 11 left them: migration 10's containers and
 * the `problems` container (issue 17: one partition per problem with its entries, assists and
 * outbox, lists by state, owner and priority; the suggested problems in one partition). Never edit.
 */
import type { ContainerDefinition, IndexedField } from '../../../shared/storage/containers.js';
import { CONTAINERS_V10 } from './schema-v10.js';

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

export const CONTAINERS_V11: readonly ContainerDefinition[] = [
  ...CONTAINERS_V10,
  {
    name: 'problems',
    partitionKeyPath: '/problemId',
    indexedFields: [
      text('docType'),
      text('number', 'problem'),
      // A problem, its assists and its suggestions have a `state`: one column, indexed for all.
      text('state'),
      text('ownerId', 'problem'),
      text('teamId', 'problem'),
      text('priority', 'problem'),
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
      [asc('docType'), asc('priority'), desc('updatedAt')],
      [asc('docType'), asc('seq')],
    ],
  },
];
