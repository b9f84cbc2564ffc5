import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../services/config.ts';
import { ValidationError } from '../../services/core/errors.ts';
import { defaultRegisterRules } from '../../schema/rules.ts';

function issuesOf(env: NodeJS.ProcessEnv): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return (error as ValidationError).issues.map((i) => i.path.join('.'));
  }
  throw new Error('expected the configuration to be refused');
}

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('configuration', () => {
  it('defaults to the embedded store on 127.0.0.1:4000, durable, reads open in development', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      host: '127.0.0.1',
      port: 4000,
      mode: 'development',
      eventStore: { kind: 'sqlite', synchronous: 'FULL' },
      openReads: true,
      rules: defaultRegisterRules,
    });
  });

  it('closes anonymous reads in production unless told otherwise', () => {
    expect(loadConfig({ NODE_ENV: 'production' }).openReads).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production', OPEN_READS: 'true' }).openReads).toBe(true);
  });

  it('selects EventStoreDB by connection string, cluster discovery included', () => {
    expect(loadConfig({ ESDB_CONNECTION_STRING: 'esdb+discover://cluster.example:2113' }).eventStore).toEqual({
      kind: 'esdb',
      connectionString: 'esdb+discover://cluster.example:2113',
      timings: {},
    });
  });

  it("passes the EventStoreDB adapter's time budgets from the environment, and names a bad one", () => {
    const esdb = { ESDB_CONNECTION_STRING: 'esdb://node1:2113?tls=false' };
    expect(loadConfig({ ...esdb, ESDB_RETRY_BUDGET_MS: '60000', ESDB_READ_TIMEOUT_MS: '5000' }).eventStore).toEqual({
      kind: 'esdb',
      connectionString: esdb.ESDB_CONNECTION_STRING,
      timings: { retryBudgetMs: 60_000, readTimeoutMs: 5_000 },
    });
    expect(issuesOf({ ...esdb, ESDB_APPEND_TIMEOUT_MS: '0', ESDB_READ_BACK_GRACE_MS: 'soon' }).sort()).toEqual([
      'ESDB_APPEND_TIMEOUT_MS',
      'ESDB_READ_BACK_GRACE_MS',
    ]);
  });

  it('accepts kurrentdb:// connection strings', () => {
    expect(loadConfig({ ESDB_CONNECTION_STRING: 'kurrentdb://node1:2113,node2:2113?tlsCAFile=/certs/ca.crt' }).eventStore).toMatchObject({
      kind: 'esdb',
    });
  });

  it('refuses EventStoreDB without TLS in production unless ESDB_ALLOW_INSECURE says it is meant', () => {
    const insecure = { NODE_ENV: 'production', ESDB_CONNECTION_STRING: 'esdb://eventstore:2113?tls=false' };
    expect(issuesOf(insecure)).toEqual(['ESDB_CONNECTION_STRING']);
    expect(() => loadConfig(insecure)).toThrow(/ESDB_ALLOW_INSECURE=true/);
    expect(issuesOf({ ...insecure, ESDB_CONNECTION_STRING: 'esdb://eventstore:2113?TLS=False' })).toEqual(['ESDB_CONNECTION_STRING']);
    expect(loadConfig({ ...insecure, ESDB_ALLOW_INSECURE: 'true' }).eventStore).toMatchObject({ kind: 'esdb' });
    expect(
      loadConfig({ NODE_ENV: 'production', ESDB_CONNECTION_STRING: 'esdb://admin:pw@eventstore:2113?tlsCAFile=/ca.crt' }).eventStore,
    ).toMatchObject({
      kind: 'esdb',
    });
    // Development and tests may run a local insecure node without saying so.
    expect(loadConfig({ ESDB_CONNECTION_STRING: 'esdb://localhost:2113?tls=false' }).eventStore).toMatchObject({ kind: 'esdb' });
  });

  it('names every bad variable at once', () => {
    expect(
      issuesOf({ PORT: '70000', SQLITE_SYNCHRONOUS: 'SLOW', ESDB_CONNECTION_STRING: 'http://db:2113', OPEN_READS: 'maybe' }).sort(),
    ).toEqual(['ESDB_CONNECTION_STRING', 'OPEN_READS', 'PORT', 'SQLITE_SYNCHRONOUS']);
  });

  it('validates a rules file: bands must cover 1-30 once, workstreams name known code bodies', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ccag-rules-'));
    dirs.push(dir);
    const file = join(dir, 'rules.json');
    writeFileSync(
      file,
      JSON.stringify({
        ...defaultRegisterRules,
        riskBands: [
          { name: 'High', min: 16, max: 30 },
          { name: 'Low', min: 1, max: 16 },
        ],
        workstreams: [{ id: 'SEC-M8', name: 'SEC', codeBody: 'SECAS' }],
      }),
    );
    expect(issuesOf({ REGISTER_RULES_FILE: file })).toEqual(
      expect.arrayContaining(['REGISTER_RULES_FILE.riskBands.1', 'REGISTER_RULES_FILE.workstreams.0.codeBody']),
    );
  });
});
