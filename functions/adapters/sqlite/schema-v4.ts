/**
 * Frozen copy of the container definitions as migration 4 left them: migration 3's containers with
 * the ticket container's fields tagged with the one document type that carries them, which turns
 * their indexes into partial indexes (container-schema.ts): timeline entries, assists and outbox
 * events no longer write into the ticket list's indexes. Never edit.
 */
import type { ContainerDefinition } from '../../../shared/storage/containers.js';
import { CONTAINERS_V3 } from './schema-v3.js';

const OWNERS: Readonly<Record<string, string>> = {
  number: 'ticket',
  status: 'ticket',
  ownerId: 'ticket',
  teamId: 'ticket',
  priority: 'ticket',
  seq: 'entry',
  state: 'assist',
  expertAgentId: 'assist',
  expertTeamId: 'assist',
  slaNextEvaluationAt: 'ticket',
  slaDueAt: 'ticket',
};

export const CONTAINERS_V4: readonly ContainerDefinition[] = CONTAINERS_V3.map((def) =>
  def.name === 'tickets'
    ? {
        ...def,
        indexedFields: def.indexedFields.map((field) =>
          OWNERS[field.path] ? { ...field, docType: OWNERS[field.path] as string } : field,
        ),
      }
    : def,
);
