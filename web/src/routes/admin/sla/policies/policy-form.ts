/**
 * A policy as the form edits it (texts and checkboxes) and back: targets become a grid of
 * minutes per kind and priority, lists become comma texts. Empty cells mean "no target".
 */

import type { SlaTargetKind, TSlaPolicyInput } from '$shared/sla/sla-policy';
import type { Priority } from '$shared/tickets/priority';
import { commaList, TARGET_KINDS } from '../sla-admin';

export const PRIORITY_LIST: readonly Priority[] = ['P1', 'P2', 'P3', 'P4'];

export interface PolicyForm {
  id: string;
  name: string;
  order: number;
  types: string[];
  priorities: Priority[];
  teamIds: string[];
  customerTiers: string;
  /** Customer companies (directory ids) and their account managers (agent ids). */
  companyIds: string[];
  accountManagerIds: string[];
  categories: string;
  /** Conditions this form has no field for (a newer API's): kept as they are on save. */
  otherConditions: Record<string, unknown>;
  /** Minutes as typed, per kind and priority. */
  targets: Record<SlaTargetKind, Record<Priority, string>>;
  calendarId: string;
  pauseStatuses: string[];
  warningThresholds: string;
  pauseResolutionWhileBlockedOnExpert: boolean;
}

/** The conditions the form edits; any other one is carried through unchanged. */
const FORM_CONDITIONS = new Set([
  'types',
  'priorities',
  'teamIds',
  'customerTiers',
  'companyIds',
  'accountManagerIds',
  'categories',
]);

export function toForm(p: TSlaPolicyInput): PolicyForm {
  const targets = {} as PolicyForm['targets'];
  for (const [kind] of TARGET_KINDS) {
    const value = p.targets[kind];
    targets[kind] = { P1: '', P2: '', P3: '', P4: '' };
    for (const priority of PRIORITY_LIST) {
      const minutes = typeof value === 'number' ? value : value?.[priority];
      targets[kind][priority] = minutes === undefined ? '' : String(minutes);
    }
  }
  const c = p.conditions ?? {};
  const others = Object.fromEntries(Object.entries(c).filter(([key]) => !FORM_CONDITIONS.has(key)));
  return {
    id: p.id,
    name: p.name,
    order: p.order,
    types: [...(c.types ?? [])],
    priorities: [...(c.priorities ?? [])],
    teamIds: [...(c.teamIds ?? [])],
    customerTiers: (c.customerTiers ?? []).join(', '),
    companyIds: [...(c.companyIds ?? [])],
    accountManagerIds: [...(c.accountManagerIds ?? [])],
    categories: (c.categories ?? []).join(', '),
    otherConditions: others,
    targets,
    calendarId: p.calendarId,
    pauseStatuses: [...(p.pauseStatuses ?? [])],
    warningThresholds: (p.warningThresholds ?? []).join(', '),
    pauseResolutionWhileBlockedOnExpert: p.pauseResolutionWhileBlockedOnExpert ?? false,
  };
}

/** The body the API validates; anything odd typed here is left for its 422 to explain. */
export function fromForm(f: PolicyForm): TSlaPolicyInput {
  const targets: TSlaPolicyInput['targets'] = {};
  for (const [kind] of TARGET_KINDS) {
    const map: Partial<Record<Priority, number>> = {};
    for (const priority of PRIORITY_LIST) {
      const text = f.targets[kind][priority].trim();
      if (text !== '') map[priority] = Number(text);
    }
    if (Object.keys(map).length > 0) targets[kind] = map;
  }
  const conditions: NonNullable<TSlaPolicyInput['conditions']> = { ...f.otherConditions };
  if (f.types.length > 0) conditions.types = f.types;
  if (f.priorities.length > 0) conditions.priorities = f.priorities;
  if (f.teamIds.length > 0) conditions.teamIds = f.teamIds;
  const tiers = commaList(f.customerTiers);
  if (tiers.length > 0) conditions.customerTiers = tiers;
  if (f.companyIds.length > 0) conditions.companyIds = f.companyIds;
  if (f.accountManagerIds.length > 0) conditions.accountManagerIds = f.accountManagerIds;
  const categories = commaList(f.categories);
  if (categories.length > 0) conditions.categories = categories;
  return {
    id: f.id,
    name: f.name,
    order: Number(f.order),
    conditions,
    targets,
    calendarId: f.calendarId,
    pauseStatuses: f.pauseStatuses,
    warningThresholds: commaList(f.warningThresholds).map(Number),
    pauseResolutionWhileBlockedOnExpert: f.pauseResolutionWhileBlockedOnExpert,
  };
}
