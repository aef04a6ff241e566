/**
 * Frozen copy of the container definitions as migration 9 left them: migration 8's containers and
 * the `reports` container (the reporting read model: bucket totals by family and day, the backlog
 * by `open`, filters on team, priority and type). Never edit.
 */
import type { ContainerDefinition, IndexedField } from '../../../shared/storage/containers.js';
import { CONTAINERS_V8 } from './schema-v8.js';

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

export const CONTAINERS_V9: readonly ContainerDefinition[] = [
  ...CONTAINERS_V8,
  {
    name: 'reports',
    partitionKeyPath: '/pk',
    indexedFields: [
      text('docType'),
      text('family', 'report-bucket'),
      text('day', 'report-bucket'),
      num('open', 'report-bucket'),
      text('teamId', 'report-bucket'),
      text('priority', 'report-bucket'),
      text('type', 'report-bucket'),
    ],
    compositeIndexes: [],
  },
];
