/**
 * `npm run bench` (quick, about two minutes) and `npm run bench -- --full` (adds a
 * 1,000,000-event log). Writes bench/RESULTS.md and bench/results.json and prints the table.
 */
import { cpus, loadavg } from 'node:os';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { sizesFor, type BenchContext } from './lib/context.ts';
import { evaluate, markdownTable, writeResults, type Figure } from './lib/report.ts';
import { formatCount } from './lib/measure.ts';
import { methodText } from './lib/method.ts';
import { tmpDir, tmpPath } from './lib/tmp.ts';
import { logOfSize, type LogOrigin } from './fixtures/logs.ts';
import { appendSection } from './sections/append.ts';
import { catchUp, catchUpSection } from './sections/catch-up.ts';
import { asOfSection, type LogWithReadModel } from './sections/as-of.ts';
import { graphqlSection } from './sections/graphql.ts';
import { webSection } from './sections/web.ts';
import { startSection } from './sections/start.ts';
import { stallSection } from './sections/stall.ts';
import { ensureServerBuild } from '../services/start/build-server.mjs';

const mode = process.argv.includes('--full') ? 'full' : 'quick';
const freshLogs = process.argv.includes('--fresh-logs');
const only = process.argv
  .find((a) => a.startsWith('--only='))
  ?.slice('--only='.length)
  .split(',');
const sizes = sizesFor(mode);
const started = Date.now();
const figures: Figure[] = [];
const context: BenchContext = {
  mode,
  figures,
  log: (message) => console.error(`[bench ${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${message}`),
};
const wanted = (section: string) => !only || only.includes(section);

// Everything from an earlier run but the cached logs.
if (existsSync(tmpDir)) {
  for (const name of readdirSync(tmpDir)) if (name !== 'logs') rmSync(join(tmpDir, name), { recursive: true, force: true });
}
const loadNow = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
/** The machine is shared: its load (1, 5, 15 minute averages) as each section starts, to read the figures by. */
const loadBySection: Record<string, string> = {};
const section = async (name: string, run: () => Promise<unknown>) => {
  if (!wanted(name)) return;
  loadBySection[name] = loadNow();
  context.log(`${name}: load ${loadBySection[name]}`);
  await run();
};
const machine = {
  cpus: cpus().length,
  cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
  node: process.version,
  loadAverage: loadNow(),
  loadBySection,
};
context.log(`${mode} mode; ${machine.cpus} CPUs, load ${machine.loadAverage}`);

// As `npm start` leaves it: the server compiled, so that the register's worker threads run the
// compiled entries as they do in production (a source run uses them when they are up to date).
await ensureServerBuild(context.log);

// The logs (and their read models) are for the sections that read a register; append and web make their own.
const needReadModels = ['catch-up', 'as-of', 'graphql', 'start'].some(wanted);
const logs: LogOrigin[] = [];
if (needReadModels || wanted('stall')) {
  for (const events of sizes.logSizes) logs.push(await logOfSize(events, { fresh: freshLogs, log: context.log }));
}

await section('append', () => appendSection(context, sizes));

// The largest log's read model comes from the catch-up measurement; the others are built as a fixture.
const readModels: LogWithReadModel[] = [];
if (needReadModels) {
  const largest = logs.at(-1)!.log;
  for (const { log } of logs.slice(0, -1)) {
    const dataDir = tmpPath('read-models', `register-${formatCount(log.events)}`);
    context.log(`read model for ${formatCount(log.events)}`);
    await catchUp(log, dataDir);
    readModels.push({ log, dataDir });
  }
  loadBySection['catch-up'] = loadNow();
  const { dataDir } = await catchUpSection(context, sizes, largest);
  readModels.push({ log: largest, dataDir });
}
await section('as-of', () => asOfSection(context, sizes, readModels));
await section('graphql', () => graphqlSection(context, sizes, readModels[0]!.log, readModels[0]!.dataDir));
const store100k = readModels.find((entry) => entry.log.events === 100_000) ?? readModels.at(-1)!;
await section('start', () => startSection(context, sizes, store100k.log, store100k.dataDir));
await section('web', () => webSection(context));
await section('stall', () => stallSection(context, (logs.find(({ log }) => log.events === 100_000) ?? logs.at(-1)!).log));
machine.loadAverage = `${machine.loadAverage} at start; ${loadNow()} at the end`;

const order = (a: Figure, b: Figure) => a.id.localeCompare(b.id, 'en', { numeric: true });
const results = [...figures].sort(order).map(evaluate);
const { markdown } = writeResults(
  {
    mode,
    startedAt: new Date(started).toISOString(),
    durationSeconds: (Date.now() - started) / 1000,
    machine,
    sizes: {
      ...sizes,
      logs: logs.map(({ log, reused }) => ({
        events: log.events,
        throughHandler: log.throughHandler,
        reused,
        generationSeconds: log.generationSeconds,
      })),
    },
  },
  results,
  methodText(logs),
);
console.log(markdownTable(results));
const missed = results.filter((f) => f.met === false);
console.log(missed.length === 0 ? '\nAll targets met.' : `\nTargets missed: ${missed.map((f) => f.id).join(', ')}`);
context.log(`done; wrote bench/RESULTS.md and bench/results.json (${markdown.length} characters)`);
