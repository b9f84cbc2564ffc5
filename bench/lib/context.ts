import type { Figure } from './report.ts';

export type Mode = 'quick' | 'full';

/** What every section gets: the mode, its sizes, somewhere to log progress, and the figures so far. */
export interface BenchContext {
  readonly mode: Mode;
  readonly log: (message: string) => void;
  readonly figures: Figure[];
}

export interface Sizes {
  /** Log sizes for the as-of table; the last is the largest (catch-up, movement, memory). */
  readonly logSizes: readonly number[];
  readonly append: {
    readonly rounds: number;
    readonly fullPerRound: number;
    readonly normalPerRound: number;
    readonly emmettPerRound: number;
  };
  readonly catchUpRounds: number;
  readonly asOf: {
    readonly lookups: number;
    /** Point lookups the reference way: read the item's stream and fold it. */
    readonly streamFolds: number;
    readonly wholeRegisterRepeats: number;
    readonly foldRepeats: number;
  };
  readonly movement: { readonly repeats: number; readonly replayRepeats: number };
  readonly graphql: {
    readonly rounds: number;
    readonly seconds: number;
    readonly connections: number;
    /** Connections for the p99 under a crowd (movement at 50). */
    readonly crowd: number;
  };
  /** `npm start` on an existing store: how many starts. */
  readonly starts: number;
}

export function sizesFor(mode: Mode): Sizes {
  return mode === 'quick'
    ? {
        logSizes: [10_000, 100_000],
        append: { rounds: 6, fullPerRound: 80, normalPerRound: 700, emmettPerRound: 20 },
        catchUpRounds: 1,
        asOf: { lookups: 2_000, streamFolds: 250, wholeRegisterRepeats: 15, foldRepeats: 2 },
        movement: { repeats: 6, replayRepeats: 1 },
        graphql: { rounds: 2, seconds: 3, connections: 10, crowd: 50 },
        starts: 3,
      }
    : {
        logSizes: [10_000, 100_000, 1_000_000],
        append: { rounds: 8, fullPerRound: 200, normalPerRound: 4_000, emmettPerRound: 50 },
        catchUpRounds: 1,
        asOf: { lookups: 10_000, streamFolds: 1_000, wholeRegisterRepeats: 30, foldRepeats: 2 },
        movement: { repeats: 20, replayRepeats: 2 },
        graphql: { rounds: 3, seconds: 6, connections: 10, crowd: 50 },
        starts: 5,
      };
}
