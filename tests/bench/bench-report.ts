/** The shape every benchmark reports, so `npm run bench` can file and summarise them alike. */
export interface BenchFigure {
  readonly metric: string;
  readonly value: number;
  readonly unit: string;
  /** The issue's goal, in words (e.g. ">= 40% of baseline"). */
  readonly goal?: string;
  readonly met?: boolean;
  /** The same measure on the baseline, taken in the same run. */
  readonly baseline?: number;
}

export interface BenchReport {
  readonly name: string;
  readonly issue: number;
  readonly figures: readonly BenchFigure[];
  readonly notes?: readonly string[];
}

export const percentile = (values: readonly number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN;
};

export const round = (value: number, digits = 2): number => Number(value.toFixed(digits));
