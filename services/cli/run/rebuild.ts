import { startProgress } from '../progress.ts';
import { loadCliConfig, withRegister, type GlobalOptions } from '../session.ts';

export async function runRebuild(globals: GlobalOptions & { force?: boolean | undefined }): Promise<void> {
  // Rebuilding is about the persistent read model the server resumes from.
  const config = { ...loadCliConfig(globals), readModel: 'file' as const };
  await withRegister(
    config,
    async (_register, { runner, queries, readModel }) => {
      const progress = startProgress('Rebuilding', queries.headSeq());
      let applied = 0;
      await runner.rebuild((done) => {
        applied = done;
        progress.update(done);
      });
      progress.stop();
      const items = readModel.db.prepare('SELECT COUNT(*) AS n FROM items').get() as { n: number | bigint };
      process.stdout.write(`Rebuilt the read model from ${applied} events: ${Number(items.n)} items\n`);
    },
    { readModel: false, ignoreReadModelLock: globals.force ?? false, rebuild: true },
  );
}
