import type { BenchContext } from '../lib/context.ts';
import { runChild } from '../lib/child.ts';
import { gapSplitFigure } from '../lib/gap-watch.ts';
import { formatCount } from '../lib/measure.ts';
import { tmpPath } from '../lib/tmp.ts';
import type { BuiltLog } from '../fixtures/log-builder.ts';
import type { StallChildInput, StallChildResult, StallJob } from './stall-child.ts';

/*
 * 9. Event-loop stalls. The issue's bound: long work (catch-up, rebuild with its swap,
 * verification, holding a meeting) never holds the event loop more than 50 ms at a time. Each
 * job runs in a child process of its own on a copy of the log while a 1 ms timer, perf_hooks'
 * delay histogram and a probe request due every millisecond watch the loop. The wall-clock gap
 * on a shared machine includes time spent waiting for a core; the CPU used within the worst gap
 * is the part the job itself held.
 */

const jobs: readonly { job: StallJob; id: string; words: string }[] = [
  { job: 'catch-up', id: '9a', words: 'catch-up from an empty read model' },
  { job: 'rebuild', id: '9b', words: 'rebuild beside the live model, with its swap' },
  { job: 'verification', id: '9c', words: 'verification from scratch' },
  { job: 'hold meeting', id: '9d', words: 'holding a meeting (its verification walk from cold)' },
];

export async function stallSection(context: BenchContext, log: BuiltLog): Promise<void> {
  const input: StallChildInput = {
    storePath: log.path,
    signingKeyFile: log.signingKeyFile,
    workDir: tmpPath('stall', 'work'),
    events: log.events,
  };
  context.log(`stall: four long jobs on the ${formatCount(log.events)} log`);
  const result = await runChild<StallChildResult>('sections/stall-child.ts', input);
  const events = formatCount(log.events);
  for (const { job, id, words } of jobs) {
    const reading = result[job];
    context.figures.push({
      id,
      section: 'Event-loop stalls',
      figure: {
        label: `Longest event-loop stall during ${words}, ${events} events (1 ms timer's worst gap)`,
        value: reading.worstGapMs,
        unit: 'ms',
      },
      reference: { label: 'the whole job', value: reading.jobMs, unit: 'ms' },
      ratio: { value: reading.worstGapMs / reading.jobMs, meaning: 'of reference' },
      target: { on: 'value', op: '<=', threshold: 50, text: '≤ 50 ms' },
      detail: { ...reading },
    });
    // The main thread's own run time (Linux schedstat); all threads' CPU where that cannot be read.
    const main = reading.mainThread;
    const ownRunMs = main ? main.worstGapRunMs : reading.worstGapCpuMs;
    context.figures.push({
      id: `${id}-cpu`,
      section: 'Event-loop stalls',
      figure: {
        label: main
          ? `Longest the main thread itself ran within one gap during ${words} (its time on a core, without waiting for one)`
          : `CPU the process used within its worst gap during ${words} (all threads)`,
        value: ownRunMs,
        unit: 'ms',
      },
      reference: { label: 'the worst gap, wall clock', value: reading.worstGapMs, unit: 'ms' },
      ratio: { value: ownRunMs / reading.worstGapMs, meaning: 'of reference' },
      target: { on: 'value', op: '<=', threshold: 50, text: '≤ 50 ms' },
      detail: { allThreadsCpuMsInOneGap: reading.worstGapCpuMs },
    });
    if (main) {
      const label = `The worst gap during ${words}, as the main thread spent it`;
      context.figures.push(gapSplitFigure(`${id}-split`, 'Event-loop stalls', label, reading.worstGapMs, main.worstGap));
    }
    context.figures.push({
      id: `${id}-probe`,
      section: 'Event-loop stalls',
      figure: { label: `A status request due every 1 ms during ${words}: p99 lateness`, value: reading.probe.p99Ms, unit: 'ms' },
      reference: { label: 'its median', value: reading.probe.p50Ms, unit: 'ms' },
      ratio: null,
      target: null,
      detail: { ...reading.probe },
    });
  }
}
