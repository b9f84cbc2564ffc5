import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { countEvents, runCli, tempDataDir } from './cli-process.ts';
import { cellAt, editBook, openBook, rowNumberOf } from './xlsx-workbook.ts';

const data = tempDataDir();
afterAll(() => data.remove());

const description = 'Café résumé – “cutover” risk';

describe('ccag import and export, as a person runs them', () => {
  it('refuses a CSV Excel saved in windows-1252, naming the row; with --encoding windows-1252 it imports the text as typed', async () => {
    const csv = [
      'command,riskId,description,score,mitigationPlan,raisedOn',
      'RaiseRisk,R3000,Plain text risk,10,Watch it,27/11/24',
      `RaiseRisk,R3001,${description},12,Watch it,27/11/24`,
    ].join('\r\n');
    const file = join(data.dir, 'risks-excel.csv');
    writeFileSync(file, iconv.encode(`${csv}\r\n`, 'windows-1252'));

    const refused = await runCli(['import', file], data.env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('is not UTF-8 text; nothing was written');
    expect(refused.stderr).toMatch(/row 3: byte 0xE9 is not UTF-8/);
    expect(refused.stderr).not.toMatch(/row 2:/);
    expect(refused.stderr).toContain('--encoding windows-1252');
    expect(countEvents(data.dir)).toBe(0);

    const imported = await runCli(['import', file, '--encoding', 'windows-1252'], data.env);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toContain('2 rows; 2 written (2 events)');
    const exported = await runCli(['export', '--format', 'json'], data.env);
    const risks = (JSON.parse(exported.stdout) as { items: { risk: { riskId: string; description: string }[] } }).items.risk;
    expect(risks.find((r) => r.riskId === 'R3001')?.description).toBe(description);
  }, 120_000);

  it('exports a workbook, prints an edit as movement on a dry run, and refuses it once the register has changed the row (exit 4)', async () => {
    const book = join(data.dir, 'register.xlsx');
    const exported = await runCli(['export', '--format', 'xlsx', '--out', book], data.env);
    expect(exported.code, exported.stderr).toBe(0);
    const original = readFileSync(book);
    const sheet = (await openBook(original)).getWorksheet('Risks')!;
    const row = rowNumberOf(sheet, 'Risk ID', 'R3001');
    expect(cellAt(sheet, row, 'Risk Description')).toBe(description);
    const edited = join(data.dir, 'edited.xlsx');
    writeFileSync(edited, await editBook(original, [{ sheet: 'Risks', row, heading: 'Score', text: '8' }]));

    const events = countEvents(data.dir);
    const dryRun = await runCli(['import', edited, '--dry-run'], data.env);
    expect(dryRun.code, dryRun.stderr).toBe(0);
    expect(dryRun.stdout).toContain(`R3001 (row ${row}): Score reduced from 12 to 8`);
    expect(dryRun.stdout).toContain('1 commands from 1 rows; nothing written (--dry-run)');
    expect(countEvents(data.dir)).toBe(events);

    // Someone assesses the risk after the export.
    const elsewhere = data.file('assess.csv', 'command,riskId,score\nAssessRiskScore,R3001,20\n');
    expect((await runCli(['import', elsewhere], data.env)).code).toBe(0);
    const afterThem = countEvents(data.dir);

    const conflict = await runCli(['import', edited], data.env);
    expect(conflict.code).toBe(4);
    expect(conflict.stderr).toContain(`Risks row ${row} (R3001), Score: exported "12", the register now says "20", the row says "8"`);
    expect(countEvents(data.dir)).toBe(afterThem);
  }, 180_000);
});
