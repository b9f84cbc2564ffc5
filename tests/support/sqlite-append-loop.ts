/**
 * Child process for the crash test: appends to the SQLite store at argv[2] until it is
 * killed, and after each append resolves prints one line describing what was acknowledged:
 *   <position> <stream> <last revision> <append number> <event id>,<event id>,...
 * Appends carry 1-3 events so the test can also see that a batch lands whole or not at all.
 * Each round appends to every stream at once, so the store commits them as one group, with one
 * append at a stale revision among them: it must be refused alone, and prints
 *   refused <event id>,<event id>,...
 */
import { randomUUID } from 'node:crypto';
import { ConcurrencyError } from '../../services/core/errors.ts';
import type { ExpectedRevision } from '../../services/core/event-store.ts';
import { formatPosition } from '../../services/core/position.ts';
import { createSqliteEventStore } from '../../services/eventstore/sqlite/sqlite-event-store.ts';

const path = process.argv[2];
if (!path) throw new Error('usage: sqlite-append-loop.ts <database file>');

const STREAMS = 7;
const store = createSqliteEventStore({ path, synchronous: 'FULL' });
const lastRevision = new Map<string, number>();
// A parent that went away must not leave this loop running for ever.
process.stdout.on('error', () => process.exit(0));

const streamOf = (n: number) => `ChangeProposal-crash-${n % STREAMS}`;

async function appendOne(appendNumber: number): Promise<void> {
  const stream = streamOf(appendNumber);
  const expected: ExpectedRevision = lastRevision.get(stream) ?? 'no_stream';
  const events = Array.from({ length: 1 + (appendNumber % 3) }, (_, index) => ({
    id: randomUUID(),
    type: 'ChangeProposalUpdated',
    data: { appendNumber, index, text: `update ${appendNumber}.${index} – £ ✓` },
    metadata: { actor: 'crash-test', appendNumber },
  }));
  const result = await store.append(stream, events, expected);
  lastRevision.set(stream, result.nextExpectedRevision);
  process.stdout.write(
    `${formatPosition(result.position)} ${stream} ${result.nextExpectedRevision} ${appendNumber} ${events.map((e) => e.id).join(',')}\n`,
  );
}

/** An append at a revision the stream has moved past (or to a stream that exists, as new). */
async function appendStale(round: number): Promise<void> {
  const stream = streamOf(round);
  const revision = lastRevision.get(stream);
  const stale: ExpectedRevision = revision === undefined || revision === 0 ? 'no_stream' : revision - 1;
  const events = [{ id: randomUUID(), type: 'ChangeProposalUpdated', data: { stale: round }, metadata: { actor: 'crash-test' } }];
  try {
    await store.append(stream, events, stale);
  } catch (error) {
    if (!(error instanceof ConcurrencyError)) throw error;
    process.stdout.write(`refused ${events.map((e) => e.id).join(',')}\n`);
    return;
  }
  throw new Error(`an append to ${stream} at the stale revision ${stale} was accepted`);
}

let appendNumber = 0;
for (let round = 0; round < 1_000_000; round++) {
  const appends = Array.from({ length: STREAMS }, () => appendOne(appendNumber++));
  // Round 0 creates the streams; from then on each round carries one stale append.
  await Promise.all(round === 0 ? appends : [...appends, appendStale(round)]);
}
await store.close();
