import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import mercurius from 'mercurius';
import { benchDir } from '../lib/tmp.ts';

/*
 * The reference server: bare fastify + mercurius (no logger, no auth, no rate limit, no
 * read model) with the register's own schema, answering each query with the answer the
 * register gave to it, held in memory. So both servers parse, validate, execute and
 * serialise the same query to the same response; what the register adds is what is
 * measured. Its one mutation sets a risk's score in the held list, so writes can be
 * interleaved with the list query as on the register.
 */

export interface BareRisk {
  id: string;
  score: number;
  band: string;
}

export interface BareAnswers {
  /** The `risks` list the register gave (the list query's answer); the mutation changes it. */
  readonly risks: BareRisk[];
  /** Other root fields' answers, by field name (e.g. movement, changeProposals). */
  readonly fields: Readonly<Record<string, unknown>>;
}

const registerSchema = () => readFileSync(join(benchDir, '..', 'schema', 'register.graphql'), 'utf8');

export async function startBareServer(answers: BareAnswers): Promise<{ app: FastifyInstance; url: string }> {
  const app = Fastify({ logger: false });
  const byId = new Map(answers.risks.map((risk) => [risk.id.replace(/^risk:/, ''), risk]));
  const versions = new Map<string, number>();
  const query: Record<string, () => unknown> = { risks: () => answers.risks };
  for (const [field, answer] of Object.entries(answers.fields)) query[field] = () => answer;
  await app.register(mercurius, {
    schema: registerSchema(),
    resolvers: {
      Query: query,
      Mutation: {
        assessRiskScore: (_root: unknown, args: { input: { riskId: string; score: number } }) => {
          const risk = byId.get(args.input.riskId);
          if (!risk) throw new Error(`no risk ${args.input.riskId}`);
          const changed = risk.score !== args.input.score;
          risk.score = args.input.score;
          const version = (versions.get(risk.id) ?? 1) + (changed ? 1 : 0);
          versions.set(risk.id, version);
          return { risk: { ...risk }, version, position: null, changed, replayed: false };
        },
      },
    },
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('bare server has no TCP address');
  return { app, url: `http://127.0.0.1:${address.port}` };
}
