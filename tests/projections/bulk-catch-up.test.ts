import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { IntegrityError } from '../../services/core/errors.ts';
import { formatPosition } from '../../services/core/position.ts';
import {
  bulkCatchUpInWorker,
  bulkCatchUpRunning,
  type BulkCatchUp,
  type BulkJob,
  type BulkWorkerCode,
} from '../../projections/runner/bulk-catch-up.ts';
import type { AppliedChange } from '../../projections/runner/projection.ts';
import { dumpReadModel } from '../support/projection-dump.ts';
import { handWritten } from '../support/hand-written.ts';
import { openProjectionHarness, type HarnessOptions } from '../support/projection-harness.ts';
import { assessRisk as assess, raiseRisk as raise } from '../support/risk-commands.ts';

const directory = mkdtempSync(join(tmpdir(), 'ccag-bulk-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));
let files = 0;
const file = (name: string) => join(directory, `${name}-${++files}.db`);

/** A store file holding `risks` risks raised and each assessed once: 2 × `risks` events. */
async function storeWith(risks: number): Promise<string> {
  const storePath = file('events');
  const writer = openProjectionHarness({ storePath, follow: false });
  try {
    for (let n = 1; n <= risks; n++) await writer.execute(raise(n));
    for (let n = 1; n <= risks; n++) await writer.execute(assess(n, 20 + (n % 5)));
  } finally {
    await writer.close();
  }
  return storePath;
}

/** The worker (its code as a server would choose it, or the one given), with every job and report it made recorded. */
function recordedWorker(code?: BulkWorkerCode, heapMb?: number) {
  const jobs: BulkJob[] = [];
  const reports: number[] = [];
  const entries: string[] = [];
  const runs: Promise<void>[] = [];
  const catchUp: BulkCatchUp = (job, onProgress, logger) => {
    jobs.push(job);
    const run = (code === undefined ? bulkCatchUpInWorker : bulkCatchUpRunning(code, heapMb))(
      job,
      (progress) => {
        reports.push(progress.seq);
        onProgress(progress);
      },
      logger,
    );
    entries.push(run.entry);
    runs.push(run.done.catch(() => {}));
    return run;
  };
  /**
   * Once every run has ended, all its reports are in: the runner takes up what the file holds
   * at each report, so it can be caught up (and settle) while later reports are on their way.
   */
  const finished = async () => {
    await Promise.all(runs);
  };
  return { jobs, reports, entries, catchUp, finished };
}

/** A read model built by the runner itself, in time slices on the event loop: what the worker must match. */
async function builtInProcess(storePath: string) {
  const harness = openProjectionHarness({ storePath, readModelPath: file('in-process'), maxBatchSize: 25 });
  try {
    await harness.settle();
    return dumpReadModel(harness.readModel.db);
  } finally {
    await harness.close();
  }
}

const inBulk = (storePath: string, worker: ReturnType<typeof recordedWorker>, more: Partial<HarnessOptions> = {}) =>
  openProjectionHarness({
    storePath,
    readModelPath: file('bulk'),
    maxBatchSize: 25,
    bulk: { catchUp: worker.catchUp, threshold: 30 },
    ...more,
  });

describe('catching a read model up in a worker thread', () => {
  it.each([
    ['compiled', 'compiled: dist/bulk-worker.mjs'],
    ['typescript', 'TypeScript through tsx: projections/runner/bulk-worker.ts'],
  ] as const)('builds, batch by batch, the read model the runner builds itself (worker code: %s)', async (code, entry) => {
    const storePath = await storeWith(60);
    const worker = recordedWorker(code);
    const harness = inBulk(storePath, worker);
    try {
      await harness.settle();
      await worker.finished();
      expect(worker.entries).toEqual([entry]);
      expect(worker.jobs).toHaveLength(1);
      expect(worker.jobs[0]).toMatchObject({ replacement: false, batchSize: 25 });
      // One report per committed batch of 25, the last one short.
      expect(worker.reports).toEqual([25, 50, 75, 100, 120]);
      expect(formatPosition(harness.runner.checkpoint!)).toBe('120');
      expect(dumpReadModel(harness.readModel.db)).toEqual(await builtInProcess(storePath));
      expect(harness.queries.item('risk:R7')).toMatchObject({ version: 2, view: { score: 22 } });
    } finally {
      await harness.close();
    }
  });

  it('a worker that runs out of its heap leaves the rest to the runner, on its own thread from then on', async () => {
    const storePath = await storeWith(60);
    const worker = recordedWorker('compiled', 4);
    const warnings: string[] = [];
    const harness = inBulk(storePath, worker, { logger: { info: () => {}, warn: (line) => warnings.push(line), error: () => {} } });
    try {
      await harness.settle();
      expect(warnings).toEqual([
        'projection runner main: the bulk catch-up worker ran out of its 4 MB heap; catching the read model up on the main thread from here',
      ]);
      expect(formatPosition(harness.runner.checkpoint!)).toBe('120');
      expect(dumpReadModel(harness.readModel.db)).toEqual(await builtInProcess(storePath));
      // A rebuild, far behind again, is not given to a worker either.
      await harness.runner.rebuild();
      expect(worker.jobs).toHaveLength(1);
      expect(dumpReadModel(harness.readModel.db)).toEqual(await builtInProcess(storePath));
    } finally {
      await harness.close();
    }
  });

  it('leaves a read model fewer events behind than the threshold to the runner', async () => {
    const storePath = await storeWith(10);
    const worker = recordedWorker();
    const harness = inBulk(storePath, worker);
    try {
      await harness.settle();
      expect(worker.jobs).toHaveLength(0);
      expect(formatPosition(harness.runner.checkpoint!)).toBe('20');
    } finally {
      await harness.close();
    }
  });

  it('tells listeners only of what was appended after the catch-up began, and releases a write waiting for it', async () => {
    const storePath = await storeWith(60);
    const worker = recordedWorker();
    const harness = inBulk(storePath, worker, { follow: false });
    const heard: AppliedChange[] = [];
    harness.runner.onChanges((changes) => heard.push(...changes));
    try {
      harness.runner.start();
      const [raised] = await harness.store.readStream('risk:R1', { maxCount: 1 });
      const data = { ...(raised!.data as Record<string, unknown>), riskId: 'R61' };
      const { position } = await harness.store.append('risk:R61', [handWritten(2, 'RiskRaised', data)], 'no_stream');
      await harness.runner.waitFor(position, 10_000);
      expect(harness.queries.item('risk:R61')).toMatchObject({ version: 1 });
      await harness.settle();
      await worker.finished();
      // The 120 events the log held before the runner started were not news to anyone listening.
      expect(heard.map((change) => change.itemId)).toEqual(['risk:R61']);
    } finally {
      await harness.close();
    }
  });

  it('rebuilds a replacement beside the live model in the worker, then swaps it in', async () => {
    const storePath = await storeWith(60);
    const worker = recordedWorker();
    const harness = inBulk(storePath, worker);
    try {
      await harness.settle();
      const progress: number[] = [];
      await harness.runner.rebuild((applied) => progress.push(applied));
      expect(worker.jobs.map((job) => job.replacement)).toEqual([false, true]);
      expect(worker.jobs[1]!.readModelPath).toBe(`${harness.readModel.path}.rebuild`);
      expect(progress).toEqual([25, 50, 75, 100, 120]);
      expect(dumpReadModel(harness.readModel.db)).toEqual(await builtInProcess(storePath));
    } finally {
      await harness.close();
    }
  });

  it('ends on a whole batch when the log does, and goes on from a model it built before, item states and tree included', async () => {
    const storePath = file('events');
    // One writer throughout: its events' ids are numbered by it.
    const writer = openProjectionHarness({ storePath, follow: false });
    for (let n = 1; n <= 50; n++) await writer.execute(raise(n));
    for (let n = 1; n <= 50; n++) await writer.execute(assess(n, 20 + (n % 5)));
    const readModelPath = file('resumed');
    const first = recordedWorker();
    const harness = openProjectionHarness({ storePath, readModelPath, maxBatchSize: 25, bulk: { catchUp: first.catchUp, threshold: 30 } });
    try {
      await harness.settle();
      await first.finished();
      expect(first.reports).toEqual([25, 50, 75, 100]);
    } finally {
      await harness.close();
    }
    // Every risk assessed again: the worker picks up each risk's version and the tree where the file left them.
    for (let n = 1; n <= 50; n++) await writer.execute(assess(n, 10 + (n % 7)));
    await writer.close();
    const second = recordedWorker();
    const resumed = openProjectionHarness({ storePath, readModelPath, maxBatchSize: 25, bulk: { catchUp: second.catchUp, threshold: 30 } });
    try {
      await resumed.settle();
      await second.finished();
      expect(second.reports).toEqual([125, 150]);
      expect(dumpReadModel(resumed.readModel.db)).toEqual(await builtInProcess(storePath));
      expect(resumed.queries.item('risk:R7')).toMatchObject({ version: 3, view: { score: 10 } });
    } finally {
      await resumed.close();
    }
  });

  it('builds from events whose decoding differs from their stored text, and from types it does not know, what the runner builds', async () => {
    const storePath = await storeWith(30);
    const writer = openProjectionHarness({ storePath, follow: false });
    const [raised] = await writer.store.readStream('risk:R1', { maxCount: 1 });
    // Its fields in the reverse order, and metadata with a field the schema drops: it decodes unlike its stored text.
    const reversed = Object.fromEntries(Object.entries({ ...(raised!.data as Record<string, unknown>), riskId: 'R31' }).reverse());
    const imported = handWritten(1, 'RiskRaised', reversed);
    await writer.store.append(
      'risk:R31',
      [{ ...imported, metadata: { ...imported.metadata, importedFrom: 'legacy register' } }],
      'no_stream',
    );
    await writer.store.append('risk:R31', [handWritten(2, 'RiskMitigationPlanned', { plan: 'later' })], 0);
    await writer.close();
    const worker = recordedWorker();
    const harness = inBulk(storePath, worker);
    try {
      await harness.settle();
      await worker.finished();
      expect(worker.jobs).toHaveLength(1);
      expect(worker.reports.at(-1)).toBe(62);
      expect(dumpReadModel(harness.readModel.db)).toEqual(await builtInProcess(storePath));
      expect(harness.queries.item('risk:R31')).toMatchObject({ version: 1, view: { riskId: 'R31' } });
    } finally {
      await harness.close();
    }
  });

  it('stops at a stored event that fails its schema as the runner does, keeping the batches before it', async () => {
    const storePath = await storeWith(30);
    const writer = openProjectionHarness({ storePath, follow: false });
    await writer.store.append('risk:R2', [handWritten(1, 'RiskScoreAssessed', { from: 20, to: 99 })], 1);
    await writer.close();
    const worker = recordedWorker();
    const harness = inBulk(storePath, worker, { follow: false });
    try {
      harness.runner.start();
      const stopped = harness.runner.waitFor({ commit: 61n, prepare: 61n }, 10_000);
      await expect(stopped).rejects.toThrow(IntegrityError);
      await expect(stopped).rejects.toThrow(/RiskScoreAssessed at risk:R2@2 \(position 61\) fails its schema/);
      expect(harness.runner.state).toMatchObject({ state: 'stopped' });
      await worker.finished();
      // Batches of 25: the first two were committed; the third held the bad event and left nothing.
      expect(worker.reports).toEqual([25, 50]);
      expect(formatPosition(harness.runner.checkpoint!)).toBe('50');
    } finally {
      await harness.close();
    }
  });

  it('stops after the batch under way when the runner stops, and a later runner goes on from there', async () => {
    const storePath = await storeWith(60);
    const worker = recordedWorker();
    const readModelPath = file('stopped');
    const first = openProjectionHarness({ storePath, readModelPath, maxBatchSize: 25, bulk: { catchUp: worker.catchUp, threshold: 30 } });
    await first.runner.stop();
    await first.close();
    const stoppedAt = Number(first.runner.checkpoint?.commit ?? 0n);
    // Whatever it reached is a whole number of batches, or nothing.
    expect(stoppedAt % 25 === 0 || stoppedAt === 120).toBe(true);

    const second = openProjectionHarness({ storePath, readModelPath, maxBatchSize: 25 });
    try {
      await second.settle();
      expect(dumpReadModel(second.readModel.db)).toEqual(await builtInProcess(storePath));
    } finally {
      await second.close();
    }
  });
});
