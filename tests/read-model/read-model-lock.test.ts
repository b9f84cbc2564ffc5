import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../cli/cli-process.ts';
import { dataDirWithToken, riskIdsQuery, startServerOn, type DataDir } from '../support/server-on-dir.ts';

const dirs: DataDir[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) dir.remove();
});

describe('one process at a time holds a read model', () => {
  it('`ccag rebuild` refuses while a server holds it, rebuilds with --force, and runs once the server stops', async () => {
    const dataDir = dataDirWithToken();
    dirs.push(dataDir);
    const server = await startServerOn(dataDir);
    try {
      await server.raiseRisk('R1');
      const refused = await runCli(['rebuild'], dataDir.env);
      expect(refused.code).not.toBe(0);
      expect(refused.stderr).toMatch(
        /the read model is in use by another process \(a running server or rebuild holds \S+read-model\.db\.lock\); stop it first, or pass --force/,
      );
      expect(refused.stdout).toBe('');
      const command = await runCli(['export', '--format', 'json'], { ...dataDir.env, READ_MODEL: 'file' });
      expect(command.code).not.toBe(0);
      expect(command.stderr).toMatch(/stop it first, or leave READ_MODEL unset so the command builds its own in memory/);

      const forced = await runCli(['rebuild', '--force'], dataDir.env);
      expect(forced.stderr).toBe('');
      expect(forced.stdout).toMatch(/Rebuilt the read model from 1 events: 1 items/);
      expect(forced.code).toBe(0);
    } finally {
      await server.stop();
    }
    const after = await runCli(['rebuild'], dataDir.env);
    expect(after.code).toBe(0);
  });

  it('a second server on the same DATA_DIR is refused while the first runs, and starts once it stops', async () => {
    const dataDir = dataDirWithToken();
    dirs.push(dataDir);
    const first = await startServerOn(dataDir);
    try {
      await first.raiseRisk('R1');
      const refusal = startServerOn(dataDir);
      await expect(refusal).rejects.toThrow(
        /the read model is in use by another process \(a running server or rebuild holds \S+read-model\.db\.lock\); stop it first, or give this server another DATA_DIR/,
      );
      // --force belongs to `ccag rebuild`; a server has no such option.
      await expect(refusal).rejects.not.toThrow(/--force/);
      // The first is unharmed.
      expect((await first.gql(riskIdsQuery)).data.risks).toEqual([{ id: 'risk:R1' }]);
    } finally {
      await first.stop();
    }
    const second = await startServerOn(dataDir);
    try {
      await second.untilReady();
      expect((await second.gql(riskIdsQuery)).data.risks).toEqual([{ id: 'risk:R1' }]);
    } finally {
      await second.stop();
    }
  });
});
