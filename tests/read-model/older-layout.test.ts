import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { READ_MODEL_SCHEMA_VERSION } from '../../projections/read-model/database.ts';
import { openProjectionHarness } from '../support/projection-harness.ts';

const directory = mkdtempSync(join(tmpdir(), 'ccag-layout-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

describe('a read model file of an older layout', () => {
  it('is rebuilt from the log at start, and answers as the log says', async () => {
    const storePath = join(directory, 'events.db');
    const readModelPath = join(directory, 'read-model.db');
    const writer = openProjectionHarness({ storePath, follow: false });
    await writer.execute({
      kind: 'risk',
      type: 'RaiseRisk',
      input: { riskId: 'R1', description: 'Risk 1', score: 10, mitigationPlan: [], raisedOn: '2024-06-01' },
    });
    await writer.execute({ kind: 'risk', type: 'AssessRiskScore', input: { riskId: 'R1', score: 20 } });
    await writer.close();

    // What the previous layout left: full states in a versions table, event copies in the log.
    const old = new Database(readModelPath);
    old.exec(`CREATE TABLE read_model_info (key TEXT PRIMARY KEY, value TEXT NOT NULL);
      INSERT INTO read_model_info VALUES ('schema_version', '${READ_MODEL_SCHEMA_VERSION - 1}');
      CREATE TABLE log (seq INTEGER PRIMARY KEY, data TEXT NOT NULL, metadata TEXT NOT NULL);
      CREATE TABLE versions (begin_seq INTEGER PRIMARY KEY, item_id TEXT NOT NULL, end_seq INTEGER, state TEXT NOT NULL);
      INSERT INTO versions VALUES (1, 'risk:R1', NULL, '{"score": 99}');`);
    old.close();

    const reader = openProjectionHarness({ storePath, readModelPath });
    try {
      await reader.settle();
      expect(reader.queries.item('risk:R1')).toMatchObject({ version: 2, view: { riskId: 'R1', score: 20 } });
      expect(reader.queries.item('risk:R1', 1)).toMatchObject({ version: 1, view: { score: 10 } });
      expect((await reader.log.history('risk:R1')).map((entry) => [entry.type, entry.metadata['actor']])).toEqual([
        ['RiskRaised', expect.any(String)],
        ['RiskScoreAssessed', expect.any(String)],
      ]);
      const tables = reader.readModel.db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).pluck().all();
      expect(tables).not.toContain('versions');
    } finally {
      await reader.close();
    }
  });
});
