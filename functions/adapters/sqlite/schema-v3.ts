/**
 * Frozen copy of the container definitions as migration 3 left them: migration 2's containers with
 * the SLA engine's ticket fields indexed (`slaNextEvaluationAt` for the timer's due query,
 * `slaDueAt` for the "SLA due first" sort). Never edit.
 */
import type { ContainerDefinition } from '../../../shared/storage/containers.js';
import { CONTAINERS_V2 } from './schema-v2.js';

const text = (path: string) => ({ path, kind: 'text' as const });
const asc = (path: string) => ({ path, direction: 'asc' as const });

export const CONTAINERS_V3: readonly ContainerDefinition[] = CONTAINERS_V2.map((def) =>
  def.name === 'tickets'
    ? {
        ...def,
        indexedFields: [...def.indexedFields, text('slaNextEvaluationAt'), text('slaDueAt')],
        compositeIndexes: [
          ...def.compositeIndexes,
          [asc('docType'), asc('slaNextEvaluationAt')],
          [asc('docType'), asc('slaDueAt')],
        ],
      }
    : def,
);
