import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { startApiHarness, type ApiHarness } from '../support/api-harness.ts';
import { csvExport } from '../../services/cli/run/export.ts';
import { decisionModule } from './decision/module.ts';
import { exportWorkbook } from '../../services/spreadsheet/export.ts';
import { readWorkbook } from '../../services/spreadsheet/workbook.ts';

/*
 * A sixth kind of item, defined in this folder and handed to the register's composition:
 * it gets its GraphQL queries and mutations, movement wording, history and CSV export from
 * the registry, with no shared file knowing it exists.
 */

const repository = new URL('../..', import.meta.url).pathname;
const git = (...args: string[]) => {
  try {
    return execFileSync('git', args, { cwd: repository, encoding: 'utf8' });
  } catch (error) {
    // git grep exits 1 when nothing matches.
    if ((error as { status?: number }).status === 1) return '';
    throw error;
  }
};

const decisionFields = 'id ref text raisedOn status version lastChange { actor eventType }';

let api: ApiHarness;
beforeAll(async () => {
  api = await startApiHarness({ extraModules: [decisionModule] });
});
afterAll(async () => {
  await api.close();
});

describe('a sixth kind of item, added through the registry alone', () => {
  it('is raised, changed, listed, read by id or reference, and filtered by status ignoring case', async () => {
    const raised = await api.write(
      `mutation ($input: RaiseDecisionInput!) { raiseDecision(input: $input) { decision { ${decisionFields} } version changed } }`,
      { input: { ref: 'D36-1', text: 'Adopt the M8 re-plan', raisedOn: '27/11/24' } },
    );
    expect(raised.raiseDecision).toMatchObject({
      version: 1,
      changed: true,
      decision: { id: 'decision:D36-1', raisedOn: '2024-11-27', status: 'Proposed' },
    });
    const bad = await api.gql(`mutation ($input: RaiseDecisionInput!) { raiseDecision(input: $input) { version } }`, {
      input: { ref: 'X1', text: ' ', raisedOn: '31/02/24' },
    });
    expect(bad.errors![0]!.extensions!['code']).toBe('BAD_USER_INPUT');
    expect((bad.errors![0]!.extensions!['fields'] as { path: string }[]).map((f) => f.path).sort()).toEqual([
      'input.raisedOn',
      'input.ref',
      'input.text',
    ]);

    const before = (await api.write('{ point { position } }')).point.position as string;
    const changed = await api.write(
      `mutation ($input: ChangeDecisionStatusInput!) { changeDecisionStatus(input: $input) { decision { status } version } }`,
      { input: { ref: 'D36-1', status: 'Agreed' } },
    );
    expect(changed.changeDecisionStatus).toEqual({ decision: { status: 'Agreed' }, version: 2 });

    const read = await api.write(
      `{ decisions(filter: { statuses: ["agreed"] }) { id } byRef: decision(id: "D36-1") { status } byId: decision(id: "decision:D36-1") { version } }`,
      {},
      'reader',
    );
    expect(read).toEqual({ decisions: [{ id: 'decision:D36-1' }], byRef: { status: 'Agreed' }, byId: { version: 2 } });

    const movement = await api.write(
      `query ($from: Point!) { new: movement(from: { position: "0" }) { decisions { ref change summary } }
                               since: movement(from: $from) { decisions { ref change summary } } }`,
      { from: { position: before } },
      'reader',
    );
    expect(movement.new.decisions).toEqual([{ ref: 'D36-1', change: 'NEW', summary: ['New decision'] }]);
    expect(movement.since.decisions).toEqual([{ ref: 'D36-1', change: 'CHANGED', summary: ['Agreed (was Proposed)'] }]);

    const history = await api.write('{ history(id: "decision:D36-1") { type actor } }', {}, 'reader');
    expect(history.history).toEqual([
      { type: 'DecisionRaised', actor: 'ccag-secretariat' },
      { type: 'DecisionStatusChanged', actor: 'ccag-secretariat' },
    ]);

    const vocabulary = await api.write('{ vocabulary { statuses { kind statuses } } }', {}, 'reader');
    expect(vocabulary.vocabulary.statuses).toContainEqual({ kind: 'DECISION', statuses: ['Proposed', 'Agreed', 'Rescinded'] });
  });

  it('is exported as CSV with the columns of its view', () => {
    const csv = csvExport(api.register, 'decision', api.register.itemsAt.resolve(undefined));
    const rows = parse<Record<string, string>>(csv, { columns: true });
    expect(Object.keys(rows[0]!)).toEqual([
      'id',
      'ref',
      'text',
      'raisedOn',
      'status',
      'version',
      'lastChangedAt',
      'lastChangedBy',
      'lastEventType',
    ]);
    expect(rows).toMatchObject([{ id: 'decision:D36-1', status: 'Agreed', version: '2', lastEventType: 'DecisionStatusChanged' }]);
  });

  it('gets a tab of its own in the workbook export, read-only while it describes no sheet', async () => {
    const { register } = api;
    const at = register.itemsAt.resolve(undefined);
    const state = { ...at, items: (kind: string) => register.itemsAt.items(kind, at.seq) };
    const book = await readWorkbook(await exportWorkbook(register.items, register.rules, state, 'now'));
    expect(book.kinds.get('Decisions')).toBe('decision');
    expect(book.headers.get('Decisions')).toEqual(['id', 'ref', 'text', 'raisedOn', 'status', 'reason', 'correction']);
    expect(book.rows.filter((r) => r.sheet === 'Decisions').map((r) => [r.cells['id'], r.cells['status']])).toEqual([
      ['decision:D36-1', 'Agreed'],
    ]);
  });

  it('is known to no shared file, and shared code never switches on the kind', () => {
    expect(git('grep', '-n', '-E', 'decisionModule|DecisionRaised|DECISION', '--', 'services', 'projections', 'schema')).toBe('');
    expect(git('grep', '-n', '-E', 'switch \\((item\\.|module\\.|change\\.)?kind\\)', '--', 'services', 'projections', 'schema')).toBe('');
  });
});
