/**
 * Search keys of a CI: one small document per name, asset tag, serial, host name, IP address and assignee
 * (`web-01` of kind name, `web01.corp.example` of kind host), stored in the CI's own partition and rewritten in the
 * same batch as the CI. A prefix search on the indexed `key` field then finds CIs by any of them in
 * one index range per kind, on SQLite and Cosmos alike, and the key carries enough of the CI for
 * a picker to show it without reading the CI.
 */
import type { CiSnapshot } from './ci.js';

/** `user`: the person a CI is assigned to (a workstation's `assignedTo`), so mail finds the sender's workstation. */
export const SEARCH_KINDS = ['name', 'tag', 'serial', 'host', 'ip', 'user'] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

export interface CiSearchKeyDoc {
  readonly id: string;
  readonly ciId: string;
  readonly docType: 'ci-key';
  /** Lower-cased value (`web01.corp.example`): the prefix-searched field. */
  readonly key: string;
  readonly kind: SearchKind;
  readonly ci: Pick<CiSnapshot, 'name' | 'ciClass' | 'status' | 'criticality' | 'environment'>;
}

export const searchKeyId = (ciId: string, index: number): string => `${ciId}-k${String(index).padStart(3, '0')}`;

/** Keys are cut to 200 characters: a search prefix longer than that is cut the same way. */
const MAX_KEY = 200;
export const searchKey = (value: string): string => value.trim().toLowerCase().slice(0, MAX_KEY);

export function searchKeysOf(ci: CiSnapshot): CiSearchKeyDoc[] {
  const pairs: [SearchKind, string][] = [
    ['name', ci.name],
    ...(ci.assetTag ? [['tag', ci.assetTag] as [SearchKind, string]] : []),
    ...(ci.serial ? [['serial', ci.serial] as [SearchKind, string]] : []),
    ...ci.hostNames.map((h): [SearchKind, string] => ['host', h]),
    ...ci.ipAddresses.map((ip): [SearchKind, string] => ['ip', ip]),
    ...(typeof ci.attributes.assignedTo === 'string' && ci.attributes.assignedTo.trim() !== ''
      ? [['user', ci.attributes.assignedTo] as [SearchKind, string]]
      : []),
  ];
  const seen = new Set<string>();
  const keys = pairs.flatMap(([kind, value]) => {
    const key = searchKey(value);
    const id = `${kind}:${key}`;
    if (seen.has(id)) return [];
    seen.add(id);
    return [{ kind, key }];
  });
  const summary = {
    name: ci.name,
    ciClass: ci.ciClass,
    status: ci.status,
    criticality: ci.criticality,
    environment: ci.environment,
  };
  return keys.map(({ kind, key }, i) => ({
    id: searchKeyId(ci.id, i),
    ciId: ci.id,
    docType: 'ci-key',
    key,
    kind,
    ci: summary,
  }));
}
