/**
 * The event loop while each long job runs, in a process of its own so nothing else shares
 * its loop: catch-up from an empty read model, verification from scratch, holding a meeting
 * (whose verification walk starts cold), and a rebuild with its swap, on a copy of a built log.
 * Prints one JSON line.
 */
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultRegisterRules } from '../../schema/rules.ts';
import { createSqliteEventStore } from '../../services/eventstore/sqlite/sqlite-event-store.ts';
import { openComposed, quietLogger, type BenchRegister } from '../fixtures/open.ts';
import { recordStalls, type StallReading } from '../lib/stall-recorder.ts';
import { removeDatabase, resetDir } from '../lib/tmp.ts';

export interface StallChildInput {
  readonly storePath: string;
  readonly signingKeyFile: string;
  readonly workDir: string;
  readonly events: number;
}

export type StallJob = 'catch-up' | 'verification' | 'hold meeting' | 'rebuild';
export type StallChildResult = Record<StallJob, StallReading>;

const input = JSON.parse(process.argv[2] ?? '{}') as StallChildInput;
const dataDir = resetDir(join(input.workDir, 'register'));
// Holding a meeting appends to the log: a copy keeps the built one as it is for other sections.
const storePath = join(input.workDir, 'events.db');
removeDatabase(storePath);
copyFileSync(input.storePath, storePath);

async function open(): Promise<BenchRegister> {
  return openComposed({
    config: {
      dataDir,
      eventStore: { kind: 'sqlite', synchronous: 'FULL' },
      readModel: 'file',
      rules: defaultRegisterRules,
      readYourWritesTimeoutMs: 600_000,
      signingKeyFile: input.signingKeyFile,
    },
    logger: quietLogger,
    store: createSqliteEventStore({ path: storePath, synchronous: 'FULL' }),
  });
}

const secretariat = { principal: 'ccag-secretariat', role: 'secretariat', codeBodies: [] } as const;
const results: Partial<StallChildResult> = {};

let register = await open();
const probe = () => register.status();
results['catch-up'] = await recordStalls(() => register.runner.catchUp(3_600_000), probe);
results.verification = await recordStalls(async () => {
  const report = await register.verify();
  if (!report.ok) throw new Error(`the log does not verify: ${report.problems[0]}`);
}, probe);

// Reopened on its read model: the verifier keeps nothing, so the hold walks the log from the start.
await register.close();
register = await open();
await register.runner.catchUp(600_000);
const next = register.queries
  .items('meeting')
  .map((m) => m.view as unknown as { number: number; date: string; status: string })
  .filter((v) => v.status === 'Scheduled')
  .sort((a, b) => a.number - b.number)[0];
if (!next) throw new Error('the log has no scheduled meeting to hold');
results['hold meeting'] = await recordStalls(() => register.holdMeeting({ number: next.number, heldOn: next.date }, secretariat), probe);
results.rebuild = await recordStalls(() => register.runner.rebuild(), probe);
await register.close();
process.stdout.write(`${JSON.stringify(results)}\n`);
