import type { BenchRegister as Register } from '../fixtures/open.ts';
import { itemKinds } from '../../services/items.ts';
import type { ResolvedPoint } from '../../projections/register/queries.ts';
import type { BenchContext, Sizes } from '../lib/context.ts';
import { formatCount, median, now, percentile, pick, seededRandom } from '../lib/measure.ts';
import type { BuiltLog } from '../fixtures/log-builder.ts';
import { openBenchRegister } from '../fixtures/open.ts';
import { diffReplays, foldLog, foldStream } from '../fixtures/replay.ts';

/*
 * 3. As of, and 4. movement. Each log size has its read model built (by the catch-up
 * section). The point in the past is the last-but-one meeting (about 1,000 events before
 * the head), so a fold has to read nearly the whole log to reach it.
 * - Point lookup: RegisterQueries.item(id, seq) for random items (every kind), timed call
 *   by call, the sizes interleaved in rounds so noise falls on all of them alike.
 * - Whole register: RegisterQueries.items(kind, seq) for every kind.
 * - References: for a point lookup, what a user of any event store does: read the item's
 *   own stream and fold it up to the point (foldStream), timed call by call in the same
 *   rounds; scanning the whole global log for the item's events (foldLog with a stream)
 *   is kept as information. For the whole register, folding the log up to the point.
 * - Movement (largest log): computeMovement between the last two meetings, against
 *   diffing replays of the log at the two meetings.
 */

export interface LogWithReadModel {
  readonly log: BuiltLog;
  readonly dataDir: string;
}

interface Opened {
  readonly log: BuiltLog;
  readonly register: Register;
  readonly point: ResolvedPoint;
  readonly ids: readonly string[];
}

const ROUNDS = 5;

async function open(entry: LogWithReadModel): Promise<Opened> {
  const register = await openBenchRegister({ storePath: entry.log.path, dataDir: entry.dataDir, fresh: false, follow: false });
  const meeting = entry.log.meetings.at(-2)!;
  const point = register.queries.resolve({ meeting: meeting.number });
  const ids = itemKinds.flatMap((kind) => register.queries.items(kind, point.seq).map((item) => item.id));
  return { log: entry.log, register, point, ids };
}

export async function asOfSection(context: BenchContext, sizes: Sizes, entries: readonly LogWithReadModel[]): Promise<void> {
  const opened: Opened[] = [];
  for (const entry of entries) opened.push(await open(entry));
  const random = seededRandom(7);
  const perRound = Math.ceil(sizes.asOf.lookups / ROUNDS);
  const wholePerRound = Math.max(1, Math.ceil(sizes.asOf.wholeRegisterRepeats / ROUNDS));
  const streamFoldsPerRound = Math.ceil(sizes.asOf.streamFolds / ROUNDS);
  const lookups: number[][] = opened.map(() => []);
  const streamFolds: number[][] = opened.map(() => []);
  const wholes: number[][] = opened.map(() => []);
  context.log(
    `as-of: ${sizes.asOf.lookups} point lookups, ${sizes.asOf.streamFolds} stream folds and ${sizes.asOf.wholeRegisterRepeats} whole-register queries per size`,
  );
  // Warm every statement and page once before timing.
  for (const o of opened) for (const kind of itemKinds) o.register.queries.items(kind, o.point.seq);
  for (let round = 0; round < ROUNDS; round++) {
    for (const [i, o] of opened.entries()) {
      for (let n = 0; n < perRound; n++) {
        const id = pick(random, o.ids);
        const start = now();
        const item = o.register.queries.item(id, o.point.seq);
        lookups[i]!.push(now() - start);
        if (!item) throw new Error(`${id} missing at seq ${o.point.seq}`);
      }
      const until = BigInt(o.point.position ?? '0');
      for (let n = 0; n < streamFoldsPerRound; n++) {
        const id = pick(random, o.ids);
        const start = now();
        const view = await foldStream(o.register.store, o.register.items, streamOf(id), id, until);
        streamFolds[i]!.push(now() - start);
        if (!view) throw new Error(`folding ${streamOf(id)} did not find ${id}`);
      }
      for (let n = 0; n < wholePerRound; n++) {
        const start = now();
        let count = 0;
        for (const kind of itemKinds) count += o.register.queries.items(kind, o.point.seq).length;
        wholes[i]!.push(now() - start);
        if (count !== o.ids.length) throw new Error('the whole register changed between two reads');
      }
    }
  }

  const pointFolds: number[][] = opened.map(() => []);
  const wholeFolds: number[][] = opened.map(() => []);
  for (let repeat = 0; repeat < sizes.asOf.foldRepeats; repeat++) {
    for (const [i, o] of opened.entries()) {
      context.log(`as-of: folding ${formatCount(o.log.events)} (repeat ${repeat + 1} of ${sizes.asOf.foldRepeats})`);
      const until = BigInt(o.point.position ?? '0');
      const id = pick(random, o.ids);
      const stream = streamOf(id);
      let start = now();
      const views = await foldLog(o.register.store, o.register.items, until, { stream });
      pointFolds[i]!.push(now() - start);
      if (!views.has(id)) throw new Error(`fold of ${stream} did not find ${id}`);
      start = now();
      const all = await foldLog(o.register.store, o.register.items, until);
      wholeFolds[i]!.push(now() - start);
      if (all.size !== o.ids.length) throw new Error(`fold found ${all.size} items, the read model ${o.ids.length}`);
    }
  }

  const largest = opened.length - 1;
  opened.forEach((o, i) => {
    const size = formatCount(o.log.events);
    const lookupMs = median(lookups[i]!);
    const streamFoldMs = median(streamFolds[i]!);
    const scanMs = median(pointFolds[i]!);
    context.figures.push({
      id: `3a-${size}`,
      section: 'As of',
      figure: {
        label: `As-of point lookup, item(id, seq) at a past meeting, ${size}-event log (median)`,
        value: lookupMs * 1000,
        unit: 'µs',
      },
      reference: { label: "reading the item's own stream and folding it up to that point (median)", value: streamFoldMs, unit: 'ms' },
      ratio: { value: streamFoldMs / lookupMs, meaning: "faster than folding the item's stream" },
      target:
        o.log.events === 100_000
          ? { on: 'ratio', op: '>=', threshold: 100, text: "≥ 100× faster than folding the item's stream at 100k" }
          : null,
      detail: {
        events: o.log.events,
        seq: o.point.seq,
        lookups: lookups[i]!.length,
        p50Microseconds: lookupMs * 1000,
        p99Microseconds: percentile(lookups[i]!, 99) * 1000,
        streamFolds: streamFolds[i]!.length,
        streamFoldP99Ms: percentile(streamFolds[i]!, 99),
      },
    });
    context.figures.push({
      id: `3e-${size}`,
      section: 'As of',
      figure: { label: `As-of point lookup, ${size}-event log (as 3a)`, value: lookupMs * 1000, unit: 'µs' },
      reference: { label: "scanning the whole global log for the item's events up to that point", value: scanMs, unit: 'ms' },
      ratio: { value: scanMs / lookupMs, meaning: 'faster than scanning the log' },
      target: null,
      detail: { foldRounds: pointFolds[i] },
    });
  });
  const first = median(lookups[0]!);
  const last = median(lookups[largest]!);
  context.figures.push({
    id: '3b',
    section: 'As of',
    figure: {
      label: `Point lookup latency at ${formatCount(opened[largest]!.log.events)} events (median)`,
      value: last * 1000,
      unit: 'µs',
    },
    reference: { label: `the same lookup at ${formatCount(opened[0]!.log.events)} events`, value: first * 1000, unit: 'µs' },
    ratio: { value: last / first, meaning: `the ${formatCount(opened[0]!.log.events)} latency` },
    target: {
      on: 'ratio',
      op: '<=',
      threshold: 2,
      text: `within 2× of 10k${context.mode === 'quick' ? ' (brief: at 1M; here the largest quick log)' : ''}`,
    },
    detail: { p99Largest: percentile(lookups[largest]!, 99) * 1000, p99Smallest: percentile(lookups[0]!, 99) * 1000 },
  });
  opened.forEach((o, i) => {
    const size = formatCount(o.log.events);
    const wholeMs = median(wholes[i]!);
    const foldMs = median(wholeFolds[i]!);
    context.figures.push({
      id: `3c-${size}`,
      section: 'As of',
      figure: {
        label: `As-of whole register, items(kind, seq) for every kind (${o.ids.length} items), ${size}-event log`,
        value: wholeMs,
        unit: 'ms',
      },
      reference: { label: 'folding the whole log up to that point', value: foldMs, unit: 'ms' },
      ratio: { value: foldMs / wholeMs, meaning: 'faster than folding' },
      target: null,
      detail: { events: o.log.events, repeats: wholes[i]!.length, p99: percentile(wholes[i]!, 99), foldRounds: wholeFolds[i] },
    });
  });
  const wholeFirst = median(wholes[0]!);
  const wholeLast = median(wholes[largest]!);
  context.figures.push({
    id: '3d',
    section: 'As of',
    figure: { label: `Whole-register as-of at ${formatCount(opened[largest]!.log.events)} events (median)`, value: wholeLast, unit: 'ms' },
    reference: { label: `the same query at ${formatCount(opened[0]!.log.events)} events`, value: wholeFirst, unit: 'ms' },
    ratio: { value: wholeLast / wholeFirst, meaning: `the ${formatCount(opened[0]!.log.events)} latency` },
    target: null,
  });

  await movement(context, sizes, opened[largest]!);
  for (const o of opened) await o.register.close();
}

function streamOf(itemId: string): string {
  // Every item's stream is its id, except meetings, which share one stream.
  return itemId.startsWith('meeting:') ? 'meetings' : itemId;
}

async function movement(context: BenchContext, sizes: Sizes, o: Opened): Promise<void> {
  const [fromMeeting, toMeeting] = o.log.meetings.slice(-2) as [BuiltLog['meetings'][number], BuiltLog['meetings'][number]];
  const from = o.register.queries.resolve({ meeting: fromMeeting.number });
  const to = o.register.queries.resolve({ meeting: toMeeting.number });
  context.log(`movement: CCAG #${fromMeeting.number} → #${toMeeting.number}, ${to.seq - from.seq} events apart`);
  o.register.movement(from, to);
  const times: number[] = [];
  let moved = 0;
  for (let i = 0; i < sizes.movement.repeats; i++) {
    const start = now();
    const result = o.register.movement(from, to);
    times.push(now() - start);
    moved = result.items.filter((item) => item.change !== 'UNCHANGED').length;
  }
  const replays: number[] = [];
  let diffed = 0;
  for (let i = 0; i < sizes.movement.replayRepeats; i++) {
    const start = now();
    const diffs = await diffReplays(o.register.store, o.register.items, BigInt(from.position!), BigInt(to.position!));
    replays.push(now() - start);
    diffed = diffs.length;
  }
  const ms = median(times);
  const replayMs = median(replays);
  context.figures.push({
    id: '4',
    section: 'Movement',
    figure: {
      label: `Movement between the last two meetings (${to.seq - from.seq} events, ${moved} items moved) on the ${formatCount(o.log.events)}-event log, computeMovement`,
      value: ms,
      unit: 'ms',
    },
    reference: { label: 'diffing replays of the log at the two meetings', value: replayMs, unit: 'ms' },
    ratio: { value: replayMs / ms, meaning: 'faster than diffing replays' },
    target: { on: 'ratio', op: '>=', threshold: 100, text: '≥ 100× faster than diffing two replays' },
    detail: {
      rounds: times,
      replayRounds: replays,
      eventsBetween: to.seq - from.seq,
      itemsMoved: moved,
      itemsDiffedByReplay: diffed,
      p99: percentile(times, 99),
    },
  });
}
