import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../services/config.ts';
import { buildApp } from '../../services/api/app.ts';
import { TokenBook, hashToken } from '../../services/api/tokens.ts';
import { mutationDocument } from '../support/api-documents.ts';
import { readWholeLog } from '../support/projection-fold.ts';
import { openFaultRig, type FaultRig } from './esdb-fault-kit.ts';

/** What a user of the GraphQL API sees when EventStoreDB stays away: UNAVAILABLE, and a retry that lands once. */
console.log('EventStoreDB API errors: a stand-in of its own (tests/support/esdb-standin), to inject faults');

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function apiOn(rig: FaultRig) {
  const dataDir = mkdtempSync(join(tmpdir(), 'ccag-esdb-api-'));
  cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
  const config = loadConfig({ NODE_ENV: 'test', READ_MODEL: 'memory', DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
  const tokens = new TokenBook([{ principal: 'ccag-secretariat', role: 'secretariat', codeBodies: [], sha256: hashToken('secret-token') }]);
  const app = await buildApp({ register: rig.register, config, tokens, logger: false });
  await app.ready();
  cleanups.push(() => app.close());
  return async (mutation: string, input: Record<string, unknown>) => {
    const response = await app.inject({
      method: 'POST',
      url: '/graphql',
      headers: { 'content-type': 'application/json', authorization: 'Bearer secret-token' },
      payload: JSON.stringify({ query: mutationDocument(mutation), variables: { input } }),
    });
    return response.json<{ data: Record<string, unknown> | null; errors?: { message: string; extensions?: { code?: string } }[] }>();
  };
}

describe('the API on EventStoreDB under faults', () => {
  it('answers UNAVAILABLE when the server stays busy past the retry budget; the same request sent again lands once', async () => {
    const rig = await openFaultRig({ retryBudgetMs: 300 });
    cleanups.push(() => rig.close());
    const post = await apiOn(rig);
    const input = { riskId: 'R920', description: 'Settlement run slips', score: 20, mitigationPlan: ['monitor'], raisedOn: '2024-10-01' };

    rig.standin.failNextAppends(1_000, { kind: 'busy' });
    const refused = await post('raiseRisk', input);
    expect(refused.errors?.map((e) => e.extensions?.code)).toEqual(['UNAVAILABLE']);
    expect(refused.errors?.[0]?.message).toMatch(/EventStoreDB did not complete .* Server Is Busy/);

    rig.standin.faults.appendFaults.length = 0;
    const accepted = await post('raiseRisk', input);
    expect(accepted.errors).toBeUndefined();
    expect(rig.register.queries.item('risk:R920')).toMatchObject({ version: 1 });
    // Exactly one event: the refused attempt wrote nothing, the accepted one wrote once.
    expect((await readWholeLog(rig.register.store)).map((e) => e.type)).toEqual(['RiskRaised']);
  });
});
