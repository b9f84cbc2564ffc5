import { afterAll, describe, expect, it } from 'vitest';
import { runCli, startCli, tempDataDir } from './cli-process.ts';

const data = tempDataDir();
afterAll(() => data.remove());

async function serve(env: Record<string, string>): Promise<{ url: string; stop: () => Promise<number | null> }> {
  const child = startCli(['serve'], { ...env, PORT: '0', NODE_ENV: 'production' });
  let banner = '';
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  const url = await new Promise<string>((resolve, reject) => {
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      banner += chunk;
      const match = /GraphQL:\s+(\S+)\/graphql/.exec(banner);
      if (match) resolve(match[1]!);
    });
    void exited.then((code) => reject(new Error(`serve exited with ${code}: ${banner}`)));
  });
  return {
    url,
    stop: () => {
      child.kill('SIGTERM');
      return exited;
    },
  };
}

async function callerCode(url: string, token: string): Promise<string | undefined> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: '{ risks { __typename } }' }),
  });
  const body = (await response.json()) as { errors?: { extensions?: { code?: string } }[] };
  return body.errors?.[0]?.extensions?.code ?? 'OK';
}

describe('ccag token list and revoke', () => {
  it('lists who holds a token without showing any token, and revokes one so a running server refuses it', async () => {
    const editor = await runCli(
      ['token', 'create', '--principal', 'rec-code-manager', '--role', 'editor', '--code-body', 'REC', 'BSC'],
      data.env,
    );
    const secretariat = await runCli(['token', 'create', '--principal', 'secretariat', '--role', 'secretariat'], data.env);
    expect([editor.code, secretariat.code]).toEqual([0, 0]);
    const editorToken = editor.stdout.trim();

    const listed = await runCli(['token', 'list'], data.env);
    expect(listed.code).toBe(0);
    expect(listed.stdout.split('\n')).toEqual([
      'PRINCIPAL         ROLE         CODE BODIES',
      'rec-code-manager  editor       REC,BSC',
      'secretariat       secretariat  -',
      '',
    ]);
    expect(listed.stdout).not.toContain(editorToken);

    const server = await serve(data.env);
    try {
      expect(await callerCode(server.url, editorToken)).toBe('OK');
      const revoked = await runCli(['token', 'revoke', '--principal', 'rec-code-manager'], data.env);
      expect(revoked.code).toBe(0);
      expect(revoked.stderr).toContain('Token for rec-code-manager revoked');
      // The server looks at the tokens file at most once a second.
      await new Promise((resolve) => setTimeout(resolve, 1_100));
      expect(await callerCode(server.url, editorToken)).toBe('UNAUTHENTICATED');
    } finally {
      expect(await server.stop()).toBe(0);
    }

    const after = await runCli(['token', 'list'], data.env);
    expect(after.stdout).not.toContain('rec-code-manager');
    expect(after.stdout).toContain('secretariat');
  }, 90_000);

  it('revoking a principal without a token is a usage error that names those with one', async () => {
    const { code, stderr } = await runCli(['token', 'revoke', '--principal', 'nobody'], data.env);
    expect(code).toBe(2);
    expect(stderr).toContain('no token for principal "nobody"');
    expect(stderr).toContain('tokens are held by: secretariat');
  });

  it('says the server reloads the tokens file, not that it reads it at start', async () => {
    const { stdout } = await runCli(['token', 'create', '--help'], data.env);
    expect(stdout).toContain('reloads the tokens\nfile within a second');
    expect(stdout).not.toContain('when it starts');
  });
});
