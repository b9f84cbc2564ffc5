import type { SQLiteEventStore } from '@event-driven-io/emmett-sqlite';
import type { EventStore } from '../../services/core/event-store.ts';
import { riskItemId } from '../../schema/ids.ts';
import type { BenchContext, Sizes } from '../lib/context.ts';
import { interleave, median, now } from '../lib/measure.ts';
import { handlerRig, rawRig, RISKS, type Rig } from './append-rigs.ts';
import { emmettOpenRig, emmettRig } from './append-emmett.ts';

/*
 * 1. Append. Commands through the command handler (load the stream, fold, decide, sign,
 * append) in rounds rotated with the ceiling (raw single-row insert transactions) and, at
 * FULL, Emmett's SQLite event store on the same commands and events (append-emmett.ts): on
 * a kept-open connection as the headline, as shipped (a connection per call) as information.
 */

const rate = (count: number, ms: number) => (count / ms) * 1000;

async function roundsOf(rigs: readonly Rig[], rounds: number, counts: readonly number[]): Promise<number[][]> {
  const rates: number[][] = rigs.map(() => []);
  for (let round = 0; round < rounds; round++) {
    // Rotate the order so no rig always runs first (or right after the heaviest).
    for (let k = 0; k < rigs.length; k++) {
      const i = (k + round) % rigs.length;
      const ms = await rigs[i]!.run(counts[i]!);
      rates[i]!.push(rate(counts[i]!, ms));
    }
  }
  return rates;
}

export async function appendSection(context: BenchContext, sizes: Sizes): Promise<void> {
  const { rounds, fullPerRound, normalPerRound, emmettPerRound } = sizes.append;

  for (const sync of ['FULL', 'NORMAL'] as const) {
    const perRound = sync === 'FULL' ? fullPerRound : normalPerRound;
    context.log(`append (${sync}): ${rounds} rounds of ${perRound} commands`);
    const handler = await handlerRig(sync);
    await handler.run(10);
    const raw = rawRig(sync, () => handler.sampleEvent);
    await raw.run(10);
    const rigs: Rig[] = [handler, raw];
    const counts = [perRound, perRound];
    let emmett: Awaited<ReturnType<typeof emmettRig>> | undefined;
    let emmettOpen: Awaited<ReturnType<typeof emmettOpenRig>> | undefined;
    if (sync === 'FULL') {
      emmett = await emmettRig();
      emmettOpen = await emmettOpenRig();
      rigs.push(emmett, emmettOpen);
      counts.push(emmettPerRound, perRound);
    }
    const rates = await roundsOf(rigs, rounds, counts);
    const handlerRate = median(rates[0]!);
    const rawRate = median(rates[1]!);
    context.figures.push({
      id: sync === 'FULL' ? '1a' : '1b',
      section: 'Append',
      figure: {
        label: `Append through the command handler, synchronous=${sync}${sync === 'FULL' ? ' (durable)' : ' (relaxed)'}`,
        value: handlerRate,
        unit: 'commands/s',
      },
      reference: { label: `raw better-sqlite3 1-row insert transactions, ${sync}`, value: rawRate, unit: 'tx/s' },
      ratio: { value: handlerRate / rawRate, meaning: 'of reference' },
      target: sync === 'FULL' ? { on: 'ratio', op: '>=', threshold: 0.5, text: '≥ 50% of the raw ceiling' } : null,
      detail: { rounds: rates[0], referenceRounds: rates[1], commandsPerRound: perRound, risks: RISKS },
    });
    if (emmett && emmettOpen) {
      const emmettRate = median(rates[2]!);
      const emmettOpenRate = median(rates[3]!);
      context.figures.push({
        id: '1c',
        section: 'Append',
        figure: { label: 'Append through the command handler, FULL', value: handlerRate, unit: 'commands/s' },
        reference: {
          label: 'Emmett SQLite 0.38.5 on one kept-open connection (its appendToStream/readStream), same commands and events, FULL',
          value: emmettOpenRate,
          unit: 'commands/s',
        },
        ratio: { value: handlerRate / emmettOpenRate, meaning: "Emmett's rate" },
        target: { on: 'ratio', op: '>=', threshold: 2, text: '≥ 2× Emmett' },
        detail: { rounds: rates[0], referenceRounds: rates[3], emmettBusyRetries: emmettOpen.busyRetries },
      });
      context.figures.push({
        id: '1d',
        section: 'Append',
        figure: { label: 'Append through the command handler, FULL', value: handlerRate, unit: 'commands/s' },
        reference: {
          label: 'Emmett SQLite store as shipped (getSQLiteEventStore + CommandHandler: a connection per call), FULL',
          value: emmettRate,
          unit: 'commands/s',
        },
        ratio: { value: handlerRate / emmettRate, meaning: "Emmett's rate" },
        target: null,
        detail: {
          rounds: rates[0],
          referenceRounds: rates[2],
          emmettCommandsPerRound: emmettPerRound,
          emmettBusyRetries: emmett.busyRetries,
        },
      });
      await readBack(context, handler.store, emmett.store, rounds);
    }
    for (const rig of rigs) await rig.close();
  }
}

/** Reading the same events back, stream by stream, from both stores. */
async function readBack(context: BenchContext, ours: EventStore, emmett: SQLiteEventStore, rounds: number): Promise<void> {
  const streams = Array.from({ length: RISKS }, (_, i) => `R${2000 + i}`);
  const { subject, reference } = await interleave(
    Math.max(2, rounds - 1),
    async () => {
      const start = now();
      let events = 0;
      for (const id of streams) events += (await ours.readStream(riskItemId(id))).length;
      return rate(events, now() - start);
    },
    async () => {
      const start = now();
      let events = 0;
      for (const id of streams) events += (await emmett.readStream(`risk-${id}`)).events.length;
      return rate(events, now() - start);
    },
  );
  context.figures.push({
    id: '1e',
    section: 'Append',
    figure: { label: 'Read the same events back, stream by stream (our SQLite store)', value: median(subject), unit: 'events/s' },
    reference: { label: 'Emmett readStream, same streams', value: median(reference), unit: 'events/s' },
    ratio: { value: median(subject) / median(reference), meaning: "Emmett's rate" },
    target: null,
    detail: { rounds: subject, referenceRounds: reference, streams: RISKS },
  });
}
