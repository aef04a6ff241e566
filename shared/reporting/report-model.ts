/**
 * The reporting read model's vocabulary: three families of buckets (tickets, agents, assists),
 * each keyed by a day and dimensions, holding a tally (counters and duration histograms).
 * A ticket's contribution to a bucket is itself a tally; a bucket's totals are the sum of the
 * contributions it holds (docs/metrics.md defines every counter).
 */
import { addToHistogram, type Histogram } from './duration-histogram.js';

export const REPORT_FAMILIES = ['tickets', 'agents', 'assists'] as const;
export type ReportFamily = (typeof REPORT_FAMILIES)[number];

/** Dimension names per family, in key order. `none` stands for a missing value. */
export const FAMILY_DIMENSIONS = {
  tickets: ['teamId', 'priority', 'type', 'channel', 'policyId'],
  agents: ['agentId', 'teamId', 'priority', 'type'],
  assists: ['expertTeamId', 'teamId', 'priority', 'type'],
} as const satisfies Record<ReportFamily, readonly string[]>;

export type Dimensions = Readonly<Record<string, string>>;

export const NONE = 'none';

export interface Tally {
  /** Counters and sums (ms) by name. */
  readonly n: Record<string, number>;
  /** Duration histograms by name. */
  readonly h: Record<string, Histogram>;
}

export const emptyTally = (): Tally => ({ n: {}, h: {} });

export const isEmptyTally = (t: Tally): boolean => Object.keys(t.n).length === 0 && Object.keys(t.h).length === 0;

/** into += sign * from (zeros are dropped, so equal tallies serialise equally). */
export const addTally = (into: Tally, from: Tally, sign = 1): void => {
  for (const name in from.n) {
    const next = (into.n[name] ?? 0) + sign * (from.n[name] as number);
    if (next === 0) delete into.n[name];
    else into.n[name] = next;
  }
  for (const name in from.h) {
    const h = into.h[name] ?? {};
    into.h[name] = h;
    addToHistogram(h, from.h[name] as Histogram, sign);
    if (Object.keys(h).length === 0) delete into.h[name];
  }
};

export const cloneTally = (t: Tally): Tally => {
  const copy = emptyTally();
  addTally(copy, t);
  return copy;
};

/** Stable text of a tally (keys sorted): equal tallies give equal text. */
export const tallyText = (t: Tally): string => {
  const sort = (o: Record<string, unknown>): Record<string, unknown> =>
    Object.fromEntries(
      Object.keys(o)
        .sort()
        .map((k) => [k, typeof o[k] === 'object' ? sort(o[k] as Record<string, unknown>) : o[k]]),
    );
  return JSON.stringify({ n: sort(t.n), h: sort(t.h) });
};

export interface BucketRef {
  readonly family: ReportFamily;
  readonly day: string;
  readonly dims: Dimensions;
}

export const bucketKey = ({ family, day, dims }: BucketRef): string =>
  [family, day, ...FAMILY_DIMENSIONS[family].map((d) => dims[d] ?? NONE)].join('|');

export const bucketRefOf = (key: string): BucketRef => {
  const [family, day, ...values] = key.split('|') as [ReportFamily, string, ...string[]];
  const dims: Record<string, string> = {};
  FAMILY_DIMENSIONS[family].forEach((d, i) => {
    dims[d] = values[i] ?? NONE;
  });
  return { family, day, dims };
};

/** One ticket's contributions: bucket key -> tally. */
export type Contribution = Map<string, Tally>;

/** Adds `value` to counter `name` of the bucket (creating the bucket's tally). */
export class ContributionBuilder {
  readonly buckets: Contribution = new Map();

  private tally(ref: BucketRef): Tally {
    const key = bucketKey(ref);
    let t = this.buckets.get(key);
    if (!t) {
      t = emptyTally();
      this.buckets.set(key, t);
    }
    return t;
  }

  count(ref: BucketRef, name: string, value = 1): void {
    if (value === 0) return;
    const t = this.tally(ref);
    t.n[name] = (t.n[name] ?? 0) + value;
  }

  /** Records one duration (ms) into histogram `name` and its sum into counter `name + 'Ms'`. */
  duration(ref: BucketRef, name: string, ms: number, bin: number): void {
    const t = this.tally(ref);
    const h = t.h[name] ?? {};
    t.h[name] = h;
    h[bin] = (h[bin] ?? 0) + 1;
    t.n[`${name}Ms`] = (t.n[`${name}Ms`] ?? 0) + ms;
  }
}
