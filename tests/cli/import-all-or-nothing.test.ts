import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { countEvents, runCli, startCli, tempDataDir } from './cli-process.ts';
import { loadConfig } from '../../services/config.ts';
import { openRegisterForTest } from '../support/opened-register.ts';
import { createSqliteEventStore } from '../../services/eventstore/sqlite/sqlite-event-store.ts';
import { planImport } from '../../services/cli/import/plan.ts';
import { executeImport, RowRejected, rowRanges } from '../../services/cli/import/run.ts';
import { localAccess } from '../../services/cli/local-access.ts';

const cliTest = { principal: 'cli:test', role: 'secretariat', codeBodies: [] } as const;

const data = tempDataDir();
afterAll(() => data.remove());

/** Streams holding more than one event of `type`: a row written twice. */
function writtenTwice(type: string): string[] {
  const db = new Database(join(data.dir, 'events.db'), { readonly: true, fileMustExist: true });
  try {
    return (
      db.prepare('SELECT stream FROM events WHERE type = ? GROUP BY stream HAVING COUNT(*) > 1').all(type) as { stream: string }[]
    ).map((r) => r.stream);
  } finally {
    db.close();
  }
}

const raiseRisk = (n: number) => `RaiseRisk,R${n},Risk number ${n},12,Watch it,27/11/24,`;

describe('ccag import is all or nothing', () => {
  it('a row the register would refuse late in the file, even one refused only because of an earlier row, writes none of the rows', async () => {
    const rows = [
      'command,riskId,description,score,mitigationPlan,raisedOn,relatedChangeProposals',
      ...Array.from({ length: 9 }, (_, i) => raiseRisk(2001 + i)),
      'AssessRiskScore,R2001,,14,,,',
      // Row 12: R2005 is raised at row 6 of this very file.
      raiseRisk(2005),
      // Row 13: no such risk anywhere.
      'AssessRiskScore,R9999,,5,,,',
    ];
    const file = data.file('late.csv', `${rows.join('\n')}\n`);
    const refused = await runCli(['import', file], data.env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('2 of 12 rows would be refused by the register; nothing was written.');
    expect(refused.stderr).toMatch(/row 12 \(RaiseRisk\): .*R2005/);
    expect(refused.stderr).toMatch(/row 13 \(AssessRiskScore\): /);
    expect(countEvents(data.dir)).toBe(0);

    // Fixed, every row is written, later rows building on earlier ones (a CP raised above, related below).
    const good = data.file(
      'late-fixed.json',
      JSON.stringify([
        ...Array.from({ length: 9 }, (_, i) => ({
          command: 'RaiseRisk',
          riskId: `R${2001 + i}`,
          description: `Risk number ${2001 + i}`,
          score: 12,
          mitigationPlan: ['Watch it'],
          raisedOn: '27/11/24',
        })),
        { command: 'AssessRiskScore', riskId: 'R2001', score: 14 },
        {
          command: 'RaiseChangeProposal',
          codeBody: 'REC',
          ref: 'R0300',
          title: 'A change',
          summary: 'What it does',
          mhhsImpact: 'None',
          raisedOn: '27/11/24',
        },
        { command: 'RelateRiskToChangeProposals', riskId: 'R2002', add: ['cp:REC:R0300'] },
      ]),
    );
    const written = await runCli(['import', good], data.env);
    expect(written.code, written.stderr).toBe(0);
    expect(written.stdout).toContain('12 rows; 12 written (12 events)');
    expect(countEvents(data.dir)).toBe(12);
  }, 120_000);

  it('killed with SIGKILL mid-import, a re-run of the same file completes it and writes nothing twice', async () => {
    const total = 400;
    const before = countEvents(data.dir);
    const rows = Array.from({ length: total }, (_, i) => ({
      command: 'RaiseRisk',
      riskId: `R${5000 + i}`,
      description: `Imported risk ${i}`,
      score: 1 + (i % 30),
      mitigationPlan: ['Review monthly'],
      raisedOn: '2024-11-27',
    }));
    const file = data.file('big.json', JSON.stringify(rows));

    const child = startCli(['import', file], data.env);
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    await expect.poll(() => countEvents(data.dir) - before, { timeout: 60_000, interval: 20 }).toBeGreaterThan(20);
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    const stored = countEvents(data.dir) - before;
    expect(stored).toBeLessThan(total);

    const rerun = await runCli(['import', file], data.env);
    expect(rerun.code, rerun.stderr).toBe(0);
    expect(rerun.stdout).toContain(`${total} rows; ${total - stored} written (${total - stored} events), ${stored} already imported`);
    expect(countEvents(data.dir) - before).toBe(total);
    expect(writtenTwice('RiskRaised')).toEqual([]);
  }, 180_000);
});

describe('a write that fails after the rehearsal passed', () => {
  it('stops there and says exactly which rows were stored and which were not tried', async () => {
    const register = await openRegisterForTest({
      config: loadConfig({ NODE_ENV: 'test', READ_MODEL: 'memory', DATA_DIR: data.dir }),
      logger: { info: () => {}, warn: () => {}, error: () => {} },
      store: createSqliteEventStore({ path: ':memory:' }),
    });
    try {
      const plan = planImport(
        [1, 2, 3, 4, 5].map((n) => ({
          rowNumber: n + 1,
          fields: {
            command: 'RaiseRisk',
            riskId: `R${700 + n}`,
            description: 'A risk',
            score: 5,
            mitigationPlan: [],
            raisedOn: '2024-11-27',
          },
        })),
        register.rules,
        'rows.json',
      );
      expect(plan.issues).toEqual([]);
      const execute = register.execute.bind(register);
      let calls = 0;
      // The disk fills at the fourth write: the rehearsal cannot foresee that.
      (register as { execute: typeof execute }).execute = async (...args) => {
        if (++calls === 4) throw new Error('SQLITE_FULL: database or disk is full');
        return execute(...args);
      };
      const failure = await executeImport(localAccess(register, cliTest, 'the test store'), plan.rows).catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(RowRejected);
      const rejected = failure as RowRejected;
      expect(rejected.row.rowNumber).toBe(5);
      expect(rejected.before.written).toEqual([2, 3, 4]);
      expect(rejected.notTried).toEqual([6]);
      expect(rowRanges(rejected.before.written)).toBe('2-4');
      expect(await register.store.headPosition()).toMatchObject({ commit: 3n });

      // Run again (the disk has room now): the stored rows are recognised, the rest written.
      (register as { execute: typeof execute }).execute = execute;
      const outcome = await executeImport(localAccess(register, cliTest, 'the test store'), plan.rows);
      expect(outcome).toMatchObject({ written: [5, 6], alreadyImported: [2, 3, 4], events: 2 });
    } finally {
      await register.close();
    }
  });
});
