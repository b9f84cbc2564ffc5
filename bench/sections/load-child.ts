/**
 * Load generator for the GraphQL section, run as a child process so the server under test
 * keeps a core of its own: autocannon against argv[2] (JSON LoadPlan); prints one JSON line.
 */
import autocannon, { type Result } from 'autocannon';

export interface LoadPlan {
  readonly url: string;
  readonly seconds: number;
  readonly connections: number;
  readonly authorization: string | null;
  /** A fixed query, or assessRiskScore mutations over these risk ids with alternating scores. */
  readonly query?: string;
  readonly mutationRisks?: readonly string[];
  /**
   * Writes interleaved with the query: assessRiskScore mutations over these risks at a fixed
   * rate on one connection of their own, for the whole run (same rate on every server).
   */
  readonly interleavedWrites?: {
    readonly mutationRisks: readonly string[];
    readonly perSecond: number;
    readonly authorization: string;
  };
}

export interface LoadResult {
  readonly requestsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly requests: number;
  readonly non2xx: number;
  readonly errors: number;
  readonly graphqlErrors: number;
  readonly timeouts: number;
  /** The interleaved writes' own figures, when there were any. */
  readonly writes?: LoadResult;
}

const MUTATION = `mutation Assess($input: AssessRiskScoreInput!) {
  assessRiskScore(input: $input) { risk { id score band } version changed }
}`;

const plan = JSON.parse(process.argv[2] ?? '{}') as LoadPlan;

function headersFor(authorization: string | null): Record<string, string> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (authorization) headers['authorization'] = authorization;
  return headers;
}

/** assessRiskScore over `risks` in turn, the score alternating 12/18 lap by lap. */
function mutationRequest(risks: readonly string[], authorization: string | null) {
  let sent = 0;
  return {
    method: 'POST' as const,
    path: '/graphql',
    headers: headersFor(authorization),
    setupRequest(req: Record<string, unknown>) {
      const n = sent++;
      const riskId = risks[n % risks.length]!;
      const score = Math.floor(n / risks.length) % 2 === 0 ? 12 : 18;
      return { ...req, body: JSON.stringify({ query: MUTATION, variables: { input: { riskId, score } } }) };
    },
  };
}

const request = plan.query
  ? { method: 'POST' as const, path: '/graphql', headers: headersFor(plan.authorization), body: JSON.stringify({ query: plan.query }) }
  : mutationRequest(plan.mutationRisks ?? [], plan.authorization);

function summary(result: Result): LoadResult {
  return {
    requestsPerSecond: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
    graphqlErrors: result.mismatches,
    timeouts: result.timeouts,
  };
}

const verifyBody = (body: string) => !body.includes('"errors"');
const writes = plan.interleavedWrites;
const [main, written] = await Promise.all([
  autocannon({ url: plan.url, connections: plan.connections, duration: plan.seconds, requests: [request], verifyBody }),
  writes
    ? autocannon({
        url: plan.url,
        connections: 1,
        duration: plan.seconds,
        overallRate: writes.perSecond,
        requests: [mutationRequest(writes.mutationRisks, writes.authorization)],
        verifyBody,
      })
    : undefined,
]);

const output: LoadResult = { ...summary(main), ...(written ? { writes: summary(written) } : {}) };
process.stdout.write(`${JSON.stringify(output)}\n`);
