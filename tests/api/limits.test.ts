import { afterEach, describe, expect, it } from 'vitest';
import { authorizationFor, codesOf, startApiHarness, type ApiHarness, type HarnessOptions } from '../support/api-harness.ts';
import { mutationDocument, queries, schemaText } from '../support/api-documents.ts';
import { createRequire } from 'node:module';
import { refuseComplexQueries, type RegisterSizes } from '../../services/api/complexity.ts';
import { riskPlan } from '../support/api-plans.ts';
import { riskModule } from '../../services/risk/index.ts';
import { asItemModule } from '../../services/core/registry.ts';

let api: ApiHarness | undefined;
afterEach(async () => {
  await api?.close();
  api = undefined;
});

async function start(options: HarnessOptions = {}): Promise<ApiHarness> {
  api = await startApiHarness(options);
  return api;
}

/** `changeProposals { relatedChangeProposals { ... { id } } }`, `depth` levels deep as mercurius counts. */
function queryOfDepth(depth: number): string {
  let selection = 'id';
  for (let level = 2; level < depth; level++) selection = `relatedChangeProposals { ${selection} }`;
  return `{ changeProposals { ${selection} } }`;
}

async function post(api: ApiHarness, payload: unknown, as: Parameters<typeof authorizationFor>[0] = 'reader') {
  const authorization = authorizationFor(as);
  return api.app.inject({
    method: 'POST',
    url: '/graphql',
    headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
    payload: JSON.stringify(payload),
  });
}

describe('query limits', () => {
  it('accepts a query at the depth limit and rejects one level deeper', async () => {
    const api = await start({ env: { QUERY_DEPTH_LIMIT: '6' } });
    expect(await api.gql(queryOfDepth(6), {}, 'reader')).toMatchObject({ status: 200, data: { changeProposals: [] } });
    const tooDeep = await api.gql(queryOfDepth(7), {}, 'reader');
    expect(tooDeep.status).toBe(400);
    expect(tooDeep.data ?? null).toBeNull();
    expect(tooDeep.errors![0]!.message).toMatch(/query depth \(7\) exceeds the query depth limit of 6/);
    expect(codesOf(tooDeep)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
  });

  it('rejects 1000 aliases as too complex, before running any of them', async () => {
    const api = await start();
    let resolved = 0;
    const vocabulary = api.config.rules;
    Object.defineProperty(api.config, 'rules', {
      get: () => {
        resolved++;
        return vocabulary;
      },
    });
    const aliases = Array.from({ length: 1000 }, (_, i) => `a${i}: vocabulary { codeBodies { code name example } }`).join('\n');
    const reply = await api.gql(`{ ${aliases} }`, {}, 'reader');
    expect(reply.status).toBe(400);
    expect(codesOf(reply)).toEqual(['QUERY_TOO_COMPLEX']);
    const limit = api.config.limits.queryComplexity;
    expect(reply.errors![0]!.extensions).toMatchObject({ limit });
    expect(reply.errors![0]!.extensions!['complexity']).toBeGreaterThan(limit);
    expect(resolved).toBe(0);
    // A handful of aliases is fine (and does run, so the count above could have moved).
    expect(codesOf(await api.gql(`{ a: vocabulary { riskBands { name } } b: vocabulary { riskBands { min } } }`, {}, 'reader'))).toEqual(
      [],
    );
    expect(resolved).toBeGreaterThan(0);
  });

  it('measures complexity with the variables given, so required variables are not mistaken for errors', async () => {
    const api = await start({ env: { QUERY_COMPLEXITY_LIMIT: '20' } });
    const small = await api.gql(`query($id: ID!) { risk(id: $id) { id } }`, { id: 'risk:R1' }, 'reader');
    expect(small).toMatchObject({ status: 200, data: { risk: null } });
    const big = await api.gql(
      `query($all: Boolean!) { risks { id ref description score band status raisedOn closedOn mitigationPlan version
        lastChange @include(if: $all) { position recordedAt effectiveAt actor eventType } relatedChangeProposals @include(if: $all) { id ref status version title } } }`,
      { all: true },
      'reader',
    );
    expect(codesOf(big)).toEqual(['QUERY_TOO_COMPLEX']);
    const trimmed = await api.gql(
      `query($all: Boolean!) { risks { id ref description score band status raisedOn closedOn mitigationPlan version
        lastChange @include(if: $all) { position recordedAt effectiveAt actor eventType } relatedChangeProposals @include(if: $all) { id ref status version title } } }`,
      { all: false },
      'reader',
    );
    expect(trimmed).toMatchObject({ status: 200, data: { risks: [] } });
  });

  it('refuses a body over the configured limit with 413', async () => {
    const api = await start({ env: { BODY_LIMIT_BYTES: '2048' } });
    const padding = '#'.padEnd(3000, '.');
    const reply = await post(api, { query: `${padding}\n{ vocabulary { riskBands { name } } }` });
    expect(reply.statusCode).toBe(413);
    expect((await post(api, { query: '{ vocabulary { riskBands { name } } }' })).statusCode).toBe(200);
  });

  it('refuses a batched (array) request', async () => {
    const api = await start();
    const reply = await post(api, [{ query: '{ vocabulary { riskBands { name } } }' }, { query: '{ meetings { id } }' }]);
    expect(reply.statusCode).toBe(400);
    expect(reply.json().data ?? null).toBeNull();
    expect(reply.json().errors).toHaveLength(1);
  });
});

describe('introspection and GraphiQL', () => {
  const introspection = '{ __schema { queryType { name } } }';

  it('are off in production', async () => {
    const api = await start({ env: { NODE_ENV: 'production' } });
    expect(api.config.mode).toBe('production');
    const reply = await api.gql(introspection, {}, 'reader');
    expect(reply.status).toBe(400);
    expect(reply.errors![0]!.message).toMatch(/introspection has been disabled/i);
    expect(new Set(codesOf(reply))).toEqual(new Set(['GRAPHQL_VALIDATION_FAILED']));
    expect((await api.app.inject({ method: 'GET', url: '/graphiql' })).statusCode).toBe(404);
    // The ordinary queries still work.
    expect(codesOf(await api.gql(queries.vocabulary, {}, 'reader'))).toEqual([]);
  });

  it('are on in development', async () => {
    const api = await start({ env: { NODE_ENV: 'development' } });
    expect(await api.gql(introspection, {}, 'reader')).toMatchObject({ status: 200, data: { __schema: { queryType: { name: 'Query' } } } });
    const graphiql = await api.app.inject({ method: 'GET', url: '/graphiql' });
    expect(graphiql.statusCode).toBe(200);
    expect(graphiql.headers['content-type']).toMatch(/text\/html/);
  });
});

describe('rate limit', () => {
  it('answers 429 after the per-minute maximum, per token, and never limits /health', async () => {
    const api = await start({ env: { RATE_LIMIT_PER_MINUTE: '3' } });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await api.gql(queries.vocabulary, {}, 'reader')).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    // Another caller has its own allowance.
    expect((await api.gql(queries.vocabulary, {}, 'auditor')).status).toBe(200);
    for (let i = 0; i < 5; i++) expect((await api.app.inject({ method: 'GET', url: '/health' })).statusCode).toBe(200);
  });

  it('counts made-up tokens against the address, not each against an allowance of its own', async () => {
    const api = await start({ env: { RATE_LIMIT_PER_MINUTE: '3' } });
    const statuses = [];
    for (let i = 0; i < 4; i++) {
      const reply = await api.app.inject({
        method: 'POST',
        url: '/graphql',
        headers: { 'content-type': 'application/json', authorization: `Bearer made-up-${i}` },
        payload: { query: queries.vocabulary },
      });
      statuses.push(reply.statusCode);
    }
    expect(statuses).toEqual([200, 200, 200, 429]);
    expect((await api.gql(queries.vocabulary, {}, 'anonymous')).status).toBe(429);
    expect((await api.gql(queries.vocabulary, {}, 'reader')).status).toBe(200);
  });
});

describe('/health and /ready', () => {
  it('/health answers 200 while the process runs', async () => {
    const api = await start();
    const reply = await api.app.inject({ method: 'GET', url: '/health' });
    expect(reply.statusCode).toBe(200);
    expect(reply.json()).toEqual({ status: 'ok' });
  });

  it('/ready is 200 when caught up and 503 while the read model is behind', async () => {
    const api = await start();
    await api.write(mutationDocument('raiseRisk'), { input: riskPlan('R920', 'cp:REC:R0209')[0]!.input });
    const ready = await api.app.inject({ method: 'GET', url: '/ready' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toMatchObject({ status: 'ready', caughtUp: true, eventsBehind: 0 });

    // Stop following the log, then write straight through the command handler.
    await api.internals.runner.stop();
    await api.internals.handler.handle(
      asItemModule(riskModule),
      { type: 'AssessRiskScore', data: { riskId: 'R920', score: 12 } },
      { actor: 'test' },
    );
    const behind = await api.app.inject({ method: 'GET', url: '/ready' });
    expect(behind.statusCode).toBe(503);
    expect(behind.json()).toMatchObject({ caughtUp: false, eventsBehind: 1 });

    api.internals.runner.start();
    await api.internals.runner.catchUp(10_000);
    expect((await api.app.inject({ method: 'GET', url: '/ready' })).statusCode).toBe(200);
  });

  it('/ready is 503 once the projection runner has failed', async () => {
    const api = await start();
    // A stored event that fails its own schema stops the runner (it must not skip history).
    await api.internals.store.append(
      'risk:R1',
      [{ id: '00000000-0000-4000-8000-000000000001', type: 'RiskRaised', data: {}, metadata: {} }],
      'no_stream',
    );
    await api.internals.runner.catchUp(2_000).catch(() => undefined);
    await expect.poll(() => api.internals.runner.error).toBeDefined();
    const reply = await api.app.inject({ method: 'GET', url: '/ready' });
    expect(reply.statusCode).toBe(503);
    expect(reply.json()).toMatchObject({ status: 'unavailable' });
  });
});

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

  it("counts each page's inclusion proofs as a full page of them, and one proof as one lookup", () => {
    const small = sizesOf(10);
    const proofs = (count: number) =>
      `{ ${Array.from({ length: count }, (_, i) => `p${i}: events(first: 1000) { events { inclusionProof { treeSize } } }`).join(' ')} }`;
    expect(refusedComplexity(proofs(1), 1000, small)).toBeUndefined();
    expect(refusedComplexity(proofs(5), 1000, small)).toBeGreaterThan(1000);
    expect(refusedComplexity('{ events(first: 1000) { events { id } } }', 150, small)).toBeUndefined();
    expect(refusedComplexity('{ events(first: 1000) { events { inclusionProof { treeSize } } } }', 150, small)).toBeGreaterThan(150);
    expect(refusedComplexity('{ inclusionProof(eventId: "e1") { treeSize } }', 10, small)).toBeUndefined();
  });
});

describe('expensive reads through the API', () => {
  it('refuse alias floods with QUERY_TOO_COMPLEX before any of them runs', async () => {
    let resolved = 0;
    const api = await start({
      register: (register) => {
        const resolve = register.itemsAt.resolve.bind(register.itemsAt);
        register.itemsAt.resolve = (point) => {
          resolved++;
          return resolve(point);
        };
      },
    });
    const before = resolved;
    const verifications = await api.gql(aliases(400, 'verification { ok eventsChecked }'), {}, 'auditor');
    expect(verifications.status).toBe(400);
    expect(codesOf(verifications)).toEqual(['QUERY_TOO_COMPLEX']);
    const movements = await api.gql(aliases(20, 'movement(from: {position: "0/0"}) { risks { id change } }'), {}, 'reader');
    expect(codesOf(movements)).toEqual(['QUERY_TOO_COMPLEX']);
    expect(resolved).toBe(before);
    // A single one of each runs.
    expect(await api.gql(queries.verification, {}, 'auditor')).toMatchObject({ data: { verification: { ok: true } } });
    expect(codesOf(await api.gql(queries.movement, { from: { position: '0/0' } }, 'reader'))).toEqual([]);
    expect(resolved).toBeGreaterThan(before);
  });

  it('answer TIMEOUT when a read outlasts QUERY_TIMEOUT_MS', async () => {
    const api = await start({
      env: { QUERY_TIMEOUT_MS: '100' },
      register: (register) => {
        const status = register.status.bind(register);
        register.status = async () => {
          await new Promise((resolve) => setTimeout(resolve, 1000));
          return status();
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
    await api.mutate('raiseRisk', {
      riskId: 'R920',
      description: 'Code changes are late',
      score: 20,
      mitigationPlan: [],
      raisedOn: '02/08/2024',
    });
    await api.mutate('raiseRisk', { riskId: 'R921', description: 'Another risk', score: 5, mitigationPlan: [], raisedOn: '02/08/2024' });
    for (const score of [16, 12, 10, 8]) await api.mutate('assessRiskScore', { riskId: 'R920', score });
    const all = (await api.write<{ history: { position: string; revision: number }[] }>(queries.history, { id: 'risk:R920' })).history;
    expect(all.map((e) => e.revision)).toEqual([0, 1, 2, 3, 4]);

    const walked: { position: string; revision: number }[] = [];
    let after: string | undefined;
    for (;;) {
      const { history } = await api.write<{ history: { position: string; revision: number }[] }>(
        page,
        { id: 'risk:R920', first: 2, after },
        'reader',
      );
      walked.push(...history);
      if (history.length < 2) break;
      after = history.at(-1)!.position;
    }
    expect(walked).toEqual(all.map(({ position, revision }) => expect.objectContaining({ position, revision })));
    expect(
      (await api.write<{ history: unknown[] }>(page, { id: 'risk:R920', first: 10, after: all.at(-1)!.position }, 'reader')).history,
    ).toEqual([]);
  });

  it('names a bad page size or cursor, and an unknown item is NOT_FOUND', async () => {
    const api = await start();
    await api.mutate('raiseRisk', {
      riskId: 'R920',
      description: 'Code changes are late',
      score: 20,
      mitigationPlan: [],
      raisedOn: '02/08/2024',
    });
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
