import { afterEach, describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import { codesOf, startApiHarness, type ApiHarness, type HarnessOptions } from '../support/api-harness.ts';
import { queries, schemaText } from '../support/api-documents.ts';
import { refuseComplexQueries, type RegisterSizes } from '../../services/api/complexity.ts';

let api: ApiHarness | undefined;
afterEach(async () => {
  await api?.close();
  api = undefined;
});

async function start(options: HarnessOptions = {}): Promise<ApiHarness> {
  api = await startApiHarness(options);
  return api;
}

// The graphql build graphql-query-complexity checks types against (its CommonJS one; see services/api/app.ts).
const { buildSchema, parse } = createRequire(import.meta.url)('graphql') as typeof import('graphql');
const schema = buildSchema(schemaText);
const sizesOf = (items: number): RegisterSizes => ({
  items: 4 * items + 1,
  byList: { changeProposals: items, milestones: items, risks: items, actions: items, meetings: 1 },
});

/** The complexity a query is refused with at `limit`, or undefined when it is accepted. */
function refusedComplexity(query: string, limit: number, sizes: RegisterSizes, variables?: Record<string, unknown>): number | undefined {
  try {
    refuseComplexQueries(limit, () => sizes)(schema, parse(query), variables);
    return undefined;
  } catch (error) {
    const extensions = (error as { extensions?: { code?: string; complexity?: number } }).extensions;
    expect(extensions?.code).toBe('QUERY_TOO_COMPLEX');
    return extensions?.complexity;
  }
}

const aliases = (count: number, field: string) => `{ ${Array.from({ length: count }, (_, i) => `a${i}: ${field}`).join('\n')} }`;

describe('the complexity limit weighs reads by their work', () => {
  it('refuses 400 aliases of verification and 20 of movement at the default limit, even on an empty register', () => {
    const empty = sizesOf(0);
    expect(refusedComplexity(aliases(400, 'verification { ok }'), 1000, empty)).toBeGreaterThan(1000);
    expect(refusedComplexity(aliases(20, 'movement(from: {meeting: 35}) { risks { id } }'), 1000, empty)).toBeGreaterThan(1000);
    // One of each is an ordinary request.
    expect(refusedComplexity(queries.verification, 1000, empty)).toBeUndefined();
    expect(refusedComplexity(queries.movement, 1000, empty, { from: { meeting: 35 } })).toBeUndefined();
  });

  it('counts a list at a point by the items it reads, and the register now as before', () => {
    const atPoint = '{ risks(at: {meeting: 35}) { id } }';
    expect(refusedComplexity(atPoint, 100, sizesOf(100))).toBeUndefined();
    expect(refusedComplexity(atPoint, 100, sizesOf(10_000))).toBeGreaterThan(100);
    expect(refusedComplexity('{ risks { id } }', 100, sizesOf(10_000))).toBeUndefined();
    // Variables count: the same document with and without a point.
    const either = 'query($at: Point) { risks(at: $at) { id } }';
    expect(refusedComplexity(either, 100, sizesOf(10_000), { at: { meeting: 35 } })).toBeGreaterThan(100);
    expect(refusedComplexity(either, 100, sizesOf(10_000), { at: null })).toBeUndefined();
  });

  it('counts history and events by their page size', () => {
    const small = sizesOf(10);
    expect(refusedComplexity('{ history(id: "risk:R1", first: 10) { position } }', 50, small)).toBeUndefined();
    expect(refusedComplexity('{ history(id: "risk:R1", first: 1000) { position } }', 50, small)).toBeGreaterThan(50);
    expect(refusedComplexity('{ history(id: "risk:R1") { position } }', 50, small)).toBeGreaterThan(50);
    expect(refusedComplexity('{ events(first: 10) { hasMore } }', 50, small)).toBeUndefined();
    expect(refusedComplexity('{ events(first: 1000) { hasMore } }', 50, small)).toBeGreaterThan(50);
  });
});

describe('expensive reads through the API', () => {
  it('refuse alias floods with QUERY_TOO_COMPLEX before any of them runs', async () => {
    let verified = 0;
    let resolved = 0;
    const api = await start({
      register: (register) => {
        const readAll = register.store.readAll.bind(register.store);
        register.store.readAll = (options) => {
          verified++;
          return readAll(options);
        };
        const resolve = register.queries.resolve.bind(register.queries);
        register.queries.resolve = (point) => {
          resolved++;
          return resolve(point);
        };
      },
    });
    const before = { verified, resolved };
    const verifications = await api.gql(aliases(400, 'verification { ok eventsChecked }'), {}, 'auditor');
    expect(verifications.status).toBe(400);
    expect(codesOf(verifications)).toEqual(['QUERY_TOO_COMPLEX']);
    const movements = await api.gql(aliases(20, 'movement(from: {position: "0/0"}) { risks { id change } }'), {}, 'reader');
    expect(codesOf(movements)).toEqual(['QUERY_TOO_COMPLEX']);
    expect({ verified, resolved }).toEqual(before);
    // A single one of each runs.
    expect(await api.gql(queries.verification, {}, 'auditor')).toMatchObject({ data: { verification: { ok: true } } });
    expect(codesOf(await api.gql(queries.movement, { from: { position: '0/0' } }, 'reader'))).toEqual([]);
    expect(verified).toBeGreaterThan(before.verified);
  });

  it('answer TIMEOUT when a read outlasts QUERY_TIMEOUT_MS', async () => {
    const api = await start({
      env: { QUERY_TIMEOUT_MS: '100' },
      register: (register) => {
        const lag = register.runner.lag.bind(register.runner);
        register.runner.lag = async () => {
          await new Promise((resolve) => setTimeout(resolve, 1000));
          return lag();
        };
      },
    });
    const reply = await api.gql(queries.readModelStatus, {}, 'reader');
    expect(codesOf(reply)).toEqual(['TIMEOUT']);
    expect(reply.errors![0]!.message).toMatch(/100 ms/);
    expect(reply.errors![0]!.path).toEqual(['readModelStatus']);
    // Quick reads in the same configuration answer.
    expect(await api.gql(queries.vocabulary, {}, 'reader')).toMatchObject({ data: { vocabulary: { riskBands: expect.any(Array) } } });
  });
});

describe('history pages', () => {
  const page = `query($id: ID!, $first: Int, $after: String) { history(id: $id, first: $first, after: $after) { position type revision } }`;

  it('walks an item history page by page, and the unpaged call still returns all of it', async () => {
    const api = await start();
    await api.mutate('raiseRisk', { riskId: 'R920', description: 'Code changes are late', score: 20, mitigationPlan: [], raisedOn: '02/08/2024' });
    await api.mutate('raiseRisk', { riskId: 'R921', description: 'Another risk', score: 5, mitigationPlan: [], raisedOn: '02/08/2024' });
    for (const score of [16, 12, 10, 8]) await api.mutate('assessRiskScore', { riskId: 'R920', score });
    const all = (await api.write<{ history: { position: string; revision: number }[] }>(queries.history, { id: 'risk:R920' })).history;
    expect(all.map((e) => e.revision)).toEqual([0, 1, 2, 3, 4]);

    const walked: { position: string; revision: number }[] = [];
    let after: string | undefined;
    for (;;) {
      const { history } = await api.write<{ history: { position: string; revision: number }[] }>(page, { id: 'risk:R920', first: 2, after }, 'reader');
      walked.push(...history);
      if (history.length < 2) break;
      after = history.at(-1)!.position;
    }
    expect(walked).toEqual(all.map(({ position, revision }) => expect.objectContaining({ position, revision })));
    expect((await api.write<{ history: unknown[] }>(page, { id: 'risk:R920', first: 10, after: all.at(-1)!.position }, 'reader')).history).toEqual([]);
  });

  it('names a bad page size or cursor, and an unknown item is NOT_FOUND', async () => {
    const api = await start();
    await api.mutate('raiseRisk', { riskId: 'R920', description: 'Code changes are late', score: 20, mitigationPlan: [], raisedOn: '02/08/2024' });
    for (const first of [0, 1001]) {
      const reply = await api.gql(page, { id: 'risk:R920', first }, 'reader');
      expect(codesOf(reply)).toEqual(['BAD_USER_INPUT']);
      expect(reply.errors![0]!.extensions!['fields']).toEqual([{ path: 'first', message: 'must be from 1 to 1000' }]);
    }
    const badCursor = await api.gql(page, { id: 'risk:R920', first: 2, after: 'yesterday' }, 'reader');
    expect(codesOf(badCursor)).toEqual(['BAD_USER_INPUT']);
    expect(badCursor.errors![0]!.extensions!['fields']).toEqual([{ path: 'after', message: 'yesterday is not a log position' }]);
    expect(codesOf(await api.gql(page, { id: 'risk:R1', first: 2, after: '0/0' }, 'reader'))).toEqual(['NOT_FOUND']);
  });
});
