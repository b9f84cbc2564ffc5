import { join } from 'node:path';
import { checkReadModelAgainstLog } from '../../../projections/read-model/agreement.ts';
import { verifyChains } from '../../core/verify.ts';
import { verifyMeetingDigests } from '../../verification.ts';
import { CheckFailed } from '../exit-codes.ts';
import { note } from '../output.ts';
import { startProgress } from '../progress.ts';
import { catchUpReadModel, loadCliConfig, withRegister, type GlobalOptions } from '../session.ts';

export async function runVerify(globals: GlobalOptions): Promise<void> {
  const config = loadCliConfig(globals);
  await withRegister(
    config,
    async (register) => {
      // The chains are checked first, from the store alone: a tampered log must not be projected before it is judged.
      const progress = startProgress('Verifying', register.queries.headSeq());
      const chains = await verifyChains(register.store, { onProgress: (checked) => progress.update(checked) });
      progress.stop();
      if (!chains.ok) {
        const bad = chains.firstBad!;
        note(`FAILED: event ${bad.id} (${bad.type}) at position ${bad.position}, stream ${bad.stream} revision ${bad.revision}: ${bad.problem}`);
        note(`${chains.eventsChecked} events before it verified.`);
        throw new CheckFailed('the event log does not verify');
      }
      // Digests are checked for the meetings the read model knows, so bring it up to date.
      await catchUpReadModel(register);
      const held = register.queries.items('meeting').filter((m) => m.view['digest'] !== null).length;
      const badMeetings = await verifyMeetingDigests(register);
      if (badMeetings.length > 0) {
        for (const number of badMeetings) {
          note(`FAILED: CCAG #${number}'s recorded digest does not match the log up to its boundary position`);
        }
        throw new CheckFailed('a meeting digest does not verify');
      }
      // The server's read model answers every query: it must be of this log, and say what the log says.
      const readModel = await checkReadModelAgainstLog(join(config.dataDir, 'read-model.db'), register.store, register.items);
      if (readModel.problems.length > 0) {
        for (const problem of readModel.problems) note(`FAILED: read model: ${problem}`);
        note('Run `ccag rebuild` (with the server stopped) to build it again from the log.');
        throw new CheckFailed('the read model does not agree with the log');
      }
      process.stdout.write(
        `OK: ${chains.eventsChecked} events in ${chains.streams} streams verified; ` +
          `${held} held meeting digest${held === 1 ? '' : 's'} match\n`,
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
