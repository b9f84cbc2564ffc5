import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Caller } from '../../services/access.ts';
import { ConcurrencyError } from '../../services/core/errors.ts';
import { formatPosition } from '../../services/core/position.ts';
import { verifyChains } from '../../services/core/verify.ts';
import { createEsdbEventStore } from '../../services/eventstore/esdb/esdb-event-store.ts';
import { openRegisterForTest, type OpenedRegister } from '../support/opened-register.ts';
import { defaultRegisterRules } from '../../schema/rules.ts';
import type { Logger } from '../../projections/runner/engine.ts';
import { startEsdbTestServer, type EsdbTestServer } from '../support/esdb-server.ts';

/**
 * The whole register (command handling, projections, read-your-writes) on the EventStoreDB
 * adapter: a real server where one can be reached, else the wire-level stand-in.
 */
let server: EsdbTestServer;
let dataDir: string;
const open: OpenedRegister[] = [];
const secretariat: Caller = { principal: 'secretariat@ccag', role: 'secretariat', codeBodies: [] };
const quiet = { info() {}, warn() {}, error() {} };

beforeAll(async () => {
  server = await startEsdbTestServer();
  console.log(`register on EventStoreDB: ${server.description}`);
});
afterAll(async () => server?.stop());
afterEach(async () => {
  for (const register of open.splice(0)) await register.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

async function openOn(
  prefix: string,
  readModel: 'file' | 'memory',
  options: { dir?: string; logger?: Logger } = {},
): Promise<OpenedRegister> {
  const register = await openRegisterForTest({
    config: {
      dataDir: options.dir ?? dataDir,
      eventStore: { kind: 'esdb', connectionString: server.connectionString },
      readModel,
      rules: defaultRegisterRules,
      readYourWritesTimeoutMs: 10_000,
    },
    logger: options.logger ?? quiet,
    store: createEsdbEventStore({ connectionString: server.connectionString, streamPrefix: prefix }),
  });
  open.push(register);
  return register;
}

const raiseRisk = (riskId: string, score: number) => ({
  riskId,
  description: `risk ${riskId}`,
  score,
  mitigationPlan: ['monitor'],
  raisedOn: '2024-10-01',
});

describe('the register on EventStoreDB', () => {
  it('reads its own writes through the projection', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'ccag-esdb-'));
    const register = await openOn(`r${randomBytes(5).toString('hex')}-`, 'memory');
    const raised = await register.execute('risk', 'RaiseRisk', raiseRisk('R920', 20), secretariat);
    expect(raised.item?.view).toMatchObject({ riskId: 'R920', score: 20 });
    const assessed = await register.execute('risk', 'AssessRiskScore', { riskId: 'R920', score: 10 }, secretariat, { expectedVersion: 1 });
    expect(register.queries.item('risk:R920')).toMatchObject({ version: 2, view: { score: 10 } });
    expect(assessed.position).toBe(register.queries.item('risk:R920')!.lastChange.position);
    // The store's identity stream, written at first start, is not part of the hash-chained log.
    expect(await register.store.identity()).toMatchObject({ kind: 'eventstoredb' });
    expect((await verifyChains(register.store)).ok).toBe(true);
  });

  it('reports a conflicting edit', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'ccag-esdb-'));
    const register = await openOn(`r${randomBytes(5).toString('hex')}-`, 'memory');
    await register.execute('risk', 'RaiseRisk', raiseRisk('R202', 16), secretariat);
    const results = await Promise.allSettled([
      register.execute('risk', 'AssessRiskScore', { riskId: 'R202', score: 12 }, secretariat, { expectedVersion: 1 }),
      register.execute('risk', 'AssessRiskScore', { riskId: 'R202', score: 14 }, secretariat, { expectedVersion: 1 }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect((results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason).toBeInstanceOf(ConcurrencyError);
  });

  it('resumes the read model from its checkpoint after a restart', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'ccag-esdb-'));
    const prefix = `r${randomBytes(5).toString('hex')}-`;
    const first = await openOn(prefix, 'file');
    for (const [riskId, score] of [
      ['R202', 16],
      ['R485', 12],
      ['R920', 20],
    ] as const) {
      await first.execute('risk', 'RaiseRisk', raiseRisk(riskId, score), secretariat);
    }
    const checkpoint = first.runner.checkpoint;
    await first.close();
    open.splice(open.indexOf(first), 1);

    const second = await openOn(prefix, 'file');
    // The file read model comes back at the checkpoint it had, without re-applying anything.
    expect(second.runner.checkpoint && formatPosition(second.runner.checkpoint)).toBe(checkpoint && formatPosition(checkpoint));
    await second.execute('risk', 'AssessRiskScore', { riskId: 'R920', score: 10 }, secretariat);
    expect((await second.log.page(undefined, 100)).entries.map((e) => e.type)).toEqual([
      'RiskRaised',
      'RiskRaised',
      'RiskRaised',
      'RiskScoreAssessed',
    ]);
    expect(second.queries.items('risk').map((r) => [r.id, r.version, r.view['score']])).toEqual([
      ['risk:R202', 1, 16],
      ['risk:R485', 1, 12],
      ['risk:R920', 2, 10],
    ]);
  });

  it("seeds a new API node from another node's read-model.db when the store identity matches, and rebuilds one from another log", async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'ccag-esdb-'));
    const [nodeA, nodeB, nodeC] = [join(dataDir, 'a'), join(dataDir, 'b'), join(dataDir, 'c')];
    for (const dir of [nodeA, nodeB, nodeC]) mkdirSync(dir);
    const prefix = `r${randomBytes(5).toString('hex')}-`;
    const first = await openOn(prefix, 'file', { dir: nodeA });
    for (const [riskId, score] of [
      ['R202', 16],
      ['R485', 12],
    ] as const) {
      await first.execute('risk', 'RaiseRisk', raiseRisk(riskId, score), secretariat);
    }
    const checkpoint = formatPosition(first.runner.checkpoint!);
    await first.close();
    open.splice(open.indexOf(first), 1);
    copyFileSync(join(nodeA, 'read-model.db'), join(nodeB, 'read-model.db'));
    copyFileSync(join(nodeA, 'read-model.db'), join(nodeC, 'read-model.db'));

    // Same log: the new node starts at the copied checkpoint, nothing replayed.
    const seeded = await openOn(prefix, 'file', { dir: nodeB });
    expect(formatPosition(seeded.runner.checkpoint!)).toBe(checkpoint);
    await seeded.execute('risk', 'AssessRiskScore', { riskId: 'R202', score: 9 }, secretariat);
    expect(seeded.queries.items('risk').map((r) => [r.id, r.version])).toEqual([
      ['risk:R202', 2],
      ['risk:R485', 1],
    ]);

    // Another log (another prefix: another store id): the copied read model is rebuilt, saying why.
    const lines: string[] = [];
    const record = (line: string) => void lines.push(line);
    const elsewhere = await openOn(`r${randomBytes(5).toString('hex')}-`, 'file', {
      dir: nodeC,
      logger: { info: record, warn: record, error: record },
    });
    await elsewhere.execute('risk', 'RaiseRisk', raiseRisk('R920', 20), secretariat);
    expect(elsewhere.queries.items('risk').map((r) => r.id)).toEqual(['risk:R920']);
    expect(lines.some((line) => /rebuild/i.test(line))).toBe(true);
  });

  it('rebuilds a read model left in the data folder by the embedded store when the node switches to EventStoreDB', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'ccag-esdb-'));
    const embedded = await openRegisterForTest({
      config: {
        dataDir,
        eventStore: { kind: 'sqlite', synchronous: 'FULL' },
        readModel: 'file',
        rules: defaultRegisterRules,
        readYourWritesTimeoutMs: 10_000,
      },
      logger: quiet,
    });
    await embedded.execute('risk', 'RaiseRisk', raiseRisk('R202', 16), secretariat);
    await embedded.close();

    const lines: string[] = [];
    const record = (line: string) => void lines.push(line);
    const switched = await openOn(`r${randomBytes(5).toString('hex')}-`, 'file', { logger: { info: record, warn: record, error: record } });
    await switched.execute('risk', 'RaiseRisk', raiseRisk('R920', 20), secretariat);
    expect(switched.queries.items('risk').map((r) => r.id)).toEqual(['risk:R920']);
    expect(lines.some((line) => /rebuild/i.test(line) && /sqlite/.test(line))).toBe(true);
  });
});
