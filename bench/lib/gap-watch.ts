import { existsSync, readFileSync } from 'node:fs';
import type { Figure } from './report.ts';

/** How the main thread spent one gap between two ticks (Linux's per-thread scheduler statistics). */
export interface GapSplit {
  readonly runMs: number;
  readonly waitForCoreMs: number;
  /** Neither running nor waiting for a core: blocked in a system call (a disk read or write, a lock). */
  readonly blockedMs: number;
}

export interface GapReading {
  /** The longest gap between two ticks: the longest nothing else could run on the event loop. */
  readonly worstGapMs: number;
  /** The most CPU the process (all its threads, GC helpers and workers included) used within one gap. */
  readonly worstGapCpuMs: number;
  /** The main thread alone: the most it ran within one gap, and how it spent the worst gap. Null where Linux does not tell. */
  readonly mainThread: { readonly worstGapRunMs: number; readonly worstGap: GapSplit } | null;
}

/**
 * An interval timer that watches the event loop: the longest gap between its ticks, the CPU
 * used within one, and the main thread's own share of it, so that a stall can be told apart
 * from waiting for a core on a shared machine.
 */
export function watchGaps(intervalMs: number): { stop(): GapReading } {
  const schedstat = mainThreadSchedstat();
  let last = performance.now();
  let lastCpu = process.cpuUsage();
  let lastSched = schedstat?.();
  let worstGapMs = 0;
  let worstGapCpuMs = 0;
  let worstGapRunMs = 0;
  let worstGap: GapSplit = { runMs: 0, waitForCoreMs: 0, blockedMs: 0 };
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
  }, intervalMs);
  return {
    stop() {
      clearInterval(ticker);
      return { worstGapMs, worstGapCpuMs, mainThread: schedstat ? { worstGapRunMs, worstGap } : null };
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

/** A figure saying how the main thread spent a worst gap of `gapMs` (information, no target). */
export function gapSplitFigure(id: string, section: string, label: string, gapMs: number, split: GapSplit): Figure {
  return {
    id,
    section,
    figure: { label, value: gapMs, unit: 'ms' },
    reference: {
      label: `of it ${split.waitForCoreMs.toFixed(1)} ms waiting for a core, ${split.blockedMs.toFixed(1)} ms blocked in a system call, and running`,
      value: split.runMs,
      unit: 'ms',
    },
    ratio: null,
    target: null,
    detail: { ...split },
  };
}
