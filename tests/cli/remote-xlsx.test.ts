import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { countEvents, runCli } from './cli-process.ts';
import { dataDirWithToken, type DataDir, type ServerOnDir } from '../support/server-on-dir.ts';
import { serveSampleWithRecEditors } from './sample-server.ts';
import { cellAt, editBook, openBook, rowNumberOf, workbookContent, type CellEdit } from './xlsx-workbook.ts';

/**
 * `ccag export --format xlsx` and `ccag import book.xlsx` with --server: a person on a laptop
 * with a token and no access to the store, against a real server on 127.0.0.1.
 */
let data: DataDir;
let server: ServerOnDir;
let url = '';
let editorA = '';
let editorB = '';
const files = mkdtempSync(join(process.env['TMPDIR'] ?? '/tmp', 'ccag-remote-xlsx-'));
const path = (name: string) => join(files, name);
/** Nothing points the CLI at the store: only the server's address and a token. */
const asPerson = (token: string) => ({ XDG_CONFIG_HOME: join(files, 'config'), CCAG_SERVER: url, CCAG_TOKEN: token });
const HSL = 'Horizon Scanning Log';

beforeAll(async () => {
  ({ data, server, url, editorA, editorB } = await serveSampleWithRecEditors());
}, 120_000);
afterAll(async () => {
  await server?.stop();
  data?.remove();
});

/** Exports over the API as `token` and returns the workbook. */
async function exportRemote(name: string, token: string, args: readonly string[] = []): Promise<Buffer> {
  const result = await runCli(['export', '--format', 'xlsx', '--out', path(name), ...args], asPerson(token));
  expect(result.code, result.stderr).toBe(0);
  return readFileSync(path(name));
}

/** The exported workbook with the edits, written to `name`; and the HSL row of each CP named. */
async function edit(book: Buffer, name: string, edits: (row: (ref: string) => number) => CellEdit[]): Promise<string> {
  const sheet = (await openBook(book)).getWorksheet(HSL)!;
  writeFileSync(
    path(name),
    await editBook(
      book,
      edits((ref) => rowNumberOf(sheet, 'Change', ref)),
    ),
  );
  return path(name);
}

const historyOf = async (id: string) => {
  const { data: answer } = await server.gql(`query($id: ID!) { history(id: $id) { type actor data } }`, { id });
  return answer.history as { type: string; actor: string; data: Record<string, unknown> }[];
};

describe('ccag export --format xlsx --server', () => {
  it('writes the workbook the store gives, cell for cell, now and at a meeting', async () => {
    for (const at of [[], ['--at', 'meeting:35']]) {
      const local = await runCli(['export', '--format', 'xlsx', '--out', path('local.xlsx'), ...at], data.env);
      expect(local.code, local.stderr).toBe(0);
      const remote = await exportRemote('remote.xlsx', editorA, at);
      const content = await workbookContent(remote);
      expect(content).toEqual(await workbookContent(readFileSync(path('local.xlsx'))));
      expect(content.sheets.map((s) => s.name)).toContain(HSL);
      expect((await openBook(remote)).getWorksheet('Risks')!.rowCount).toBeGreaterThan(1);
    }
  }, 120_000);
});

describe('ccag import book.xlsx --server', () => {
  it("writes exactly the edited cells' commands as the token's principal; a re-run by anyone writes nothing", async () => {
    const book = await exportRemote('editor.xlsx', editorA);
    const sheet = (await openBook(book)).getWorksheet(HSL)!;
    const updates = cellAt(sheet, rowNumberOf(sheet, 'Change', 'R0209'), 'Updates');
    const file = await edit(book, 'editor-edited.xlsx', (row) => [
      { sheet: HSL, row: row('R0209'), heading: 'Decision date', text: '2025-06' },
      { sheet: HSL, row: row('R0209'), heading: 'Updates', text: `${updates}\nUpdate 02/12/24 – Drafting agreed at the REC working group` },
    ]);
    const before = countEvents(data.dir);

    const dryRun = await runCli(['import', file, '--dry-run'], asPerson(editorA));
    expect(dryRun.code, dryRun.stderr).toBe(0);
    expect(dryRun.stdout).toContain('2 commands from 1 rows; nothing written (--dry-run)');
    expect(countEvents(data.dir)).toBe(before);

    const first = await runCli(['import', file], asPerson(editorA));
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain('editor-edited.xlsx: 2 rows; 2 written (2 events), 0 already imported');
    expect(countEvents(data.dir)).toBe(before + 2);
    const written = (await historyOf('cp:REC:R0209')).slice(-2);
    expect(written.map((e) => [e.type, e.actor])).toEqual([
      ['DecisionDateChanged', 'REC editor A'],
      ['ChangeProposalUpdateAdded', 'REC editor A'],
    ]);
    expect(written[1]!.data).toEqual({ on: '2024-12-02', text: 'Drafting agreed at the REC working group' });

    for (const token of [editorB, data.token]) {
      const again = await runCli(['import', file], asPerson(token));
      expect(again.code, again.stderr).toBe(0);
      expect(again.stdout).toContain('2 rows; 0 written (0 events), 2 already imported');
    }
    expect(countEvents(data.dir)).toBe(before + 2);
  }, 120_000);

  it("refuses a row outside the editor's code bodies, naming it, and writes none of the workbook", async () => {
    const book = await exportRemote('outside.xlsx', editorA);
    const file = await edit(book, 'outside-edited.xlsx', (row) => [
      { sheet: HSL, row: row('R0202'), heading: 'Title', text: 'An REC title the editor may change' },
      { sheet: HSL, row: row('P478'), heading: 'Title', text: 'A BSC title an REC editor may not change' },
    ]);
    const p478 = (await openBook(readFileSync(file))).getWorksheet(HSL)!;
    const before = countEvents(data.dir);
    const result = await runCli(['import', file], asPerson(editorA));
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/outside-edited\.xlsx: 1 of \d+ rows would be refused by the register; nothing was written\./);
    expect(result.stderr).toContain(
      `${HSL} row ${rowNumberOf(p478, 'Change', 'P478')} (EditChangeProposal): REC editor A may change only REC items, not BSC's`,
    );
    expect(countEvents(data.dir)).toBe(before);
  }, 120_000);

  it('reports a row the register changed after the export as a conflict, by cell, and writes nothing of the workbook', async () => {
    const book = await exportRemote('conflict.xlsx', editorA);
    // The secretariat sets R0201's decision date after the export.
    const elsewhere = path('elsewhere.csv');
    writeFileSync(elsewhere, 'command,codeBody,ref,decisionDate\nSetDecisionDate,REC,R0201,2025-09\n');
    expect((await runCli(['import', elsewhere], asPerson(data.token))).code).toBe(0);
    const file = await edit(book, 'conflict-edited.xlsx', (row) => [
      { sheet: HSL, row: row('R0201'), heading: 'Decision date', text: '2025-07' },
      { sheet: HSL, row: row('I0204'), heading: 'Title', text: 'An edit of another item, in the same workbook' },
    ]);
    const rows = (await openBook(readFileSync(file))).getWorksheet(HSL)!;
    const before = countEvents(data.dir);
    const result = await runCli(['import', file], asPerson(editorA));
    expect(result.code).toBe(4);
    expect(result.stderr).toContain(
      `${HSL} row ${rowNumberOf(rows, 'Change', 'R0201')} (REC R0201), Decision date: exported "TBC", the register now says "2025-09", the row says "2025-07"`,
    );
    expect(countEvents(data.dir)).toBe(before);
  }, 120_000);

  it('refuses a workbook exported from another register', async () => {
    const other = dataDirWithToken();
    try {
      expect((await runCli(['load-sample'], other.env)).code).toBe(0);
      const exported = await runCli(['export', '--format', 'xlsx', '--out', path('other.xlsx')], other.env);
      expect(exported.code, exported.stderr).toBe(0);
      const before = countEvents(data.dir);
      const result = await runCli(['import', path('other.xlsx')], asPerson(editorA));
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/other\.xlsx was exported from another register: its log position \d+ was recorded at /);
      expect(countEvents(data.dir)).toBe(before);
    } finally {
      other.remove();
    }
  }, 120_000);
});
