import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { countEvents, runCli } from './cli-process.ts';
import type { DataDir, ServerOnDir } from '../support/server-on-dir.ts';
import { serveSampleWithRecEditors } from './sample-server.ts';

/**
 * `ccag import | export | report --server`: the CLI as a person on a laptop runs it, against a
 * real server on 127.0.0.1 with a tokens file, and no access to the store.
 */
let data: DataDir;
let server: ServerOnDir;
let url = '';
let editorA = '';
let editorB = '';
const files = mkdtempSync(join(process.env['TMPDIR'] ?? '/tmp', 'ccag-remote-files-'));
const write = (name: string, text: string) => {
  const path = join(files, name);
  writeFileSync(path, text);
  return path;
};
/** Nothing points the CLI at the store: only the server's address and a token. */
const asPerson = (token: string) => ({ XDG_CONFIG_HOME: join(files, 'config'), CCAG_TOKEN: token });

const updateHeader = 'command,codeBody,ref,on,text\n';

beforeAll(async () => {
  ({ data, server, url, editorA, editorB } = await serveSampleWithRecEditors());
}, 120_000);
afterAll(async () => {
  await server?.stop();
  data?.remove();
});

const lastEventOf = async (id: string) => {
  const { data: answer } = await server.gql(`query($id: ID!) { history(id: $id) { type actor data } }`, { id });
  return (answer.history as { type: string; actor: string; data: Record<string, unknown> }[]).at(-1)!;
};

describe('ccag import --server', () => {
  it("records the token's principal as the actor, and a re-run with another token of the same role writes nothing new", async () => {
    const file = write(
      'rec-updates.csv',
      `${updateHeader}AddChangeProposalUpdate,REC,R0209,2024-12-02,Drafting agreed at the REC working group\n`,
    );
    const before = countEvents(data.dir);
    const first = await runCli(['import', file, '--server', url, '--token', editorA], { XDG_CONFIG_HOME: join(files, 'config') });
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain('rec-updates.csv: 1 rows; 1 written (1 events), 0 already imported');
    expect(countEvents(data.dir)).toBe(before + 1);
    const event = await lastEventOf('cp:REC:R0209');
    expect(event).toMatchObject({ type: 'ChangeProposalUpdateAdded', actor: 'REC editor A' });

    const again = await runCli(['import', file, '--server', url], asPerson(editorB));
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain('1 rows; 0 written (0 events), 1 already imported');
    expect(countEvents(data.dir)).toBe(before + 1);
    expect((await lastEventOf('cp:REC:R0209')).actor).toBe('REC editor A');
  }, 60_000);

  it("refuses a row outside the editor's code bodies by its row number, and writes none of the rows", async () => {
    const file = write(
      'mixed.csv',
      `${updateHeader}AddChangeProposalUpdate,REC,R0209,2024-12-03,REC row that is fine\nAddChangeProposalUpdate,BSC,P478,2024-12-03,BSC row an REC editor may not write\n`,
    );
    const before = countEvents(data.dir);
    const result = await runCli(['import', file, '--server', url], asPerson(editorA));
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('mixed.csv: 1 of 2 rows would be refused by the register; nothing was written.');
    expect(result.stderr).toContain("row 3 (AddChangeProposalUpdate): REC editor A may change only REC items, not BSC's");
    expect(result.stderr).not.toContain('row 2 (');
    expect(countEvents(data.dir)).toBe(before);
  }, 60_000);

  it('says in one line that a bad token was refused, with its own exit code, and writes nothing', async () => {
    const file = write('bad-token.csv', `${updateHeader}AddChangeProposalUpdate,REC,R0209,2024-12-04,Never written\n`);
    const before = countEvents(data.dir);
    const result = await runCli(['import', file, '--server', url], asPerson('ccag_not-a-token-anyone-issued'));
    expect(result.code).toBe(6);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(new RegExp(`^ccag: ${new URL(url).origin} refused the token: .+ \\(check --token / CCAG_TOKEN\\)\\n$`));
    expect(countEvents(data.dir)).toBe(before);
  }, 60_000);

  it('refuses --server together with --data-dir, naming both', async () => {
    const result = await runCli(['export', '--format', 'json', '--server', url, '--data-dir', data.dir], asPerson(editorA));
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--server and --data-dir name two registers');
  }, 30_000);
});

describe('ccag export and report --server', () => {
  it('export gives the same files as on the store, by flags or by CCAG_SERVER and CCAG_TOKEN', async () => {
    const local = await runCli(['export', '--format', 'json', '--at', 'meeting:36'], data.env);
    expect(local.code, local.stderr).toBe(0);
    const byFlags = await runCli(['export', '--format', 'json', '--at', 'meeting:36', '--server', url, '--token', editorA], {
      XDG_CONFIG_HOME: join(files, 'config'),
    });
    expect(byFlags.code, byFlags.stderr).toBe(0);
    expect(byFlags.stdout).toBe(local.stdout);
    expect(JSON.parse(local.stdout).items.risk.length).toBeGreaterThan(0);

    const localDir = join(files, 'local-csv');
    const remoteDir = join(files, 'remote-csv');
    expect((await runCli(['export', '--format', 'csv', '--out', localDir], data.env)).code).toBe(0);
    const byEnv = await runCli(['export', '--format', 'csv', '--out', remoteDir], { ...asPerson(editorB), CCAG_SERVER: url });
    expect(byEnv.code, byEnv.stderr).toBe(0);
    const names = readdirSync(localDir).sort();
    expect(readdirSync(remoteDir).sort()).toEqual(names);
    expect(names).toContain('risks.csv');
    for (const name of names) expect(readFileSync(join(remoteDir, name), 'utf8'), name).toBe(readFileSync(join(localDir, name), 'utf8'));
  }, 90_000);

  it('report movement gives the same document as on the store', async () => {
    for (const format of ['markdown', 'csv']) {
      const args = ['report', 'movement', '--from', 'meeting:35', '--to', 'meeting:36', '--format', format];
      const local = await runCli(args, data.env);
      expect(local.code, local.stderr).toBe(0);
      const remote = await runCli([...args, '--server', url], asPerson(editorA));
      expect(remote.code, remote.stderr).toBe(0);
      expect(remote.stdout).toBe(local.stdout);
      expect(remote.stdout).toContain('R920');
    }
  }, 90_000);
});

describe('ccag pack --server', () => {
  it('builds the same pack as on the store, for a token that may build one; an editor is refused', async () => {
    const args = ['pack', '--meeting', '36', '--format', 'md'];
    const local = await runCli(args, data.env);
    expect(local.code, local.stderr).toBe(0);
    const remote = await runCli([...args, '--server', url], asPerson(data.token));
    expect(remote.code, remote.stderr).toBe(0);
    expect(remote.stdout).toBe(local.stdout);
    expect(remote.stdout).toContain('R920');

    const editor = await runCli([...args, '--server', url], asPerson(editorA));
    expect(editor.code).toBe(6);
    expect(editor.stderr).toMatch(/^ccag: .*REC editor A.*\n$/);
  }, 120_000);
});
