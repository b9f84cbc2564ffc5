import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parsePosition } from '../../services/core/position.ts';
import { createSqliteEventStore } from '../../services/eventstore/sqlite/sqlite-event-store.ts';
import { createRegisterItems } from '../../services/items.ts';
import { ReadModel } from '../../projections/read-model/read-model.ts';
import { ProjectionRunner } from '../../projections/runner/runner.ts';
import { dumpReadModel } from '../support/projection-dump.ts';
import { openProjectionHarness, registerProjections, silentLogger, type RegisterCommand } from '../support/projection-harness.ts';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const child = join(repoRoot, 'tests/support/runner-child.ts');

/** A few thousand events over many items: raises, then moves, with a correction now and then. */
function* busyRegister(): Generator<RegisterCommand> {
  const risks = 100;
  const actions = 50;
  const proposals = 30;
  const scores = new Map<number, number>();
  for (let r = 0; r < risks; r++) {
    scores.set(r, 10);
    yield {
      kind: 'risk',
      type: 'RaiseRisk',
      input: { riskId: `R${1000 + r}`, description: `Risk ${r}`, score: 10, mitigationPlan: [], raisedOn: '2024-06-01' },
    };
  }
  for (let a = 1; a <= actions; a++) {
    yield {
      kind: 'action',
      type: 'RaiseAction',
      input: { ref: `CCAG40-${String(a).padStart(2, '0')}`, raisedOn: '2024-06-01', text: `Action ${a}`, owner: { party: 'Code Bodies' } },
    };
  }
  for (let c = 0; c < proposals; c++) {
    yield {
      kind: 'changeProposal',
      type: 'RaiseChangeProposal',
      input: {
        codeBody: 'REC',
        ref: `R${String(300 + c).padStart(4, '0')}`,
        title: `CP ${c}`,
        summary: 'A change',
        raisedOn: '2024-06-01',
        mhhsImpact: 'Of interest',
      },
    };
  }
  for (let i = 0; i < 2_800; i++) {
    if (i % 3 === 0) {
      const r = (i / 3) % risks;
      const next = (scores.get(r)! % 30) + 1;
      scores.set(r, next);
      const type = i % 45 === 0 ? 'CorrectRisk' : 'AssessRiskScore';
      const input =
        type === 'CorrectRisk'
          ? { riskId: `R${1000 + r}`, fields: { score: next }, reason: 'Typo' }
          : { riskId: `R${1000 + r}`, score: next };
      yield { kind: 'risk', type, input };
    } else if (i % 3 === 1) {
      yield {
        kind: 'action',
        type: 'UpdateAction',
        input: { ref: `CCAG40-${String((i % actions) + 1).padStart(2, '0')}`, update: `Update ${i}` },
      };
    } else {
      const day = String((i % 28) + 1).padStart(2, '0');
      yield {
        kind: 'changeProposal',
        type: 'AddChangeProposalUpdate',
        input: { codeBody: 'REC', ref: `R${String(300 + (i % proposals)).padStart(4, '0')}`, on: `2024-11-${day}`, text: `Update ${i}` },
      };
    }
  }
}

interface ChildRun {
  /** Checkpoint positions the child reported after committed batches. */
  readonly applied: bigint[];
  readonly paused: bigint | undefined;
}

/** Runs the child until `stopWhen` says so, then kills it without warning. */
async function runUntilKilled(args: string[], stopWhen: (line: string) => boolean): Promise<ChildRun> {
  const proc = spawn(process.execPath, ['--import', 'tsx', child, ...args], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  const applied: bigint[] = [];
  let paused: bigint | undefined;
  let pending = '';
  let stderr = '';
  proc.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<NodeJS.Signals | number | null>((done) => proc.on('exit', (code, signal) => done(signal ?? code)));
  await new Promise<void>((enough, fail) => {
    proc.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      pending += chunk;
      const lines = pending.split('\n');
      pending = lines.pop()!;
      for (const line of lines) {
        const [word, position] = line.split(' ');
        const at = parsePosition(position ?? '')?.commit;
        if (at === undefined) return fail(new Error(`unreadable line from the child: ${line}`));
        if (word === 'applied') applied.push(at);
        if (word === 'paused') paused = at;
        if (stopWhen(line)) enough();
      }
    });
    proc.on('exit', (code) => fail(new Error(`the runner child exited before it was killed (${code}): ${stderr}`)));
    proc.on('error', fail);
  });
  proc.kill('SIGKILL');
  expect(await exited).toBe('SIGKILL');
  return { applied, paused };
}

describe('a projection runner killed without warning', () => {
  let directory: string;
  let storePath: string;
  let head: bigint;

  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), 'ccag-runner-crash-'));
    storePath = join(directory, 'events.db');
    const writer = openProjectionHarness({ storePath, follow: false });
    try {
      for (const command of busyRegister()) await writer.execute(command);
      head = (await writer.store.headPosition())!.commit;
    } finally {
      await writer.close();
    }
    expect(head).toBeGreaterThan(2_500n);
  }, 120_000);

  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  /** The read model left on disk, then caught up in this process, must equal a fresh rebuild. */
  async function restartAndCompare(readModelPath: string): Promise<void> {
    const store = createSqliteEventStore({ path: storePath });
    const registry = createRegisterItems();
    const follow = async (readModel: ReadModel, maxBatchSize: number) => {
      const runner = new ProjectionRunner({
        store,
        registry,
        readModel,
        projections: registerProjections,
        logger: silentLogger,
        maxBatchSize,
      });
      runner.start();
      await runner.catchUp(60_000);
      await runner.stop();
    };
    const restarted = new ReadModel(readModelPath);
    const fresh = new ReadModel(':memory:');
    try {
      await follow(restarted, 50);
      await follow(fresh, 1_000);
      const dump = dumpReadModel(restarted.db);
      expect(dump.log).toHaveLength(Number(head));
      expect(dump.checkpoints).toEqual(dumpReadModel(fresh.db).checkpoints);
      expect(dump).toEqual(dumpReadModel(fresh.db));
    } finally {
      restarted.close();
      fresh.close();
      await store.close();
    }
  }

  /** What the killed child left: its checkpoint, and whether the log index agrees with it. */
  function leftOnDisk(readModelPath: string): { checkpoint: bigint; seq: bigint; logRows: bigint; lastLogged: bigint | null } {
    const readModel = new ReadModel(readModelPath);
    try {
      const db = readModel.db;
      const checkpoint = db.prepare(`SELECT seq, commit_position FROM checkpoints WHERE name = 'main'`).safeIntegers(true).get() as {
        seq: bigint;
        commit_position: bigint;
      };
      const log = db.prepare(`SELECT COUNT(*) AS n, MAX(commit_position) AS last FROM log`).safeIntegers(true).get() as {
        n: bigint;
        last: bigint | null;
      };
      return { checkpoint: checkpoint.commit_position, seq: checkpoint.seq, logRows: log.n, lastLogged: log.last };
    } finally {
      readModel.close();
    }
  }

  it('killed half-way through a batch: restarted, it equals a fresh rebuild', async () => {
    const readModelPath = join(directory, 'mid-batch.db');
    const run = await runUntilKilled(
      [storePath, readModelPath, '25', 'slow'],
      (line) => line.startsWith('applied') && parsePosition(line.split(' ')[1]!)!.commit >= 300n,
    );

    const left = leftOnDisk(readModelPath);
    // Every batch the child reported is there, and nothing of a batch it did not finish.
    expect(left.checkpoint).toBeGreaterThanOrEqual(run.applied.at(-1)!);
    expect(left.checkpoint).toBeLessThan(head);
    expect(left.logRows).toBe(left.seq);
    expect(left.lastLogged).toBe(left.checkpoint);

    await restartAndCompare(readModelPath);
  });

  it('killed between two batches: the checkpoint is that batch, and restarted, it equals a fresh rebuild', async () => {
    const readModelPath = join(directory, 'between-batches.db');
    const run = await runUntilKilled([storePath, readModelPath, '10', 'pause', '30'], (line) => line.startsWith('paused'));

    const left = leftOnDisk(readModelPath);
    expect(run.paused).toBe(300n);
    expect(left.checkpoint).toBe(run.paused);
    expect(left.logRows).toBe(300n);

    await restartAndCompare(readModelPath);
  });
});
