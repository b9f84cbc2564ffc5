import { afterEach, describe, expect, it } from 'vitest';
import { dataDirWithToken, riskIdsQuery, startServerOn, type DataDir } from '../support/server-on-dir.ts';

const dirs: DataDir[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) dir.remove();
});

const statusQuery = `query { readModelStatus { state attempt lastError checkpoint head caughtUp } }`;

describe('the projection runner after a transient failure', () => {
  it('answers STORED_NOT_VISIBLE for a stored write it cannot show, retries by itself, and a retry with the same key returns the first result', async () => {
    const dataDir = dataDirWithToken();
    dirs.push(dataDir);
    const server = await startServerOn(dataDir, { READ_YOUR_WRITES_TIMEOUT_MS: '300', PROJECTION_RETRY_MAX_MS: '200' });
    try {
      expect((await server.raiseRisk('R1')).errors).toBeUndefined();
      // The read model's own connection refuses writes (as a full disk or a read-only remount would).
      const readModel = server.server.internals.readModel.db;
      readModel.pragma('query_only = ON');

      const first = await server.raiseRisk('R2', { idempotencyKey: 'raise-R2' });
      expect(first.errors).toHaveLength(1);
      expect(first.errors![0]).toMatchObject({
        message: expect.stringMatching(/^The write was stored at position 2 \(risk:R2 version 1\) but is not visible yet/),
        extensions: { code: 'STORED_NOT_VISIBLE', stored: true, position: '2', itemId: 'risk:R2', version: 1 },
      });
      const status = await server.gql(statusQuery);
      expect(status.data.readModelStatus).toMatchObject({
        state: 'RETRYING',
        checkpoint: '1',
        head: '2',
        caughtUp: false,
        lastError: expect.stringMatching(/readonly/),
      });
      expect(status.data.readModelStatus.attempt).toBeGreaterThanOrEqual(1);
      expect((await server.ready()).status).toBe(503);
      expect(server.logLines.join('\n')).toMatch(
        /projection runner main failed \(attempt 1\), retrying in \d+ ms: attempt to write a readonly database/,
      );

      readModel.pragma('query_only = OFF');
      await server.untilReady(5_000);
      expect(server.logLines.join('\n')).toMatch(/projection runner main recovered after \d+ failed attempts?/);

      const retried = await server.raiseRisk('R2', { idempotencyKey: 'raise-R2' });
      expect(retried.errors).toBeUndefined();
      expect(retried.data.raiseRisk).toMatchObject({ version: 1, position: '2', replayed: true, risk: { id: 'risk:R2' } });
      expect((await server.gql(riskIdsQuery)).data.risks).toEqual([{ id: 'risk:R1' }, { id: 'risk:R2' }]);
      expect((await server.gql(statusQuery)).data.readModelStatus).toMatchObject({
        state: 'RUNNING',
        attempt: null,
        lastError: null,
        head: '2',
        caughtUp: true,
      });
    } finally {
      await server.stop();
    }
  });
});
