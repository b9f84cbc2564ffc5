import { formatPosition, type Position } from '../../core/position.ts';
import { note, openSink } from '../output.ts';
import { startProgress } from '../progress.ts';
import { loadCliConfig, withRegister, type GlobalOptions } from '../session.ts';

const BATCH = 2000;

/** The log as JSON Lines, straight from the event store in log order. */
export async function runEventsExport(options: { readonly out?: string }, globals: GlobalOptions): Promise<void> {
  const config = loadCliConfig(globals);
  await withRegister(
    config,
    async (_register, { store, queries }) => {
      const sink = openSink(options.out);
      const progress = startProgress('Exporting', queries.headSeq());
      let after: Position | undefined;
      let written = 0;
      try {
        for (;;) {
          const batch = await store.readAll({ after, maxCount: BATCH });
          if (batch.length === 0) break;
          const lines = batch.map((e) =>
            JSON.stringify({
              position: formatPosition(e.position),
              stream: e.stream,
              revision: e.revision,
              id: e.id,
              type: e.type,
              data: e.data,
              metadata: e.metadata,
              recordedAt: e.recordedAt,
            }),
          );
          await sink.write(`${lines.join('\n')}\n`);
          written += batch.length;
          progress.update(written);
          after = batch[batch.length - 1]!.position;
        }
      } finally {
        progress.stop();
        await sink.close();
      }
      if (options.out !== undefined) note(`wrote ${written} events to ${options.out}`);
    },
    { readModel: false },
  );
}
