import { loadavg } from 'node:os';
import { createSqliteEventStore } from '../../services/eventstore/sqlite/sqlite-event-store.ts';
import { ensureWebBuild } from '../../services/web/server/build.ts';
import type { BenchContext, Sizes } from '../lib/context.ts';
import { now } from '../lib/measure.ts';
import { runChild } from '../lib/child.ts';
import { tmpPath } from '../lib/tmp.ts';
import { prepareDataDir } from '../lib/data-dir.ts';
import { startRegisterProcess, type RegisterProcess } from '../lib/server-process.ts';
import type { BuiltLog } from '../fixtures/log-builder.ts';
import type { LoadPlan, LoadResult } from './load-child.ts';
import { startBareServer, type BareRisk } from './graphql-bare.ts';
import { rawRig, type Rig, type SampleRow } from './append-rigs.ts';
import { changeProposalsAtQuery, INTERLEAVED_WRITES_PER_SECOND, movementQuery, RISKS_QUERY } from './graphql-workloads.ts';
import { graphqlFigures, type WorkloadResults } from './graphql-figures.ts';

/*
 * 5. GraphQL over loopback. The register as `npm start` runs it: its own process, production
 * mode, its request log at the logger's default level going to a file, the store at FULL,
 * over a copy of the 10k log and its read model. The load comes from autocannon in a child
 * process. References, in alternating rounds: bare fastify + mercurius with the register's
 * schema answering the same queries from memory (graphql-bare.ts); for mutations, raw
 * single-row FULL insert transactions (the append ceiling), run between the rounds while
 * the register is idle.
 */

/** The held meetings of the sample, frozen points (CCAG #35 → #36). */
const FROM_MEETING = 35;
const TO_MEETING = 36;

async function ask(url: string, authorization: string, query: string): Promise<Record<string, unknown>> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization },
    body: JSON.stringify({ query }),
  });
  const body = (await response.json()) as { data?: Record<string, unknown>; errors?: unknown };
  if (!body.data || body.errors) throw new Error(`${query.slice(0, 60)}: ${JSON.stringify(body.errors)}`);
  return body.data;
}

function check(what: string, result: LoadResult): LoadResult {
  for (const r of [result, ...(result.writes ? [result.writes] : [])]) {
    if (r.non2xx + r.errors + r.graphqlErrors + r.timeouts > 0) {
      throw new Error(`${what}: ${r.non2xx} non-2xx, ${r.errors} errors, ${r.graphqlErrors} GraphQL errors, ${r.timeouts} timeouts`);
    }
  }
  return result;
}

const load = (plan: LoadPlan) => runChild<LoadResult>('sections/load-child.ts', plan);

/** A row the size of the register's RiskScoreAssessed events, for the raw ceiling. */
async function sampleRow(log: BuiltLog, riskId: string): Promise<SampleRow> {
  const store = createSqliteEventStore({ path: log.path });
  const events = await store.readStream(`risk:${riskId}`);
  await store.close();
  const last = events.at(-1);
  if (!last) throw new Error(`no events for ${riskId} in ${log.path}`);
  return { data: JSON.stringify(last.data), metadata: JSON.stringify(last.metadata) };
}

/** Raw FULL transactions for `seconds`, in chunks: transactions per second. */
async function rawFor(rig: Rig, seconds: number): Promise<number> {
  let count = 0;
  let ms = 0;
  while (ms < seconds * 1000) {
    ms += await rig.run(50);
    count += 50;
  }
  return (count / ms) * 1000;
}

export async function graphqlSection(context: BenchContext, sizes: Sizes, log: BuiltLog, builtDataDir: string): Promise<void> {
  const { rounds, seconds, connections, crowd } = sizes.graphql;
  // `npm start` builds the web app when it is out of date: not in the figures.
  await ensureWebBuild(context.log);
  const prepared = prepareDataDir(tmpPath('graphql', 'register'), log, builtDataDir);
  let server: RegisterProcess | undefined;
  let bare: Awaited<ReturnType<typeof startBareServer>> | undefined;
  let raw: Rig | undefined;
  try {
    server = await startRegisterProcess({ env: prepared.env, logPrefix: tmpPath('graphql', 'npm-start') });
    context.log(`graphql: npm start listening in ${server.listeningMs.toFixed(0)} ms, ready in ${server.readyMs.toFixed(0)} ms`);
    const reader = `Bearer ${prepared.readerToken}`;
    const secretariat = `Bearer ${prepared.secretariatToken}`;
    const risks = (await ask(server.url, reader, RISKS_QUERY))['risks'] as BareRisk[];
    const movement = movementQuery(FROM_MEETING, TO_MEETING);
    const cpsAt = changeProposalsAtQuery(FROM_MEETING);
    bare = await startBareServer({
      risks: risks.map((risk) => ({ ...risk })),
      fields: {
        movement: (await ask(server.url, reader, movement))['movement'],
        changeProposals: (await ask(server.url, reader, cpsAt))['changeProposals'],
      },
    });
    // The population's risks (R2000...), so the sample's own stay as the pack has them.
    const mutationRisks = risks.map((r) => r.id.replace(/^risk:/, '')).filter((id) => Number(id.slice(1)) >= 2000);
    raw = rawRig('FULL', await sampleRow(log, mutationRisks[0]!).then((row) => () => row), 'graphql-raw');
    const writes = (authorization: string | null) => ({
      mutationRisks,
      perSecond: INTERLEAVED_WRITES_PER_SECOND,
      authorization: authorization ?? '',
    });
    const urls = { real: server.url, bare: bare.url };
    const asReader = (query: string, connectionCount: number) => (target: 'real' | 'bare') => ({
      url: urls[target],
      seconds,
      connections: connectionCount,
      authorization: target === 'real' ? reader : null,
      query,
    });
    const plans: Record<string, (target: 'real' | 'bare') => LoadPlan> = {
      list: (target) => ({
        ...asReader(RISKS_QUERY, connections)(target),
        interleavedWrites: writes(target === 'real' ? secretariat : null),
      }),
      movement: asReader(movement, connections),
      movementCrowd: asReader(movement, crowd),
      listAtMeeting: asReader(cpsAt, connections),
    };
    // Warm-up: JIT, mercurius's query cache, SQLite pages, the point cache's first answers.
    for (const plan of Object.values(plans)) await load({ ...plan('real'), seconds: 1 });
    await raw.run(20);

    const results: WorkloadResults = { real: {}, bare: {}, mutation: [], mutationBare: [], rawFull: [] };
    for (let round = 0; round < rounds; round++) {
      context.log(`graphql: round ${round + 1} of ${rounds} (${seconds} s per run; load ${loadNow()})`);
      for (const [name, plan] of Object.entries(plans)) {
        const order = round % 2 === 0 ? (['bare', 'real'] as const) : (['real', 'bare'] as const);
        for (const target of order) {
          const result = check(`${name} (${target})`, await load(plan(target)));
          (results[target][name] ??= []).push(result);
        }
      }
      const start = now();
      const mutation = check(
        'assessRiskScore',
        await load({ url: server.url, seconds, connections, authorization: secretariat, mutationRisks }),
      );
      results.mutation.push(mutation);
      results.rawFull.push(await rawFor(raw, Math.min(seconds, (now() - start) / 1000)));
      results.mutationBare.push(
        check('assessRiskScore (bare)', await load({ url: bare.url, seconds, connections, authorization: null, mutationRisks })),
      );
    }
    graphqlFigures(context, results, { risks: risks.length, connections, crowd, fromMeeting: FROM_MEETING, toMeeting: TO_MEETING });
  } finally {
    await server?.stop();
    await bare?.app.close();
    await raw?.close();
  }
}

const loadNow = () => loadavg()[0]!.toFixed(2);
