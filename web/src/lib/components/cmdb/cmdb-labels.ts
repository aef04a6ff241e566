/** How the CMDB's words are shown: classes, statuses, environments, criticality, relation types, sources. */

import type { Tone } from '$lib/ui/Badge.svelte';
import { CI_STATUSES, ENVIRONMENTS } from '$shared/cmdb/ci';
import { RELATION_DEFINITIONS, RELATION_TYPES } from '$shared/cmdb/relationships';

export const STATUS_LABELS: Record<string, string> = {
  planned: 'Planned',
  active: 'Active',
  maintenance: 'Maintenance',
  retired: 'Retired',
};

export const ENVIRONMENT_LABELS: Record<string, string> = {
  production: 'Production',
  staging: 'Staging',
  test: 'Test',
  development: 'Development',
  disaster_recovery: 'Disaster recovery',
};

/** 1 is the most critical. */
export const CRITICALITY_LABELS: Record<number, string> = {
  1: '1 · critical',
  2: '2 · high',
  3: '3 · medium',
  4: '4 · low',
};

export const statusOptions = CI_STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s] ?? s }));
export const environmentOptions = ENVIRONMENTS.map((e) => ({ value: e, label: ENVIRONMENT_LABELS[e] ?? e }));
export const criticalityOptions = [1, 2, 3, 4].map((c) => ({ value: String(c), label: CRITICALITY_LABELS[c] ?? '' }));
export const relationTypeOptions = RELATION_TYPES.map((t) => ({ value: t, label: RELATION_DEFINITIONS[t].name }));

export const relationName = (type: string): string =>
  RELATION_DEFINITIONS[type as keyof typeof RELATION_DEFINITIONS]?.name ?? type.replaceAll('_', ' ');

export const statusTone = (status: string): Tone =>
  status === 'active' ? 'success' : status === 'maintenance' ? 'warning' : status === 'retired' ? 'neutral' : 'accent';

export const criticalityTone = (criticality: number): Tone =>
  criticality === 1 ? 'danger' : criticality === 2 ? 'warning' : 'neutral';

export const SOURCE_LABELS: Record<string, string> = {
  agent: 'an agent',
  import: 'a file import',
  valuemation: 'Valuemation',
};

/** A class id in words, from the loaded classes (or the id made readable). */
export const classLabel = (classes: readonly { id: string; label: string }[], id: string): string =>
  classes.find((c) => c.id === id)?.label ?? id.replaceAll('_', ' ');
