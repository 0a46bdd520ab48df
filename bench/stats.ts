export interface LatencySummary {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  mean: number;
  max: number;
}

/** Nearest-rank percentile of ascending `sorted` values. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

export function summarize(samples: readonly number[]): LatencySummary {
  const sorted = [...samples].sort((a, b) => a - b);
  const round = (n: number) => Math.round(n * 1000) / 1000;
  return {
    n: sorted.length,
    p50: round(percentile(sorted, 50)),
    p95: round(percentile(sorted, 95)),
    p99: round(percentile(sorted, 99)),
    mean: round(sorted.reduce((a, b) => a + b, 0) / Math.max(1, sorted.length)),
    max: round(sorted.at(-1) ?? Number.NaN),
  };
}

/** Runs `task` once per item per round after one warm-up round; milliseconds per call. */
export async function timeCalls<T>(items: readonly T[], rounds: number, task: (item: T) => Promise<unknown>): Promise<number[][]> {
  for (const item of items) await task(item);
  const samples = items.map(() => [] as number[]);
  for (let round = 0; round < rounds; round++) {
    for (let i = 0; i < items.length; i++) {
      const started = performance.now();
      await task(items[i]!);
      samples[i]!.push(performance.now() - started);
    }
  }
  return samples;
}
