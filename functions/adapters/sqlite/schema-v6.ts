/**
 * Frozen copy of the container definitions as migration 6 left them: migration 5's containers
 * and the CMDB's `cis` container (issue 15: CIs, their history, search keys and relations). Never edit.
 */
import type { ContainerDefinition } from '../../../shared/storage/containers.js';
import { CONTAINERS_V5 } from './schema-v5.js';

const text = (path: string, docType?: string) => ({ path, kind: 'text' as const, ...(docType ? { docType } : {}) });
const asc = (path: string) => ({ path, direction: 'asc' as const });

export const CONTAINERS_V6: readonly ContainerDefinition[] = [
  ...CONTAINERS_V5,
  {
    name: 'cis',
    partitionKeyPath: '/ciId',
    indexedFields: [
      text('docType'),
      text('nameKey', 'ci'),
      text('status', 'ci'),
      text('ciClass', 'ci'),
      text('assetTagKey', 'ci'),
      text('externalId', 'ci'),
      text('key', 'ci-key'),
      text('providerId', 'ci-relation'),
      text('consumerId', 'ci-relation'),
      { path: 'seq', kind: 'number', docType: 'ci-history' },
    ],
    compositeIndexes: [
      [asc('docType'), asc('nameKey')],
      [asc('docType'), asc('key')],
      [asc('docType'), asc('seq')],
    ],
  },
];
