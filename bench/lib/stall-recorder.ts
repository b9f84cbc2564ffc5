import { monitorEventLoopDelay } from 'node:perf_hooks';
import { watchGaps, type GapReading } from './gap-watch.ts';
import { percentile } from './measure.ts';

/** What the event loop did while one job ran. */
export interface StallReading extends GapReading {
  readonly jobMs: number;
  /** perf_hooks' histogram of event-loop delay (1 ms resolution): its maximum and 99th percentile. */
  readonly histogramMaxMs: number;
  readonly histogramP99Ms: number;
  /** A stand-in request due every millisecond: how long after it was due it was answered. */
  readonly probe: { readonly count: number; readonly p50Ms: number; readonly p99Ms: number; readonly maxMs: number };
}

/**
 * Runs `job` while three things watch the event loop: a 1 ms interval timer (the longest gap
 * between its ticks), monitorEventLoopDelay, and a probe `request` due every millisecond (its
 * lateness counts from when it was due, so a stall is charged to the probes it held up).
 */
export async function recordStalls(job: () => Promise<unknown>, request: () => Promise<unknown>): Promise<StallReading> {
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  const gaps = watchGaps(1);
  const latencies: number[] = [];
  let probing = true;
  const probe = async () => {
    while (probing) {
      const due = performance.now() + 1;
      await new Promise((resolve) => setTimeout(resolve, 1));
      await request();
      latencies.push(Math.max(0, performance.now() - due));
    }
  };
  histogram.enable();
  const probes = probe();
  const started = performance.now();
  await job();
  const jobMs = performance.now() - started;
  // A tick or probe held up by the job's last stretch still gets to count it.
  await new Promise((resolve) => setTimeout(resolve, 20));
  probing = false;
  await probes;
  const gapReading = gaps.stop();
  histogram.disable();
  return {
    jobMs,
    ...gapReading,
    histogramMaxMs: histogram.max / 1e6,
    histogramP99Ms: histogram.percentile(99) / 1e6,
    probe: {
      count: latencies.length,
      p50Ms: percentile(latencies, 50),
      p99Ms: percentile(latencies, 99),
      maxMs: latencies.length === 0 ? 0 : Math.max(...latencies),
    },
  };
}
