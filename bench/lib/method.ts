import { population } from '../fixtures/register-shape.ts';
import { LAST_MEETING_GAP, MEETINGS } from '../fixtures/log-builder.ts';
import type { LogOrigin } from '../fixtures/logs.ts';
import { formatCount } from './measure.ts';
import { INTERLEAVED_WRITES_PER_SECOND } from '../sections/graphql-workloads.ts';

/** The "how" section of RESULTS.md: what each figure measures, and how the logs were made. */
export function methodText(logs: readonly LogOrigin[]): string {
  const logLines = logs.map(({ log, reused, verifiedSeconds }) => {
    const origin = reused ? 'reused from an earlier run (same sources)' : `generated in ${log.generationSeconds.toFixed(0)} s`;
    const verified = verifiedSeconds === null ? '' : `; every hash chain verified (verifyChains) in ${verifiedSeconds.toFixed(1)} s`;
    return `- ${formatCount(log.events)}: ${log.events.toLocaleString('en-GB')} events, ${log.throughHandler.toLocaleString('en-GB')} of them through the register, ${log.meetings.length} meetings held; ${origin}${verified}.`;
  });
  return `## How the figures are made

Run with \`npm run bench\` (quick) or \`npm run bench -- --full\` (adds the 1M-event log). Scratch files live in
bench/tmp/ (gitignored). Every figure has a reference measured in the same process and run, interleaved or
bracketing it; the ratio is the figure to read.

**Logs.** The register is the CCAG #35 → #36 sample (samples/ccag-35-36, loaded through \`openRegister\` +
\`execute\`: command schemas, access check, command handler, SQLite store) plus a programme-sized population raised
through the same path (${population.changeProposals} change proposals, ${population.milestones} milestones, ${population.risks} risks, ${population.actions} actions). The rest of the log is
bulk-generated (bench/fixtures/log-builder.ts): updates in a secretariat's proportions (risk scores, CP updates,
statuses and decision dates, milestone forecasts and statuses, action updates and due dates, corrections), each
decided by the item's own decider against its state kept in memory, validated by the event catalogue, given the
metadata and chain hash exactly as the command handler gives them, and appended through the store's public
\`append\` at the stream's revision (only the handler's per-command stream read is skipped, which would make
generation quadratic). ${MEETINGS} meetings are scheduled and held across the log with real boundary positions and digests; the
last two are ${LAST_MEETING_GAP.toLocaleString('en-GB')} events apart. The store's clock is simulated, so two years of recordedAt/effectiveAt pass.
${logLines.join('\n')}

**1. Append.** \`createCommandHandler\` (load stream, fold, decide, sign, append) running AssessRiskScore with
alternating scores over 100 risks, in rounds rotated with: raw better-sqlite3 single-row INSERT transactions (WAL,
same synchronous, rows the size of the handler's events) = the ceiling; Emmett's SQLite event store 0.38.5, fed the
same decider and the same signed events, at SQLite's default synchronous=FULL: the headline (1c) is Emmett's exported
\`appendToStream\`/\`readStream\` on one kept-open connection, as a service would hold it; Emmett as shipped
(\`getSQLiteEventStore\` + its \`CommandHandler\`, a connection per call) is information (1d). An Emmett command that
its sqlite3 driver fails with SQLITE_BUSY under load is retried and counted (results.json). Reads: every stream read
back from both stores.

**2. Catch-up.** \`openRegister\` on the log with an empty file read model until \`runner.catchUp\` resolves (the
\`npm start\` path), in a child process. Reference: every row of the read model that round built, written again raw
into a fresh file with the same tables and indexes (its own DDL from sqlite_master, indexes before rows, as a live
read model keeps them) and the read model's pragmas, as many rows per transaction as the catch-up commits at once
(its batch of 5,000 events, about 15,000 rows); only the insert transactions are timed, and the rate is given as the
log's events per second. What separates the two is the work in JavaScript. 2c-cpu is the longest the main thread itself
ran within one gap (Linux's per-thread scheduler statistics), and 2c-split divides the longest gap into the main
thread running, waiting for a core and blocked in a system call: on a shared machine a gap is also time spent
waiting for a core, and on a cold page cache, disk reads.
2d compares the read model's file (and WAL) with the event log's after the catch-up.

**3. As of.** At the last-but-one meeting: \`RegisterQueries.item(id, seq)\` for random items of every kind, timed
call by call, sizes interleaved in rounds; \`items(kind, seq)\` for every kind. A round's lookups run in one turn of
the event loop, as one request's do, so they share the read snapshot the first of them begins (the README's "Past
points read from one snapshot per turn"). The point lookup's reference (3a) is
what a user of any event store does: read the item's own stream (\`readStream\`) and fold it up to the point, timed
call by call in the same rounds. Scanning the whole global log for the item's events (3e) and folding the whole log
for the whole register (3c) are information (bench/fixtures/replay.ts).

**4. Movement.** \`computeMovement\` between the last two meetings of the largest log; reference: one replay pass
that snapshots the register at the first meeting and diffs it with the register at the second (cheaper than two
replays, so a stricter reference).

**5. GraphQL.** The register as \`npm start\` runs it: its own process, production mode, its request log at the
logger's default level (info: two JSON lines a request) written to a file, bearer tokens, the rate limit raised out
of the way, the store at FULL, on a copy of the 10k log and its read model; autocannon 8 in a child process.
Reference: bare fastify + mercurius (no logger) with the register's own schema, answering each query with the answer
the register gave, from memory, in alternating rounds. The list query (5a) runs with ${INTERLEAVED_WRITES_PER_SECOND}
assessRiskScore writes a second on a connection of their own, on both servers (the bare one sets the score in its
list). Movement between the held meetings CCAG #35 → #36 (5e, 5f at 50 connections) and the Horizon Scanning Log at
#35 (5g) are frozen points. Mutations (5c): assessRiskScore with alternating scores over the population's risks, 10
connections, against raw FULL single-row insert transactions run after each mutation round for as long; the same
mutation rounds on the bare server (5c-bare) show what HTTP and GraphQL alone allow on the machine.

**6. Memory.** Peak RSS (getrusage maxrss; VmHWM in results.json) of the catch-up child of 2., against its own RSS
before the register opened. The child's own code runs through tsx; its two catch-up worker threads (the reader that
prepares the log, the writer that folds and commits it) run the compiled entry (dist/bulk-worker.mjs, compiled at the
start of the run when out of date), as under \`npm start\`.

**7. Start.** \`npm start\` (npm, the prestart check and the server) on a copy of the 100k store with its read model,
timed from the spawn until the port accepts a connection (7a) and until \`/ready\` answers 200 (7b); reference: a
\`node -e\` HTTP server timed the same way, in the same rounds. V8's compiled code of the server is kept between starts of
one build, as an operator's restart finds it; only the first start after a build (earlier in the run, or round 1)
compiles it.

**8. Web.** The web app's built entry and the chunks index.html preloads, gzipped (8b); the Horizon Scanning Log
with 1,000 change proposals and 5,000 events opened in Chromium (playwright-core) from a real server, navigation
start to the first page of rows and the count on screen and the main thread idle again (8a, median of the rounds).

**9. Event-loop stalls.** Catch-up from an empty read model, a rebuild beside the live model with its swap,
verification from scratch and holding a meeting (its verification walk from cold), each in a child process on a copy
of the 100k log, while a 1 ms timer, perf_hooks' delay histogram and a status probe due every millisecond watch the
event loop: the worst gap (9a-9d); the longest the main thread itself ran within one gap (9a-cpu-9d-cpu, from Linux's
per-thread scheduler statistics: its time on a core, not the wait for one, nor the CPU of GC helper or worker threads,
which all-threads process.cpuUsage counted, so that it could exceed the gap); how the worst gap divides into the main
thread running, waiting for a core and blocked in a system call, such as a disk read on a cold page cache
(9a-split-9d-split); and the probe's p99 lateness.`;
}
