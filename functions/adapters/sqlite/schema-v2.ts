/**
 * Frozen copy of the container definitions as migration 2 left them: migration 1's containers
 * plus `mail` (the email channel's idempotency records, quarantine, outbound records). Never edit.
 */
import type { ContainerDefinition } from '../../../shared/storage/containers.js';
import { CONTAINERS_V1 } from './schema-v1.js';

const text = (path: string) => ({ path, kind: 'text' as const });
const asc = (path: string) => ({ path, direction: 'asc' as const });
const desc = (path: string) => ({ path, direction: 'desc' as const });

export const CONTAINERS_V2: readonly ContainerDefinition[] = [
  ...CONTAINERS_V1,
  {
    name: 'mail',
    partitionKeyPath: '/pk',
    indexedFields: [text('docType'), text('status'), text('at')],
    compositeIndexes: [[asc('docType'), desc('at')]],
  },
];
