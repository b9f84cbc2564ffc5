import type { BenchContext, Sizes } from '../lib/context.ts';
import { formatCount, median } from '../lib/measure.ts';
import { tmpPath } from '../lib/tmp.ts';
import { prepareDataDir } from '../lib/data-dir.ts';
import { startRegisterProcess } from '../lib/server-process.ts';
import type { BuiltLog } from '../fixtures/log-builder.ts';

/*
 * 7. Start. `npm start` on an existing data folder (the log and its caught-up read model),
 * timed from spawning npm until the port accepts a connection, and until /ready says 200.
 * Reference, in the same rounds: the floor of any Node service, `node -e` with an HTTP
 * server that listens on the same port setting, found the same way.
 */

const floorServer = "require('node:http').createServer((q, s) => s.end('ok')).listen(Number(process.env.PORT), '127.0.0.1')";

export async function startSection(context: BenchContext, sizes: Sizes, log: BuiltLog, builtDataDir: string): Promise<void> {
  const prepared = prepareDataDir(tmpPath('start', 'register'), log, builtDataDir);
  const listening: number[] = [];
  const ready: number[] = [];
  const floor: number[] = [];
  for (let round = 0; round < sizes.starts; round++) {
    const reference = await startRegisterProcess({
      env: {},
      logPrefix: tmpPath('start', 'floor'),
      command: [process.execPath, '-e', floorServer],
    });
    floor.push(reference.listeningMs);
    await reference.stop();
    const server = await startRegisterProcess({ env: prepared.env, logPrefix: tmpPath('start', `npm-start-${round}`) });
    listening.push(server.listeningMs);
    ready.push(server.readyMs);
    await server.stop();
    context.log(`start: npm start listening in ${server.listeningMs.toFixed(0)} ms, ready in ${server.readyMs.toFixed(0)} ms`);
  }
  const size = formatCount(log.events);
  context.figures.push({
    id: '7a',
    section: 'Start',
    figure: {
      label: `npm start to listening, existing ${size}-event store with its read model (median)`,
      value: median(listening),
      unit: 'ms',
    },
    reference: { label: 'node -e with an HTTP server listening, same way of timing', value: median(floor), unit: 'ms' },
    ratio: { value: median(listening) / median(floor), meaning: 'the bare node process' },
    target: { on: 'value', op: '<=', threshold: 1000, text: '≤ 1 s' },
    detail: { rounds: listening, referenceRounds: floor },
  });
  context.figures.push({
    id: '7b',
    section: 'Start',
    figure: { label: `npm start to /ready 200, existing ${size}-event store (median)`, value: median(ready), unit: 'ms' },
    reference: { label: 'npm start to listening (7a)', value: median(listening), unit: 'ms' },
    ratio: { value: median(ready) / median(listening), meaning: 'the time to listening' },
    target: null,
    detail: { rounds: ready },
  });
}
