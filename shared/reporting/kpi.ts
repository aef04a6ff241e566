/** KPI arithmetic over bucket totals: sums, duration statistics, backlog age buckets (docs/metrics.md). */
import { histogramCount, percentileMs } from './duration-histogram.js';
import { addTally, emptyTally, type Tally } from './report-model.js';

export const sumTallies = (tallies: Iterable<Tally>): Tally => {
  const total = emptyTally();
  for (const t of tallies) addTally(total, t);
  return total;
};

export interface DurationStats {
  readonly count: number;
  readonly median: number | null;
  readonly p90: number | null;
  /** Exact mean (from the summed milliseconds). */
  readonly mean: number | null;
}

export const durationStats = (t: Tally | undefined, name: string): DurationStats => {
  const h = t?.h[name] ?? {};
  const count = histogramCount(h);
  const sum = t?.n[`${name}Ms`] ?? 0;
  return {
    count,
    median: percentileMs(h, 0.5),
    p90: percentileMs(h, 0.9),
    mean: count > 0 ? Math.round(sum / count) : null,
  };
};

/** Backlog age buckets by whole days since the creation day. */
export const AGE_BUCKETS = [
  { key: 'age0', label: 'Under 1 day', maxDays: 0 },
  { key: 'age1to2', label: '1-2 days', maxDays: 2 },
  { key: 'age3to6', label: '3-6 days', maxDays: 6 },
  { key: 'age7to29', label: '7-29 days', maxDays: 29 },
  { key: 'age30plus', label: '30 days and more', maxDays: Number.POSITIVE_INFINITY },
] as const;

export const ageBucketOf = (createdDay: string, today: string): string => {
  const days = Math.max(
    0,
    Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${createdDay}T00:00:00Z`)) / 86_400_000),
  );
  return (AGE_BUCKETS.find((a) => days <= a.maxDays) ?? AGE_BUCKETS[4]).key;
};
