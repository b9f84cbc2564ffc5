/**
 * Child process for the runner crash test: follows the SQLite store at argv[2] into the
 * read model file at argv[3], in batches of argv[4] events, until it is killed. After each
 * batch commits it prints `applied <checkpoint position>`.
 *   mode `slow` (argv[5]): a projection that takes its time over every event runs inside
 *     each batch's transaction, so a kill most likely lands half-way through a batch.
 *   mode `pause` (argv[5]), N (argv[6]): after N batches it prints `paused <position>` and
 *     blocks, so the kill lands between two batches.
 */
import { formatPosition } from '../../services/core/position.ts';
import { createRegisterItems } from '../../services/items.ts';
import { createSqliteEventStore } from '../../services/eventstore/sqlite/sqlite-event-store.ts';
import { ReadModel } from '../../projections/read-model/read-model.ts';
import { ProjectionRunner } from '../../projections/runner/runner.ts';
import type { Projection } from '../../projections/runner/projection.ts';
import { registerProjections } from './projection-harness.ts';

const [storePath, readModelPath, batch, mode, pauseAfter] = process.argv.slice(2);
if (!storePath || !readModelPath || !batch || (mode !== 'slow' && mode !== 'pause')) {
  throw new Error('usage: runner-child.ts <store file> <read model file> <batch size> slow|pause [batches before pausing]');
}

const sleeper = new Int32Array(new SharedArrayBuffer(4));
const busyFor = (ms: number) => {
  const until = performance.now() + ms;
  while (performance.now() < until);
};

/** Stands for a heavy projection: it only spends time inside the batch's transaction. */
const slowProjection: Projection = {
  name: 'slow',
  handles: 'all',
  writes: {},
  fold: () => ({ apply: () => busyFor(0.5) }),
};

const store = createSqliteEventStore({ path: storePath });
const runner = new ProjectionRunner({
  store,
  registry: createRegisterItems(),
  readModel: new ReadModel(readModelPath),
  projections: mode === 'slow' ? [...registerProjections, slowProjection] : registerProjections,
  logger: { info() {}, warn: (m) => process.stderr.write(`${m}\n`), error: (m) => process.stderr.write(`${m}\n`) },
  maxBatchSize: Number(batch),
});
// A parent that went away must not leave this child running for ever.
process.stdout.on('error', () => process.exit(0));
setTimeout(() => process.exit(3), 120_000).unref();

let batches = 0;
runner.onChanges(() => {
  batches++;
  const at = formatPosition(runner.checkpoint!);
  if (mode === 'pause' && batches === Number(pauseAfter)) {
    process.stdout.write(`paused ${at}\n`);
    // Blocks the only thread: no further batch can start before the kill.
    Atomics.wait(sleeper, 0, 0, 60_000);
  }
  process.stdout.write(`applied ${at}\n`);
});
runner.start();
