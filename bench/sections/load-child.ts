/**
 * Load generator for the GraphQL section, run as a child process so the server under test
 * keeps a core of its own: autocannon against argv[2] (JSON LoadPlan); prints one JSON line.
 */
import autocannon from 'autocannon';

export interface LoadPlan {
  readonly url: string;
  readonly seconds: number;
  readonly connections: number;
  readonly authorization: string | null;
  /** A fixed query, or assessRiskScore mutations over these risk ids with alternating scores. */
  readonly query?: string;
  readonly mutationRisks?: readonly string[];
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
}

const MUTATION = `mutation Assess($input: AssessRiskScoreInput!) {
  assessRiskScore(input: $input) { risk { id score band } version changed }
}`;

const plan = JSON.parse(process.argv[2] ?? '{}') as LoadPlan;
let sent = 0;
const headers: Record<string, string> = { 'content-type': 'application/json' };
if (plan.authorization) headers['authorization'] = plan.authorization;

const risks = plan.mutationRisks ?? [];
const request = plan.query
  ? { method: 'POST' as const, path: '/graphql', headers, body: JSON.stringify({ query: plan.query }) }
  : {
      method: 'POST' as const,
      path: '/graphql',
      headers,
      setupRequest(req: Record<string, unknown>) {
        const n = sent++;
        const riskId = risks[n % risks.length]!;
        const score = Math.floor(n / risks.length) % 2 === 0 ? 12 : 18;
        return { ...req, body: JSON.stringify({ query: MUTATION, variables: { input: { riskId, score } } }) };
      },
    };

const result = await autocannon({
  url: plan.url,
  connections: plan.connections,
  duration: plan.seconds,
  requests: [request],
  verifyBody: (body: string) => !body.includes('"errors"'),
});

const output: LoadResult = {
  requestsPerSecond: result.requests.average,
  p50Ms: result.latency.p50,
  p99Ms: result.latency.p99,
  requests: result.requests.total,
  non2xx: result.non2xx,
  errors: result.errors,
  graphqlErrors: result.mismatches,
  timeouts: result.timeouts,
};
process.stdout.write(`${JSON.stringify(output)}\n`);
