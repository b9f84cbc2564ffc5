import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import mercurius from 'mercurius';
import { loadConfig } from '../../services/config.ts';
import { buildApp } from '../../services/api/app.ts';
import { TokenBook, hashToken } from '../../services/api/tokens.ts';
import { riskBandOf } from '../../schema/rules.ts';
import type { BenchRegister as Register } from '../fixtures/open.ts';
import type { BenchContext, Sizes } from '../lib/context.ts';
import { median } from '../lib/measure.ts';
import { runChild } from '../lib/child.ts';
import { resetDir, tmpPath } from '../lib/tmp.ts';
import type { BuiltLog } from '../fixtures/log-builder.ts';
import { openBenchRegister, readModelPath } from '../fixtures/open.ts';
import type { LoadPlan, LoadResult } from './load-child.ts';

/*
 * 5. GraphQL over loopback. The server is the real one (buildApp: fastify 5 + mercurius,
 * rate limit, complexity check, bearer tokens, production mode) over a copy of the 10k
 * log with its read model, its store at synchronous=FULL; the load comes from autocannon
 * in a child process, so the server keeps a core. The reference is a bare fastify +
 * mercurius server answering the same query from an array of the same risks, measured
 * in alternating rounds with the real one.
 */

const LIST_QUERY = '{ risks { id score band } }';
const readerToken = 'bench-reader-token';
const secretariatToken = 'bench-secretariat-token';

async function bareServer(risks: readonly { id: string; score: number; band: string }[]): Promise<FastifyInstance> {
  const app = Fastify({ logger: false });
  await app.register(mercurius, {
    schema: 'type Risk { id: ID! score: Int! band: String! } type Query { risks: [Risk!]! }',
    resolvers: { Query: { risks: () => risks } },
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  return app;
}

function urlOf(app: FastifyInstance): string {
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('server has no TCP address');
  return `http://127.0.0.1:${address.port}`;
}

async function realServer(log: BuiltLog, builtDataDir: string): Promise<{ app: FastifyInstance; register: Register }> {
  const dataDir = resetDir(tmpPath('graphql', 'register'));
  const storePath = join(dataDir, 'events.db');
  copyFileSync(log.path, storePath);
  copyFileSync(readModelPath(builtDataDir), readModelPath(dataDir));
  const register = await openBenchRegister({ storePath, dataDir, fresh: false, follow: true, synchronous: 'FULL' });
  await register.runner.catchUp(60_000);
  const config = loadConfig({
    NODE_ENV: 'production',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    RATE_LIMIT_PER_MINUTE: '100000000',
  });
  const tokens = new TokenBook([
    { principal: 'dashboard', role: 'reader', codeBodies: [], sha256: hashToken(readerToken) },
    { principal: 'ccag-secretariat', role: 'secretariat', codeBodies: [], sha256: hashToken(secretariatToken) },
  ]);
  const app = await buildApp({ register, config, tokens, logger: false });
  await app.listen({ host: '127.0.0.1', port: 0 });
  return { app, register };
}

const load = (plan: LoadPlan) => runChild<LoadResult>('sections/load-child.ts', plan);

export async function graphqlSection(context: BenchContext, sizes: Sizes, log: BuiltLog, builtDataDir: string): Promise<void> {
  const { rounds, seconds, connections } = sizes.graphql;
  const real = await realServer(log, builtDataDir);
  const risks = real.register.queries.items('risk').map((item) => ({
    id: item.id,
    score: item.view['score'] as number,
    band: riskBandOf(real.register.rules, item.view['score'] as number),
  }));
  const bare = await bareServer(risks);
  const realUrl = urlOf(real.app);
  const bareUrl = urlOf(bare);
  const common = { seconds, connections };
  const check = (what: string, result: LoadResult) => {
    if (result.non2xx + result.errors + result.graphqlErrors + result.timeouts > 0) {
      throw new Error(
        `${what}: ${result.non2xx} non-2xx, ${result.errors} errors, ${result.graphqlErrors} GraphQL errors, ${result.timeouts} timeouts`,
      );
    }
  };
  // A short warm-up of the real server (JIT, mercurius's query cache, SQLite pages).
  await load({ ...common, seconds: 1, url: realUrl, authorization: `Bearer ${readerToken}`, query: LIST_QUERY });

  const list: LoadResult[] = [];
  const reference: LoadResult[] = [];
  const mutation: LoadResult[] = [];
  const mutationRisks = risks.map((r) => r.id.replace(/^risk:/, '')).filter((id) => Number(id.slice(1)) >= 2000);
  for (let round = 0; round < rounds; round++) {
    context.log(`graphql: round ${round + 1} of ${rounds} (${seconds} s each: bare, list, mutation)`);
    const bareResult = await load({ ...common, url: bareUrl, authorization: null, query: LIST_QUERY });
    check('bare query', bareResult);
    reference.push(bareResult);
    const listResult = await load({ ...common, url: realUrl, authorization: `Bearer ${readerToken}`, query: LIST_QUERY });
    check('risks query', listResult);
    list.push(listResult);
    const mutationResult = await load({ ...common, url: realUrl, authorization: `Bearer ${secretariatToken}`, mutationRisks });
    check('assessRiskScore', mutationResult);
    mutation.push(mutationResult);
  }
  await real.app.close();
  await real.register.close();
  await bare.close();

  const rps = (results: LoadResult[]) => median(results.map((r) => r.requestsPerSecond));
  const p99 = (results: LoadResult[]) => median(results.map((r) => r.p99Ms));
  const bareRps = rps(reference);
  context.figures.push({
    id: '5a',
    section: 'GraphQL',
    figure: {
      label: `GraphQL list query ${LIST_QUERY} (${risks.length} risks), ${connections} connections, reader token`,
      value: rps(list),
      unit: 'req/s',
    },
    reference: { label: 'bare fastify + mercurius, same query and risks', value: bareRps, unit: 'req/s' },
    ratio: { value: rps(list) / bareRps, meaning: 'of reference' },
    target: { on: 'ratio', op: '>=', threshold: 0.6, text: "≥ 60% of the bare query's req/s" },
    detail: { rounds: list, referenceRounds: reference },
  });
  context.figures.push({
    id: '5b',
    section: 'GraphQL',
    figure: { label: 'GraphQL list query, p99 latency', value: p99(list), unit: 'ms' },
    reference: { label: 'bare fastify + mercurius p99', value: p99(reference), unit: 'ms' },
    ratio: { value: p99(list) / p99(reference), meaning: "the bare query's p99" },
    target: null,
  });
  context.figures.push({
    id: '5c',
    section: 'GraphQL',
    figure: {
      label: 'GraphQL mutation assessRiskScore (secretariat token; FULL; answers after the read model has the write)',
      value: rps(mutation),
      unit: 'req/s',
    },
    reference: { label: 'bare fastify + mercurius query', value: bareRps, unit: 'req/s' },
    ratio: { value: rps(mutation) / bareRps, meaning: 'of reference' },
    target: null,
    detail: { rounds: mutation },
  });
  context.figures.push({
    id: '5d',
    section: 'GraphQL',
    figure: { label: 'GraphQL mutation assessRiskScore, p99 latency', value: p99(mutation), unit: 'ms' },
    reference: { label: 'bare fastify + mercurius query p99', value: p99(reference), unit: 'ms' },
    ratio: { value: p99(mutation) / p99(reference), meaning: "the bare query's p99" },
    target: null,
  });
}
