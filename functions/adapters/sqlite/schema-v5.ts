/**
 * Frozen copy of the container definitions as migration 5 left them: migration 4's containers
 * with the notifications' time indexed in the config container (the bell lists and counts a
 * person's notifications newest first; Cosmos refuses that ORDER BY without its composite
 * index). Never edit.
 */
import type { ContainerDefinition } from '../../../shared/storage/containers.js';
import { CONTAINERS_V4 } from './schema-v4.js';

export const CONTAINERS_V5: readonly ContainerDefinition[] = CONTAINERS_V4.map((def) =>
  def.name === 'config'
    ? {
        ...def,
        indexedFields: [...def.indexedFields, { path: 'at', kind: 'text', docType: 'notification' }],
        compositeIndexes: [
          ...def.compositeIndexes,
          [
            { path: 'docType', direction: 'asc' },
            { path: 'at', direction: 'desc' },
          ],
        ],
      }
    : def,
);
