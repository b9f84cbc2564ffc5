import { existsSync, readFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { percentile } from './measure.ts';

/** What the event loop did while one job ran. */
export interface StallReading {
  readonly jobMs: number;
  /** The longest gap between two runs of a 1 ms interval timer: the longest nothing else could run. */
  readonly worstGapMs: number;
  /**
   * The most CPU time the process used within one gap between ticks (all its threads). On a
   * machine shared with other work a gap is also time spent waiting for a core; this is the
   * part the job itself held the loop for, at most.
   */
  readonly worstGapCpuMs: number;
  /**
   * The main thread alone (Linux's per-thread scheduler statistics, nanoseconds): the most time
   * it ran on a core within one gap, and, for the worst gap, how it spent it: running, waiting
   * for a core, and neither (blocked in a system call: I/O, a lock). Null where there are none.
   */
  readonly mainThread: {
    readonly worstGapRunMs: number;
    readonly worstGap: { readonly runMs: number; readonly waitForCoreMs: number; readonly blockedMs: number };
  } | null;
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
  let last = performance.now();
  let lastCpu = process.cpuUsage();
  let worstGapMs = 0;
  let worstGapCpuMs = 0;
  const schedstat = mainThreadSchedstat();
  let lastSched = schedstat?.();
  let worstGapRunMs = 0;
  let worstGap = { runMs: 0, waitForCoreMs: 0, blockedMs: 0 };
  const ticker = setInterval(() => {
    const tick = performance.now();
    const cpu = process.cpuUsage(lastCpu);
    const sched = schedstat?.();
    const gap = tick - last;
    if (sched && lastSched) {
      const runMs = (sched.runNs - lastSched.runNs) / 1e6;
      const waitForCoreMs = (sched.waitNs - lastSched.waitNs) / 1e6;
      worstGapRunMs = Math.max(worstGapRunMs, runMs);
      if (gap > worstGapMs) worstGap = { runMs, waitForCoreMs, blockedMs: Math.max(0, gap - runMs - waitForCoreMs) };
    }
    worstGapMs = Math.max(worstGapMs, gap);
    worstGapCpuMs = Math.max(worstGapCpuMs, (cpu.user + cpu.system) / 1000);
    last = tick;
    lastCpu = process.cpuUsage();
    lastSched = schedstat?.();
  }, 1);
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
  clearInterval(ticker);
  histogram.disable();
  return {
    jobMs,
    worstGapMs,
    worstGapCpuMs,
    mainThread: schedstat ? { worstGapRunMs, worstGap } : null,
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

/** Reads the main thread's time on a core and waiting for one, in nanoseconds, where Linux tells it. */
function mainThreadSchedstat(): (() => { runNs: number; waitNs: number }) | undefined {
  const file = `/proc/self/task/${process.pid}/schedstat`;
  if (!existsSync(file)) return undefined;
  return () => {
    const [run, wait] = readFileSync(file, 'utf8').split(' ');
    return { runNs: Number(run), waitNs: Number(wait) };
  };
}
