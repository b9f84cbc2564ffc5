import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { countEvents, runCli, tempDataDir } from './cli-process.ts';

const data = tempDataDir();
afterAll(() => data.remove());

const file = (name: string, text: string): string => data.file(name, text);

async function exportJson(...args: string[]): Promise<{ at: { position: string | null }; items: Record<string, Record<string, any>[]> }> {
  const { code, stdout, stderr } = await runCli(['export', '--format', 'json', ...args], data.env);
  expect(code, stderr).toBe(0);
  return JSON.parse(stdout);
}

const byId = (items: Record<string, any>[] | undefined, id: string) => items?.find((item) => item['id'] === id);

// A spreadsheet as the secretariat would keep it: one command per row, cells as the pack writes them.
const goodCsv = `command,riskId,description,score,mitigationPlan,raisedOn,ref,text,owner.party,owner.person,dueDate,codeBody,title,summary,mhhsImpact,decisionDate,number,date,agenda
RaiseRisk,R1001,"A risk, with a comma",22,Analyse the deliverables | Plan the drafting,27/11/24,,,,,,,,,,,,,
RaiseAction,,,,,27/11/2024,CCAG36-01,Code Bodies to report back,REC,Andrew Wallace,11/12/24,,,,,,,,
RaiseChangeProposal,,,,,03/12/24,R0250,,,,,REC,A test change,"A summary
over two lines",Of interest,Q1 2025,,,
ScheduleMeeting,,,,,,,,,,,,,,,,37,2024-12-18,Welcome | Horizon Scanning Log
`;

describe('ccag import', () => {
  it('writes each row of a CSV as a command, reading lists, owners and pack-style dates', async () => {
    const { code, stdout, stderr } = await runCli(['import', file('good.csv', goodCsv)], data.env);
    expect(code, stderr).toBe(0);
    expect(stdout).toContain('4 written');
    expect(countEvents(data.dir)).toBe(4);

    const { items } = await exportJson();
    expect(byId(items['risk'], 'risk:R1001')).toMatchObject({
      description: 'A risk, with a comma',
      score: 22,
      band: 'High',
      mitigationPlan: ['Analyse the deliverables', 'Plan the drafting'],
      raisedOn: '2024-11-27',
      lastChange: { actor: 'cli:cli-test' },
    });
    expect(byId(items['action'], 'action:CCAG36-01')).toMatchObject({
      owner: { party: 'REC', person: 'Andrew Wallace' },
      raisedOn: '2024-11-27',
      dueDate: '2024-12-11',
    });
    expect(byId(items['changeProposal'], 'cp:REC:R0250')).toMatchObject({
      summary: 'A summary\nover two lines',
      decisionDate: { kind: 'quarter', year: 2025, quarter: 1 },
    });
    // A title alone in the agenda cell is an agenda item with nothing else given yet.
    const titleOnly = (title: string) => ({ title, objective: null, type: null, lead: null, time: null });
    expect(byId(items['meeting'], 'meeting:37')).toMatchObject({
      agenda: [titleOnly('Welcome'), titleOnly('Horizon Scanning Log')],
      status: 'Scheduled',
    });
  }, 60_000);

  it('writes nothing new when the same file is imported again', async () => {
    const { code, stdout } = await runCli(['import', join(data.dir, 'good.csv')], data.env);
    expect(code).toBe(0);
    expect(stdout).toContain('0 written');
    expect(stdout).toContain('4 already imported');
    expect(countEvents(data.dir)).toBe(4);
  }, 60_000);

  it('writes JSON rows too, with write options, and the export shows the result', async () => {
    const rows = [
      { command: 'AssessRiskScore', riskId: 'R1001', score: 12, reason: 'Reassessed after CCAG #36' },
      { command: 'SetDecisionDate', codeBody: 'REC', ref: 'R0250', decisionDate: 'December 2025' },
      { command: 'ReassignAction', ref: 'CCAG36-01', owner: { party: 'Programme', person: 'Claire Silk' }, expectedVersion: 1 },
    ];
    const { code, stderr } = await runCli(['import', file('rows.json', JSON.stringify(rows))], data.env);
    expect(code, stderr).toBe(0);
    expect(countEvents(data.dir)).toBe(7);

    const { items } = await exportJson();
    expect(byId(items['risk'], 'risk:R1001')).toMatchObject({ score: 12, band: 'Low' });
    expect(byId(items['changeProposal'], 'cp:REC:R0250')).toMatchObject({ decisionDate: { kind: 'month', year: 2025, month: 12 } });
    expect(byId(items['action'], 'action:CCAG36-01')).toMatchObject({ owner: { party: 'Programme', person: 'Claire Silk' } });

    const risks = await runCli(['export', '--format', 'csv', '--kind', 'risks'], data.env);
    expect(risks.code).toBe(0);
    expect(risks.stdout.split('\n')[0]).toMatch(/^id,riskId,description,score,band,mitigationPlan,/);
    expect(risks.stdout).toContain('risk:R1001,R1001,"A risk, with a comma",12,Low,Analyse the deliverables | Plan the drafting,');
  }, 60_000);

  it('exports the register as it stood at an earlier position', async () => {
    const { items } = await exportJson('--at', 'position:4');
    expect(byId(items['risk'], 'risk:R1001')).toMatchObject({ score: 22 });
    expect(byId(items['changeProposal'], 'cp:REC:R0250')).toMatchObject({ decisionDate: { kind: 'quarter', year: 2025, quarter: 1 } });
  }, 60_000);

  it('reports every invalid row by its line in the file and field, and writes none of the rows', async () => {
    const bad = file(
      'bad.csv',
      `command,riskId,description,score,mitigationPlan,raisedOn,ref,text,owner.party,dueDate,colour
RaiseRisk,R1002,A valid risk,15,Step one,27/11/24,,,,,
RaiseRisk,R1003,Score off the scale,31,Step one,27/11/24,,,,,

RaiseAction,,,,,27/11/24,CCAG36-02,"An action
over two lines",REC,32/11/24,
FlyToTheMoon,,,,,,,,,,
AssessRiskScore,R1001,,,,,,,,,blue
`,
    );
    const before = countEvents(data.dir);
    const { code, stderr } = await runCli(['import', bad], data.env);
    expect(code).toBe(1);
    expect(stderr).toContain('4 of 5 rows are invalid; nothing was written');
    expect(stderr).toContain('row 3, score: Too big');
    expect(stderr).toContain('row 5, dueDate: cannot read "32/11/24" as a day');
    expect(stderr).toContain('row 7, command: unknown command FlyToTheMoon');
    expect(stderr).toContain('row 8, score:');
    expect(stderr).toContain(
      'row 8, colour: is not a column of AssessRiskScore; leave it empty on this row (AssessRiskScore takes riskId, score;',
    );
    expect(stderr).not.toMatch(/row 2,/);
    expect(countEvents(data.dir)).toBe(before);
    const { items } = await exportJson('--kind', 'risk');
    expect(byId(items['risk'], 'risk:R1002')).toBeUndefined();
  }, 60_000);

  it('checks but writes nothing with --dry-run', async () => {
    const rows = file('dry.json', JSON.stringify([{ command: 'CloseRisk', riskId: 'R1001', on: '18/12/24' }]));
    const before = countEvents(data.dir);
    const { code, stdout } = await runCli(['import', rows, '--dry-run'], data.env);
    expect(code).toBe(0);
    expect(stdout).toContain('all 1 rows are valid; nothing written (--dry-run)');
    expect(countEvents(data.dir)).toBe(before);
  }, 60_000);

  it('stops at a row the register refuses (exit 1) and at a conflicting one (exit 4)', async () => {
    const before = countEvents(data.dir);
    const missing = await runCli(
      ['import', file('missing.json', JSON.stringify([{ command: 'AssessRiskScore', riskId: 'R7777', score: 5 }]))],
      data.env,
    );
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('row 1 (AssessRiskScore)');
    const stale = await runCli(
      ['import', file('stale.json', JSON.stringify([{ command: 'AssessRiskScore', riskId: 'R1001', score: 5, expectedVersion: 1 }]))],
      data.env,
    );
    expect(stale.code).toBe(4);
    expect(stale.stderr).toContain('Conflicting edit on risk:R1001');
    expect(countEvents(data.dir)).toBe(before);
  }, 60_000);
});
