/**
 * Frozen copy of shared/storage/containers.ts as migration 1 created it. Never edit: a shipped
 * migration must do the same thing on every database. Changes to CONTAINERS go into a new
 * migration (see migrations.ts).
 */
import type { ContainerDefinition } from '../../../shared/storage/containers.js';

const text = (path: string) => ({ path, kind: 'text' as const });
const num = (path: string) => ({ path, kind: 'number' as const });
const asc = (path: string) => ({ path, direction: 'asc' as const });
const desc = (path: string) => ({ path, direction: 'desc' as const });

export const CONTAINERS_V1: readonly ContainerDefinition[] = [
  {
    name: 'tickets',
    partitionKeyPath: '/ticketId',
    indexedFields: [
      text('docType'),
      text('number'),
      text('status'),
      text('ownerId'),
      text('teamId'),
      text('priority'),
      text('updatedAt'),
      text('createdAt'),
      num('seq'),
      text('state'),
      text('expertAgentId'),
      text('expertTeamId'),
    ],
    compositeIndexes: [
      [asc('docType'), asc('status'), asc('ownerId'), desc('updatedAt')],
      [asc('docType'), asc('teamId'), asc('status'), desc('updatedAt')],
      [asc('docType'), desc('updatedAt')],
      [asc('docType'), asc('priority'), desc('updatedAt')],
      [asc('docType'), asc('seq')],
      [asc('docType'), asc('state'), asc('expertAgentId')],
      [asc('docType'), asc('state'), asc('expertTeamId')],
    ],
  },
  { name: 'directory', partitionKeyPath: '/pk', indexedFields: [text('docType'), text('email')], compositeIndexes: [] },
  { name: 'config', partitionKeyPath: '/pk', indexedFields: [text('docType')], compositeIndexes: [] },
];
