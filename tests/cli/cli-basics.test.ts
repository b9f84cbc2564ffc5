import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { commandSchemas } from '../../services/items.ts';
import { hashToken } from '../../services/api/tokens.ts';
import { importableCommandsByKind } from '../../services/cli/import/commands.ts';
import { runCli, startCli, tempDataDir } from './cli-process.ts';

const data = tempDataDir();
afterAll(() => data.remove());

const subcommands = [
  ['serve'],
  ['load-sample'],
  ['import'],
  ['export'],
  ['report', 'movement'],
  ['verify'],
  ['rebuild'],
  ['events', 'export'],
  ['token', 'create'],
  ['token', 'list'],
  ['token', 'revoke'],
];

describe('ccag --help', () => {
  it('documents the exit codes scripts rely on', async () => {
    const { code, stdout } = await runCli(['--help']);
    expect(code).toBe(0);
    for (const line of [
      '0  ok',
      '1  a check failed',
      '2  usage error',
      '3  configuration error',
      '4  a write conflicted',
      '5  any other error',
    ]) {
      expect(stdout).toContain(line);
    }
    for (const [name] of subcommands) expect(stdout).toContain(name);
  });

  it('gives every subcommand its own help with an example', async () => {
    const results = await Promise.all(subcommands.map((args) => runCli([...args, '--help'], data.env)));
    results.forEach(({ code, stdout }, i) => {
      expect(code, subcommands[i]!.join(' ')).toBe(0);
      expect(stdout, subcommands[i]!.join(' ')).toMatch(/^Usage: ccag /m);
      expect(stdout, subcommands[i]!.join(' ')).toMatch(/Examples?:\n\s+\$ (PORT=\d+ |DATA_DIR=\S+ )?ccag /);
    });
  }, 60_000);

  it('lists every command an import row may name', () => {
    for (const [kind, commands] of Object.entries(commandSchemas)) {
      expect([...(importableCommandsByKind[kind] ?? [])].sort(), kind).toEqual(Object.keys(commands).sort());
    }
  });
});

describe('exit codes', () => {
  it('is 2 for a usage error: an unknown subcommand, a bad option value, a point that cannot be read', async () => {
    const [unknown, badFormat, badPoint, missing] = await Promise.all([
      runCli(['frobnicate'], data.env),
      runCli(['export', '--format', 'xml'], data.env),
      runCli(['export', '--format', 'json', '--at', 'last-tuesday'], data.env),
      runCli(['report', 'movement'], data.env),
    ]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("unknown command 'frobnicate'");
    expect(badFormat.code).toBe(2);
    expect(badFormat.stderr).toContain('xml');
    expect(badPoint.code).toBe(2);
    expect(badPoint.stderr).toContain('--at last-tuesday');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--from');
  }, 60_000);

  it('is 3 for a bad configuration, naming the variable, before anything is opened', async () => {
    const { code, stderr } = await runCli(['export', '--format', 'json'], { ...data.env, SQLITE_SYNCHRONOUS: 'SLOW' });
    expect(code).toBe(3);
    expect(stderr).toContain('SQLITE_SYNCHRONOUS');
  });
});

describe('ccag token create', () => {
  it('prints a new token once and stores only its hash, in DATA_DIR/tokens.json', async () => {
    const { code, stdout } = await runCli(
      ['token', 'create', '--principal', 'rec-code-manager', '--role', 'editor', '--code-body', 'REC'],
      data.env,
    );
    expect(code).toBe(0);
    const token = stdout.trim();
    expect(token).toMatch(/^ccag_\S{20,}$/);
    const file = readFileSync(join(data.dir, 'tokens.json'), 'utf8');
    expect(file).not.toContain(token);
    expect(JSON.parse(file)).toEqual({
      tokens: [{ principal: 'rec-code-manager', role: 'editor', codeBodies: ['REC'], sha256: hashToken(token) }],
    });
  });

  it('refuses a code body the rules do not know (usage error)', async () => {
    const { code, stderr } = await runCli(['token', 'create', '--principal', 'x', '--role', 'editor', '--code-body', 'XYZ'], data.env);
    expect(code).toBe(2);
    expect(stderr).toContain('XYZ');
  });
});

describe('ccag serve', () => {
  it('serves the register over HTTP until told to stop', async () => {
    const child = startCli(['serve'], { ...data.env, PORT: '0', NODE_ENV: 'test' });
    let output = '';
    const url = await new Promise<string>((resolve, reject) => {
      // The banner is on stderr; stdout carries the request log.
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
        output += chunk;
        const match = /GraphQL:\s+(\S+)\/graphql/.exec(output);
        if (match) resolve(match[1]!);
      });
      child.on('close', (code) => reject(new Error(`serve exited with ${code} before listening: ${output}`)));
    });
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    try {
      const health = await fetch(`${url}/health`);
      expect(await health.json()).toEqual({ status: 'ok' });
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
  }, 60_000);
});
