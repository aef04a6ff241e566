/** Words of the CMDB sync screen: the sources' names and the counts of a run, in display order. */
import type { TCmdbSyncSource } from '$lib/api/cmdb-endpoints';
import { absoluteTime } from '$lib/format';

const SOURCES: Record<string, string> = { valuemation: 'Valuemation', 'file-drop': 'Export folder' };
export const sourceLabel = (source: string): string => SOURCES[source] ?? source;

type Counts = NonNullable<TCmdbSyncSource['lastRun']>['counts'];

const COUNTS: readonly [keyof Counts, string][] = [
  ['created', 'Created'],
  ['updated', 'Updated'],
  ['unchanged', 'Unchanged'],
  ['retired', 'Retired'],
  ['rejected', 'Rejected'],
  ['relationsAdded', 'Relations added'],
  ['relationsRemoved', 'Relations removed'],
  ['relationsRejected', 'Relations rejected'],
];

export const countFigures = (counts: Counts): (readonly [string, string, number])[] =>
  COUNTS.map(([id, label]) => [id, label, counts[id]] as const);

/** Minutes and seconds a run took ("2 min 05 s", "12 s"). */
export function runLength(startedAt: string, finishedAt: string): string {
  const seconds = Math.max(0, Math.round((Date.parse(finishedAt) - Date.parse(startedAt)) / 1000));
  if (seconds < 60) return `${seconds} s`;
  return `${Math.floor(seconds / 60)} min ${String(seconds % 60).padStart(2, '0')} s`;
}

/** A watermark is the source's own modification time: shown as a date when it is one, as given otherwise. */
export const watermark = (value: string): string => (Number.isNaN(Date.parse(value)) ? value : absoluteTime(value));
