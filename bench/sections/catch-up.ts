import type { BenchContext, Sizes } from '../lib/context.ts';
import { formatCount, median } from '../lib/measure.ts';
import { gapSplitFigure } from '../lib/gap-watch.ts';
import { tmpPath } from '../lib/tmp.ts';
import { readModelPath } from '../fixtures/open.ts';
import { databaseBytes, rawInsertsOfReadModel, type ReferenceRun } from './catch-up-reference.ts';
import { DEFAULT_BATCH_SIZE } from '../../projections/runner/runner.ts';
import type { BuiltLog } from '../fixtures/log-builder.ts';
import { runChild } from '../lib/child.ts';
import type { CatchUpChildInput, CatchUpChildResult } from './catch-up-child.ts';

/*
 * 2. Projection catch-up: a register opened on a log with an empty read model, timed from
 * openRegister until the runner has caught up with the head (the path `npm start` takes),
 * in a child process of its own, which also gives 6., the peak memory of a rebuild,
 * against raw batched inserts of every row that read model holds, into the same tables
 * with the same indexes (catch-up-reference.ts), after each subject round.
 */

export interface CatchUpResult {
  /** Data directory of the last subject round, read model built: reused by as-of and movement. */
  readonly dataDir: string;
}

/** Builds the read model of `log` in `dataDir`, in a child process of its own (time and peak memory). */
export async function catchUp(log: BuiltLog, dataDir: string): Promise<CatchUpChildResult> {
  const input: CatchUpChildInput = { storePath: log.path, dataDir, events: log.events };
  const result = await runChild<CatchUpChildResult>('sections/catch-up-child.ts', input);
  if (result.reached !== log.events) throw new Error(`catch-up stopped at ${result.reached} of ${log.events}`);
  return result;
}

export async function catchUpSection(context: BenchContext, sizes: Sizes, log: BuiltLog): Promise<CatchUpResult> {
  const subject: number[] = [];
  const reference: number[] = [];
  const references: ReferenceRun[] = [];
  const children: CatchUpChildResult[] = [];
  const dataDir = tmpPath('catch-up', `register-${formatCount(log.events)}`);
  for (let round = 0; round < sizes.catchUpRounds; round++) {
    context.log(`catch-up ${formatCount(log.events)}: round ${round + 1} of ${sizes.catchUpRounds}`);
    const child = await catchUp(log, dataDir);
    children.push(child);
    subject.push((log.events / child.ms) * 1000);
    // The reference writes what this round's read model holds, so it needs the round first.
    const run = rawInsertsOfReadModel(readModelPath(dataDir), tmpPath('catch-up', 'raw.db'), {
      eventsPerCommit: DEFAULT_BATCH_SIZE,
      events: log.events,
    });
    references.push(run);
    reference.push((log.events / run.ms) * 1000);
  }
  const rate = median(subject);
  const rawRate = median(reference);
  const events = formatCount(log.events);
  context.figures.push({
    id: '2a',
    section: 'Catch-up',
    figure: {
      label: `Projection catch-up of ${events} events (openRegister → runner caught up, file read model)`,
      value: rate,
      unit: 'events/s',
    },
    reference: {
      label: `raw batched inserts of the read model's ${references[0]!.rows.toLocaleString('en-GB')} rows into its ${references[0]!.tables} tables and ${references[0]!.indexes} indexes (${references[0]!.rowsPerTransaction.toLocaleString('en-GB')} per transaction, as catch-up commits), as events of the log per second`,
      value: rawRate,
      unit: 'events/s',
    },
    ratio: { value: rate / rawRate, meaning: 'of reference' },
    target: { on: 'ratio', op: '>=', threshold: 0.5, text: '≥ 50% of raw batched inserts' },
    detail: { rounds: subject, referenceRounds: reference, events: log.events, references },
  });
  context.figures.push({
    id: '2b',
    section: 'Catch-up',
    figure: { label: `Projection catch-up of ${events} events, absolute rate`, value: rate, unit: 'events/s' },
    reference: { label: 'raw batched inserts (as 2a)', value: rawRate, unit: 'events/s' },
    ratio: { value: rate / rawRate, meaning: 'of reference' },
    target: { on: 'value', op: '>=', threshold: 100_000, text: '≥ 100,000 events/s' },
    detail: { rounds: subject },
  });
  // The child whose stall was the longest, for how its worst gap divides.
  const worst = children.reduce((a, b) => (b.gaps.worstGapMs > a.gaps.worstGapMs ? b : a)).gaps;
  const stall = worst.worstGapMs;
  const duration = median(children.map((c) => c.ms));
  context.figures.push({
    id: '2c',
    section: 'Catch-up',
    figure: { label: `Longest event-loop stall during the ${events} catch-up (no request could be answered)`, value: stall, unit: 'ms' },
    reference: { label: 'the whole catch-up', value: duration, unit: 'ms' },
    ratio: { value: stall / duration, meaning: 'of reference' },
    target: null,
    detail: { allThreadsCpuMsInOneGap: Math.max(...children.map((c) => c.gaps.worstGapCpuMs)) },
  });
  const ownRun = Math.max(...children.map((c) => c.gaps.mainThread?.worstGapRunMs ?? c.gaps.worstGapCpuMs));
  context.figures.push({
    id: '2c-cpu',
    section: 'Catch-up',
    figure: {
      label: worst.mainThread
        ? `Longest the main thread itself ran within one gap between the 10 ms ticks during the ${events} catch-up (its time on a core)`
        : `CPU the process used within one gap between the 10 ms ticks during the ${events} catch-up, at most (all threads)`,
      value: ownRun,
      unit: 'ms',
    },
    reference: { label: 'the longest gap, wall clock (2c)', value: stall, unit: 'ms' },
    ratio: { value: ownRun / stall, meaning: 'of reference' },
    target: null,
  });
  if (worst.mainThread) {
    const label = `The longest stall during the ${events} catch-up (2c), as the main thread spent it`;
    context.figures.push(gapSplitFigure('2c-split', 'Catch-up', label, stall, worst.mainThread.worstGap));
  }
  const readModelBytes = databaseBytes(readModelPath(dataDir));
  const logBytes = databaseBytes(log.path);
  context.figures.push({
    id: '2d',
    section: 'Catch-up',
    figure: { label: `Read model on disk after catching up ${events} events`, value: readModelBytes / 1024 / 1024, unit: 'MB' },
    reference: { label: 'the event log it was built from', value: logBytes / 1024 / 1024, unit: 'MB' },
    ratio: { value: readModelBytes / logBytes, meaning: 'the event log' },
    target: { on: 'ratio', op: '<=', threshold: 1, text: 'no larger than the event log' },
    detail: { readModelBytes, logBytes, bytesPerEvent: readModelBytes / log.events },
  });
  const peak = Math.max(...children.map((c) => c.peakRssMb));
  const baseline = median(children.map((c) => c.baselineRssMb));
  context.figures.push({
    id: '6',
    section: 'Memory',
    figure: { label: `Peak RSS while catching up (rebuilding) the read model from ${events} events, own process`, value: peak, unit: 'MB' },
    reference: { label: 'the same process before opening the register (modules loaded)', value: baseline, unit: 'MB' },
    ratio: { value: peak / baseline, meaning: 'the baseline' },
    target: {
      on: 'value',
      op: '<=',
      threshold: 300,
      text: `≤ 300 MB${context.mode === 'quick' ? ' (brief: during a 1M rebuild; here the largest quick log)' : ''}`,
    },
    detail: { children },
  });
  return { dataDir };
}
