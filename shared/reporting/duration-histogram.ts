/**
 * Durations kept as sparse histograms, so medians and p90s can be read from aggregates that were
 * summed over days, teams and priorities without keeping every ticket's value. Values are whole
 * seconds (the millisecond part is dropped); below 2,048 s (34 min) every second is its own bin,
 * above it each doubling is cut into 1,024 bins, so a percentile read back is at most 0.1 % below
 * the exact value (docs/metrics.md, "Percentiles").
 */

/** Bin index -> number of values in it. Stored with string keys (JSON). */
export type Histogram = Record<string, number>;

const EXACT = 2048;
const SUB_BINS = 1024;
const SUB_BITS = 10;

/** The bin of a duration in ms (negative durations count as zero). */
export const binOf = (ms: number): number => {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < EXACT) return s;
  const e = Math.floor(Math.log2(s));
  const shift = 2 ** (e - SUB_BITS);
  const sub = Math.min(SUB_BINS - 1, Math.floor(s / shift) - SUB_BINS);
  return EXACT + (e - 11) * SUB_BINS + sub;
};

/** The smallest duration (ms) that falls in the bin. */
export const binFloorMs = (bin: number): number => {
  if (bin < EXACT) return bin * 1000;
  const e = Math.floor((bin - EXACT) / SUB_BINS) + 11;
  const sub = (bin - EXACT) % SUB_BINS;
  return (SUB_BINS + sub) * 2 ** (e - SUB_BITS) * 1000;
};

export const addToHistogram = (into: Histogram, from: Readonly<Histogram>, sign = 1): void => {
  for (const bin in from) {
    const next = (into[bin] ?? 0) + sign * (from[bin] as number);
    if (next === 0) delete into[bin];
    else into[bin] = next;
  }
};

export const histogramCount = (h: Readonly<Histogram>): number => {
  let n = 0;
  for (const bin in h) n += h[bin] as number;
  return n;
};

/**
 * Nearest-rank percentile (p in (0, 1]): the value at rank ceil(p * n) in ascending order, as the
 * floor of its bin; null for an empty histogram.
 */
export const percentileMs = (h: Readonly<Histogram>, p: number): number | null => {
  const bins = Object.keys(h)
    .map(Number)
    .sort((a, b) => a - b);
  const n = histogramCount(h);
  if (n === 0) return null;
  const rank = Math.max(1, Math.ceil(p * n));
  let seen = 0;
  for (const bin of bins) {
    seen += h[bin] as number;
    if (seen >= rank) return binFloorMs(bin);
  }
  return binFloorMs(bins[bins.length - 1] as number);
};
