import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { ReadModel } from '../../projections/read-model/read-model.ts';
import { dumpReadModel } from '../support/projection-dump.ts';
import { openProjectionHarness, type ProjectionHarness } from '../support/projection-harness.ts';
import { assessRisk as assess, raiseRisk as raise } from '../support/risk-commands.ts';

const directory = mkdtempSync(join(tmpdir(), 'ccag-rebuild-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

async function fill(harness: ProjectionHarness): Promise<void> {
  for (let n = 1; n <= 10; n++) await harness.execute(raise(n));
  for (let n = 1; n <= 10; n++) await harness.execute(assess(n, 20));
  await harness.settle();
}

/** Marks the live model so that answers from it can be told from answers from a rebuilt one. */
function markLiveModel(harness: ProjectionHarness): void {
  harness.readModel.db
    .prepare(`UPDATE log SET state = json_set(state, '$.description', 'from the old model') WHERE item_id = 'risk:R1'`)
    .run();
}

describe.each([
  ['in memory', () => ':memory:'],
  ['on file', () => join(directory, `read-model-${Math.random().toString(16).slice(2)}.db`)],
])('rebuilding a read model %s', (_where, readModelPath) => {
  it('answers from the old model while the new one is built, then from the new one', async () => {
    const path = readModelPath();
    const harness = openProjectionHarness({ readModelPath: path, maxBatchSize: 3 });
    try {
      await fill(harness);
      markLiveModel(harness);
      const registerBefore = harness.queries.items('risk');
      expect(harness.queries.item('risk:R1')?.view['description']).toBe('from the old model');

      const duringRebuild: { progress: number; description: unknown; risks: number }[] = [];
      let writtenMeanwhile: Promise<unknown> | undefined;
      await harness.runner.rebuild((applied) => {
        duringRebuild.push({
          progress: applied,
          description: harness.queries.item('risk:R1')?.view['description'],
          risks: harness.queries.items('risk').length,
        });
        // A write while the replacement is being built must reach the model swapped in.
        writtenMeanwhile ??= harness.execute(raise(11));
      });

      expect(duringRebuild.length).toBeGreaterThan(3);
      expect(duringRebuild.some((d) => d.progress < 20)).toBe(true);
      // Half-way through the build, readers still saw the whole old model.
      for (const seen of duringRebuild) expect(seen.description).toBe('from the old model');
      expect(duringRebuild[0]!.risks).toBe(registerBefore.length);

      await writtenMeanwhile;
      await harness.settle();
      expect(harness.queries.item('risk:R1')?.view['description']).toBe('Risk 1');
      expect(harness.queries.item('risk:R11')).toMatchObject({ version: 1 });
      expect(harness.queries.items('risk')).toHaveLength(11);

      // Still following the log after the swap.
      const later = await harness.execute(assess(11, 25));
      await harness.runner.waitFor(later.position, 5_000);
      expect(harness.queries.item('risk:R11')?.view['score']).toBe(25);

      if (path !== ':memory:') {
        expect(existsSync(`${path}.rebuild`)).toBe(false);
        // A second look at the file while the harness holds it.
        const reopened = new ReadModel(path, { ignoreLock: true });
        try {
          expect(dumpReadModel(reopened.db)).toEqual(dumpReadModel(harness.readModel.db));
        } finally {
          reopened.close();
        }
      }
    } finally {
      await harness.close();
    }
  });

  it('tells change listeners of every write exactly once, including those made while the live model was paused', async () => {
    const harness = openProjectionHarness({ readModelPath: readModelPath(), maxBatchSize: 4 });
    try {
      await fill(harness);
      const heard: string[] = [];
      harness.runner.onChanges((changes) => heard.push(...changes.map((c) => c.event.id)));
      const readAll = harness.store.readAll.bind(harness.store);
      let pausedWrite: string | undefined;
      vi.spyOn(harness.store, 'readAll').mockImplementation(async (options) => {
        if (!harness.runner.running && pausedWrite === undefined) {
          // The live model is paused for the last stretch of the rebuild: write now.
          pausedWrite = (await harness.execute(raise(12))).events[0]!.id;
        }
        return readAll(options);
      });
      const written = [(await harness.execute(raise(11))).events[0]!.id];
      await harness.runner.rebuild(() => {});
      written.push((await harness.execute(assess(11, 30))).events[0]!.id);
      await harness.settle();

      expect(pausedWrite).toBeDefined();
      expect(harness.queries.item('risk:R12')).toMatchObject({ version: 1 });
      expect(heard.sort()).toEqual([...written, pausedWrite!].sort());
    } finally {
      await harness.close();
    }
  });

  it('joins a rebuild already running rather than starting a second', async () => {
    const harness = openProjectionHarness({ readModelPath: readModelPath(), maxBatchSize: 4 });
    try {
      await fill(harness);
      const first = harness.runner.rebuild();
      expect(harness.runner.rebuild()).toBe(first);
      await first;
      expect(harness.queries.items('risk')).toHaveLength(10);
    } finally {
      await harness.close();
    }
  });
});
