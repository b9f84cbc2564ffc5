import { afterEach, expect, it } from 'vitest';
import { startApiHarness, type ApiHarness } from '../support/api-harness.ts';
import { riskPlan } from '../support/api-plans.ts';
import { mutationDocument } from '../support/api-documents.ts';

let api: ApiHarness | undefined;
afterEach(async () => {
  await api?.close();
  api = undefined;
});

const risksQuery = `query($at: Point) { risks(at: $at) { id score band version } }`;

/** Current lists are kept between requests; a write must never leave a reader on the old list. */
it('a list read right after each write shows it, even with readers busy around the write', async () => {
  api = await startApiHarness();
  const [raise] = riskPlan('R920', 'cp:BSC:P478');
  await api.write(mutationDocument('raiseRisk'), { input: raise!.input });
  const list = async (at?: unknown) => (await api!.write<any>(risksQuery, at ? { at } : {}, 'reader')).risks;
  const raisedAt = (await api.write<any>(`{ point { position } }`, {}, 'reader')).point.position;
  const raisedScore = (await list())[0].score;

  const stale: unknown[] = [];
  for (let i = 0; i < 40; i++) {
    const score = i % 2 ? 12 : 18;
    const [, reply] = await Promise.all([
      list(),
      api.write<any>(mutationDocument('assessRiskScore'), { input: { riskId: 'R920', score } }),
    ]);
    const after = (await list())[0];
    if (after.score !== score || after.version !== reply.assessRiskScore.version) stale.push({ i, after });
  }
  expect(stale).toEqual([]);
  // A past point is read from the stored versions, never from the kept current list.
  expect((await list({ position: raisedAt }))[0]).toMatchObject({ score: raisedScore, version: 1 });
});
