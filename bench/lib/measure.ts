/*
 * Timing helpers. The bench machines are shared and noisy, so a figure is only ever read
 * as a ratio against a reference measured in the same run, with the two interleaved.
 */

export function now(): number {
  return performance.now();
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Nearest-rank percentile, p in [0, 100]. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

export async function timed<T>(work: () => Promise<T> | T): Promise<{ ms: number; value: T }> {
  const start = now();
  const value = await work();
  return { ms: now() - start, value };
}

/**
 * Runs subject and reference in alternating rounds (reference first, so neither always
 * goes first on a cold cache) and returns every round's measurement of each.
 */
export async function interleave<S, R>(
  rounds: number,
  subject: (round: number) => Promise<S>,
  reference: (round: number) => Promise<R>,
): Promise<{ subject: S[]; reference: R[] }> {
  const subjects: S[] = [];
  const references: R[] = [];
  for (let round = 0; round < rounds; round++) {
    if (round % 2 === 0) {
      references.push(await reference(round));
      subjects.push(await subject(round));
    } else {
      subjects.push(await subject(round));
      references.push(await reference(round));
    }
  }
  return { subject: subjects, reference: references };
}

/** Deterministic PRNG (mulberry32), so two runs generate the same register. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

export function formatCount(n: number): string {
  if (n >= 1_000_000 && n % 1_000_000 === 0) return `${n / 1_000_000}M`;
  if (n >= 1_000 && n % 1_000 === 0) return `${n / 1_000}k`;
  return String(n);
}
