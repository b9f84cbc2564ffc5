import { population } from '../fixtures/register-shape.ts';
import { LAST_MEETING_GAP, MEETINGS } from '../fixtures/log-builder.ts';
import type { LogOrigin } from '../fixtures/logs.ts';
import { formatCount } from './measure.ts';

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
same synchronous, rows the size of the handler's events) = the ceiling; Emmett's SQLite event store 0.38.5
(\`getSQLiteEventStore\` + Emmett's \`CommandHandler\`, fed the same decider and the same signed events; it opens a
connection per call and leaves SQLite's default synchronous=FULL); and Emmett's exported \`appendToStream\`/\`readStream\`
on one kept-open connection. Reads: every stream read back from both stores.

**2. Catch-up.** \`openRegister\` on the log with an empty file read model until \`runner.catchUp\` resolves (the
\`npm start\` path), in a child process; reference: the same number of log-index rows inserted raw, 2,000 per
transaction, in a file with the read model's pragmas, run before and after the child.

**3. As of.** At the last-but-one meeting: \`RegisterQueries.item(id, seq)\` for random items of every kind, timed
call by call, sizes interleaved in rounds; \`items(kind, seq)\` for every kind. References: folding the log from the
start to that point (bench/fixtures/replay.ts; for a point lookup only that item's events are decoded).

**4. Movement.** \`computeMovement\` between the last two meetings of the largest log; reference: one replay pass
that snapshots the register at the first meeting and diffs it with the register at the second (cheaper than two
replays, so a stricter reference).

**5. GraphQL.** The real server (\`buildApp\`, production mode, rate limit raised out of the way, bearer tokens) on
a copy of the 10k log and read model, store at FULL; autocannon 8 in a child process, 10 connections. Reference: a
bare fastify + mercurius server answering the same query from an array of the same risks, alternating rounds.
The mutation is assessRiskScore with alternating scores over the population's risks.

**6. Memory.** Peak RSS (getrusage maxrss; VmHWM in results.json) of the catch-up child of 2., against its own RSS
before the register opened.`;
}
