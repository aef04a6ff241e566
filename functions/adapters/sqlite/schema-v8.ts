/**
 * Frozen copy of the container definitions as migration 8 left them: migration 7's containers, the
 * tickets-on-a-CI links indexed (`ticket-ci` documents by CI, open ones, newest first) and the CI
 * list's filters (environment, criticality, owner team). Never edit.
 */
import type { ContainerDefinition, IndexedField } from '../../../shared/storage/containers.js';
import { CONTAINERS_V7 } from './schema-v7.js';

const asc = (path: string) => ({ path, direction: 'asc' as const });
const desc = (path: string) => ({ path, direction: 'desc' as const });
const field = (path: string, kind: IndexedField['kind'], docType: string): IndexedField => ({ path, kind, docType });

export const CONTAINERS_V8: readonly ContainerDefinition[] = CONTAINERS_V7.map((def) =>
  def.name === 'tickets'
    ? {
        ...def,
        indexedFields: [
          ...def.indexedFields,
          field('ciId', 'text', 'ticket-ci'),
          field('open', 'boolean', 'ticket-ci'),
        ],
        compositeIndexes: [...def.compositeIndexes, [asc('docType'), asc('ciId'), desc('createdAt')]],
      }
    : def.name === 'cis'
      ? {
          ...def,
          indexedFields: [
            ...def.indexedFields,
            field('environment', 'text', 'ci'),
            field('criticality', 'number', 'ci'),
            field('ownerTeamId', 'text', 'ci'),
          ],
        }
      : def,
);
