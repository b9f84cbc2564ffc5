import type { BenchContext } from '../lib/context.ts';
import { median } from '../lib/measure.ts';
import type { LoadResult } from './load-child.ts';
import { INTERLEAVED_WRITES_PER_SECOND, RISKS_QUERY } from './graphql-workloads.ts';

/** Every round of every workload: on the register and on the bare server, and the mutation rounds with their raw ceiling. */
export interface WorkloadResults {
  readonly real: Record<string, LoadResult[]>;
  readonly bare: Record<string, LoadResult[]>;
  readonly mutation: LoadResult[];
  /** The same mutation rounds on the bare server: what HTTP and GraphQL alone allow on this machine. */
  readonly mutationBare: LoadResult[];
  /** Raw FULL single-row insert transactions per second, one per mutation round. */
  readonly rawFull: number[];
}

const rps = (results: readonly LoadResult[]) => median(results.map((r) => r.requestsPerSecond));
const p99 = (results: readonly LoadResult[]) => median(results.map((r) => r.p99Ms));

export function graphqlFigures(
  context: BenchContext,
  results: WorkloadResults,
  shape: { risks: number; connections: number; crowd: number; fromMeeting: number; toMeeting: number },
): void {
  const { real, bare } = results;
  const push = context.figures.push.bind(context.figures);
  const list = real['list']!;
  const listBare = bare['list']!;
  push({
    id: '5a',
    section: 'GraphQL',
    figure: {
      label: `GraphQL list query ${RISKS_QUERY} (${shape.risks} risks), ${shape.connections} connections, reader token, with ${INTERLEAVED_WRITES_PER_SECOND} assessRiskScore writes/s interleaved`,
      value: rps(list),
      unit: 'req/s',
    },
    reference: {
      label: 'bare fastify + mercurius, same schema, query and writes, answers from memory',
      value: rps(listBare),
      unit: 'req/s',
    },
    ratio: { value: rps(list) / rps(listBare), meaning: 'of reference' },
    target: { on: 'ratio', op: '>=', threshold: 0.6, text: "≥ 60% of the bare query's req/s" },
    detail: { rounds: list, referenceRounds: listBare },
  });
  push({
    id: '5b',
    section: 'GraphQL',
    figure: { label: 'GraphQL list query with interleaved writes, p99 latency', value: p99(list), unit: 'ms' },
    reference: { label: 'bare fastify + mercurius p99', value: p99(listBare), unit: 'ms' },
    ratio: { value: p99(list) / p99(listBare), meaning: "the bare query's p99" },
    target: null,
  });
  const rawFull = median(results.rawFull);
  push({
    id: '5c',
    section: 'GraphQL',
    figure: {
      label: `GraphQL mutation assessRiskScore, ${shape.connections} connections (secretariat token; FULL; answers after the read model has the write)`,
      value: rps(results.mutation),
      unit: 'req/s',
    },
    reference: { label: 'raw better-sqlite3 1-row insert transactions, FULL, between the rounds', value: rawFull, unit: 'tx/s' },
    ratio: { value: rps(results.mutation) / rawFull, meaning: 'of reference' },
    target: { on: 'ratio', op: '>=', threshold: 0.5, text: '≥ 50% of raw FULL tx/s' },
    detail: { rounds: results.mutation, referenceRounds: results.rawFull },
  });
  push({
    id: '5c-bare',
    section: 'GraphQL',
    figure: {
      label: `The same mutation on bare fastify + mercurius (answered from memory: no store, no access check, no request log), ${shape.connections} connections`,
      value: rps(results.mutationBare),
      unit: 'req/s',
    },
    reference: { label: 'raw FULL tx/s (as 5c)', value: rawFull, unit: 'tx/s' },
    ratio: { value: rps(results.mutationBare) / rawFull, meaning: 'of reference' },
    target: null,
    detail: { rounds: results.mutationBare, registerOfBare: rps(results.mutation) / rps(results.mutationBare) },
  });
  push({
    id: '5d',
    section: 'GraphQL',
    figure: { label: 'GraphQL mutation assessRiskScore, p99 latency', value: p99(results.mutation), unit: 'ms' },
    reference: null,
    ratio: null,
    target: null,
  });
  const between = `movement(from: {meeting: ${shape.fromMeeting}}, to: {meeting: ${shape.toMeeting}})`;
  const movement = real['movement']!;
  const movementBare = bare['movement']!;
  push({
    id: '5e',
    section: 'GraphQL',
    figure: {
      label: `GraphQL ${between}, two held meetings, every list, ${shape.connections} connections`,
      value: rps(movement),
      unit: 'req/s',
    },
    reference: {
      label: 'bare fastify + mercurius, same schema and query, the same answer from memory',
      value: rps(movementBare),
      unit: 'req/s',
    },
    ratio: { value: rps(movement) / rps(movementBare), meaning: 'of reference' },
    target: { on: 'ratio', op: '>=', threshold: 0.5, text: '≥ 50% of bare req/s' },
    detail: { rounds: movement, referenceRounds: movementBare },
  });
  const crowd = real['movementCrowd']!;
  const crowdBare = bare['movementCrowd']!;
  push({
    id: '5f',
    section: 'GraphQL',
    figure: { label: `GraphQL ${between} at ${shape.crowd} connections, p99 latency`, value: p99(crowd), unit: 'ms' },
    reference: { label: `bare fastify + mercurius at ${shape.crowd} connections, p99`, value: p99(crowdBare), unit: 'ms' },
    ratio: { value: p99(crowd) / p99(crowdBare), meaning: "the bare server's p99" },
    target: { on: 'ratio', op: '<=', threshold: 3, text: 'within 3× of bare' },
    detail: { rounds: crowd, referenceRounds: crowdBare, requestsPerSecond: rps(crowd), bareRequestsPerSecond: rps(crowdBare) },
  });
  const atMeeting = real['listAtMeeting']!;
  const atMeetingBare = bare['listAtMeeting']!;
  push({
    id: '5g',
    section: 'GraphQL',
    figure: {
      label: `GraphQL changeProposals(at: {meeting: ${shape.fromMeeting}}), ${shape.connections} connections`,
      value: rps(atMeeting),
      unit: 'req/s',
    },
    reference: {
      label: 'bare fastify + mercurius, same schema and query, the same answer from memory',
      value: rps(atMeetingBare),
      unit: 'req/s',
    },
    ratio: { value: rps(atMeeting) / rps(atMeetingBare), meaning: 'of reference' },
    target: null,
    detail: { rounds: atMeeting, referenceRounds: atMeetingBare, p99Ms: p99(atMeeting), bareP99Ms: p99(atMeetingBare) },
  });
}
