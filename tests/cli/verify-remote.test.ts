import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keepHead } from '../../services/transparency/kept-heads.ts';
import { startApiHarness, type ApiHarness } from '../support/api-harness.ts';
import { buildCcag35To36 } from '../support/api-scenario.ts';
import { runCli } from './cli-process.ts';

/** `ccag verify --server`: a client keeping the last head a running register showed it, over a real socket. */
let api: ApiHarness;
let url = '';
const config = mkdtempSync(join(tmpdir(), 'ccag-remote-'));
const env = { XDG_CONFIG_HOME: config };
const keptFile = join(config, 'ccag', 'heads.json');

beforeAll(async () => {
  api = await startApiHarness();
  await buildCcag35To36(api);
  url = await api.app.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(async () => {
  await api.close();
  rmSync(config, { recursive: true, force: true });
});

describe('ccag verify --server', () => {
  it('keeps the head it checked, then proves the register has only grown since', async () => {
    const first = await runCli(['verify', '--server', url], env);
    expect(first.code, first.stderr).toBe(0);
    const size = (await api.write(`{ treeHead { treeSize } }`, {}, 'reader')).treeHead.treeSize as number;
    expect(first.stdout).toContain(`OK: the register at ${new URL(url).origin} signs with key ${api.register.transparency.key.publicKey}`);
    await api.mutate('assessRiskScore', { riskId: 'R920', score: 12 });
    const second = await runCli(['verify', '--server', url], env);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toContain(`it has only grown since the head kept from the last verify (size ${size} → ${size + 1})`);
  }, 60_000);

  it('names a kept head the register can no longer prove it extends, or one it has shrunk below', async () => {
    const origin = new URL(url).origin;
    const { key } = api.register.transparency;
    // Heads the register once signed for a history it no longer has.
    keepHead(origin, key.sign({ treeSize: 3, rootHash: 'ab'.repeat(32), timestamp: '2024-11-01T09:00:00.000Z' }), keptFile);
    const rewritten = await runCli(['verify', '--server', url], env);
    expect(rewritten.code).toBe(1);
    expect(rewritten.stderr).toContain(
      "FAILED: the head kept from the last verify (size 3, signed 2024-11-01T09:00:00.000Z): the log's first 3 events no longer hash to the head's root",
    );
    keepHead(origin, key.sign({ treeSize: 100_000, rootHash: 'ab'.repeat(32), timestamp: '2024-11-01T09:00:00.000Z' }), keptFile);
    const shrunk = await runCli(['verify', '--server', url], env);
    expect(shrunk.code).toBe(1);
    expect(shrunk.stderr).toMatch(/the head covers 100000 events but the log now has \d+: \d+ event\(s\) at the end were removed/);
  }, 60_000);
});
