/**
 * One projection catch-up in a process of its own, so its peak memory is its own:
 * opens the register on the log at argv[2].storePath with an empty file read model in
 * argv[2].dataDir, waits until the runner has reached the head, and prints one JSON line.
 */
import { readFileSync } from 'node:fs';
import { openBenchRegister } from '../fixtures/open.ts';
import { watchGaps, type GapReading } from '../lib/gap-watch.ts';

export interface CatchUpChildInput {
  readonly storePath: string;
  readonly dataDir: string;
  readonly events: number;
}

export interface CatchUpChildResult {
  readonly ms: number;
  readonly reached: number;
  /** RSS once the modules are loaded, before the register opens: the process's own floor. */
  readonly baselineRssMb: number;
  /** Peak RSS over the process's life (getrusage maxrss). */
  readonly peakRssMb: number;
  /** The kernel's high-water mark, /proc/self/status VmHWM. */
  readonly vmHwmMb: number | null;
  /** The event loop during the catch-up, watched by a 10 ms ticker. */
  readonly gaps: GapReading;
}

function vmHwmMb(): number | null {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    return match ? Number(match[1]) / 1024 : null;
  } catch {
    return null;
  }
}

const input = JSON.parse(process.argv[2] ?? '{}') as CatchUpChildInput;
const baselineRssMb = process.memoryUsage().rss / 1024 / 1024;
// A 10 ms ticker: the longest gap between two ticks is the longest the event loop was held.
const gaps = watchGaps(10);
const start = performance.now();
const register = await openBenchRegister({ storePath: input.storePath, dataDir: input.dataDir });
await register.runner.catchUp(3_600_000);
const ms = performance.now() - start;
// Let a tick that was held up by the catch-up run, so its gap is counted.
await new Promise((resolve) => setTimeout(resolve, 30));
const gapReading = gaps.stop();
const reached = Number(register.runner.checkpoint?.commit ?? 0n);
await register.close();
const result: CatchUpChildResult = {
  ms,
  reached,
  baselineRssMb,
  peakRssMb: process.resourceUsage().maxRSS / 1024,
  vmHwmMb: vmHwmMb(),
  gaps: gapReading,
};
process.stdout.write(`${JSON.stringify(result)}\n`);
