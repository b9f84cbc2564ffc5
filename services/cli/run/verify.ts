import { join } from 'node:path';
import { checkReadModelAgainstLog } from '../../../projections/read-model/agreement.ts';
import { verifyChains } from '../../core/verify.ts';
import { checkHeadExtended, headJson, parseHead } from '../../transparency/head-check.ts';
import { keepHead, keptHead } from '../../transparency/kept-heads.ts';
import { compareWithPersistedTree } from '../../transparency/persisted-tree.ts';
import { StoredTree } from '../../transparency/stored-tree.ts';
import { CheckFailed, UsageError } from '../exit-codes.ts';
import { note } from '../output.ts';
import { startProgress } from '../progress.ts';
import type { RegisterInternals } from '../../register.ts';
import { catchUpReadModel, loadCliConfig, withRegister, type GlobalOptions } from '../session.ts';

export interface VerifyOptions {
  /** A signed tree head (JSON) the log must still extend. */
  readonly since?: string | undefined;
  /** A running register to check over its API instead of the local store. */
  readonly server?: string | undefined;
}

export async function runVerify(globals: GlobalOptions, options: VerifyOptions = {}): Promise<void> {
  let since;
  try {
    since = options.since === undefined ? undefined : parseHead(options.since);
  } catch (error) {
    throw new UsageError(`--since: ${(error as Error).message}`);
  }
  if (options.server !== undefined) {
    const { verifyRemote } = await import('./verify-remote.ts');
    await verifyRemote(options.server, since);
    return;
  }
  const config = loadCliConfig(globals);
  await withRegister(
    config,
    async (register, internals) => {
      await catchUpNamingBadEvents(internals);
      const progress = startProgress('Verifying', internals.queries.headSeq());
      const report = await register.verifier.verify({ onProgress: (checked) => progress.update(checked) });
      progress.stop();
      const problems = [...report.problems];
      const tree = new StoredTree(internals.readModel.db);
      if (config.readModel === 'memory') {
        const persisted = compareWithPersistedTree(join(config.dataDir, 'read-model.db'), tree);
        if (persisted) problems.push(persisted);
      }
      const serverKey = internals.store.description;
      const kept = keptHead(serverKey);
      const heads = [
        ...(since ? [{ head: since, label: 'the head given with --since' }] : []),
        ...(kept ? [{ head: kept, label: 'the head kept from the last verify' }] : []),
      ];
      const current = {
        size: tree.size(),
        rootHash: tree.root(tree.size()).toString('hex'),
        consistencyProof: (from: number, to: number) => register.transparency.consistencyProof(from, to).path,
      };
      for (const { head, label } of heads) {
        const problem = await checkHeadExtended(head, register.transparency.key.publicKey, current);
        if (problem) problems.push(`${label} (size ${head.treeSize}, signed ${head.timestamp}): ${problem}`);
      }
      // The server's read model answers every query: it must be of this log, and say what the log says.
      const readModel = await checkReadModelAgainstLog(join(config.dataDir, 'read-model.db'), internals.store, register.items);
      problems.push(...readModel.problems.map((problem) => `read model: ${problem}`));
      if (problems.length > 0) {
        for (const problem of problems) note(`FAILED: ${problem}`);
        if (report.firstBad) note(`${report.eventsChecked} events before it verified.`);
        if (readModel.problems.length > 0) note('Run `ccag rebuild` (with the server stopped) to build the read model again from the log.');
        throw new CheckFailed(report.ok ? 'the read model or a kept head does not agree with the log' : 'the event log does not verify');
      }
      const head = register.transparency.signedHead(report.eventsChecked);
      keepHead(serverKey, head);
      const signed = report.meetings.filter((m) => m.ok).length;
      process.stdout.write(
        `OK: ${report.eventsChecked} events in ${report.streams} streams verified; Merkle root ${report.rootHash}; ` +
          `${signed} held meeting head${signed === 1 ? '' : 's'} verify` +
          heads.map(({ head: h, label }) => `; the log extends ${label} (size ${h.treeSize})`).join('') +
          `\nTree head: ${headJson(head)}\nPublic key: ${register.transparency.key.publicKey}\n`,
      );
      process.stdout.write(
        readModel.present
          ? `Read model: checkpoint ${readModel.checkpoint ?? '(empty)'} agrees with the log (${readModel.itemsSampled} items sampled)\n`
          : 'Read model: none in DATA_DIR yet (nothing to compare)\n',
      );
    },
    { readModel: false },
  );
}

/** Projecting builds the Merkle tree from the store; an event that cannot be projected is named by its chain. */
export async function catchUpNamingBadEvents(internals: RegisterInternals): Promise<void> {
  try {
    await catchUpReadModel(internals);
  } catch (error) {
    const chains = await verifyChains(internals.store);
    if (!chains.ok) failChains(chains.firstBad!, chains.eventsChecked);
    throw error;
  }
}

function failChains(
  bad: { id: string; type: string; position: string; stream: string; revision: number; problem: string },
  checked: number,
): never {
  note(`FAILED: event ${bad.id} (${bad.type}) at position ${bad.position}, stream ${bad.stream} revision ${bad.revision}: ${bad.problem}`);
  note(`${checked} events before it verified.`);
  throw new CheckFailed('the event log does not verify');
}
