/**
 * Child process for the crash test: appends to the SQLite store at argv[2] until it is
 * killed, and after each append resolves prints one line describing what was acknowledged:
 *   <position> <stream> <last revision> <append number> <event id>,<event id>,...
 * Appends carry 1-3 events so the test can also see that a batch lands whole or not at all.
 */
import { randomUUID } from 'node:crypto';
import type { ExpectedRevision } from '../../services/core/event-store.ts';
import { formatPosition } from '../../services/core/position.ts';
import { createSqliteEventStore } from '../../services/eventstore/sqlite/sqlite-event-store.ts';

const path = process.argv[2];
if (!path) throw new Error('usage: sqlite-append-loop.ts <database file>');

const store = createSqliteEventStore({ path, synchronous: 'FULL' });
const lastRevision = new Map<string, number>();
// A parent that went away must not leave this loop running for ever.
process.stdout.on('error', () => process.exit(0));

for (let appendNumber = 0; appendNumber < 1_000_000; appendNumber++) {
  const stream = `ChangeProposal-crash-${appendNumber % 7}`;
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
await store.close();
