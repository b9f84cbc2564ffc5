import { loadCcag35To36Sample } from '../../../samples/ccag-35-36/load.ts';
import { startProgress, type Progress } from '../progress.ts';
import { cliCaller, loadCliConfig, withRegister, type GlobalOptions } from '../session.ts';

export async function runLoadSample(globals: GlobalOptions): Promise<void> {
  const config = loadCliConfig(globals);
  await withRegister(config, async (register) => {
    let progress: Progress | undefined;
    try {
      const result = await loadCcag35To36Sample(register, {
        caller: cliCaller(),
        onProgress: (done, total) => {
          progress ??= startProgress('Loading', total);
          progress.update(done, total);
        },
      });
      progress?.stop();
      process.stdout.write(
        `Loaded the CCAG #35 -> #36 sample: ${result.commands} commands, ${result.events} events written` +
          `${result.events === 0 ? ' (it was already loaded)' : ''}\n`,
      );
    } finally {
      progress?.stop();
    }
  });
}
