import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Caller } from '../../services/access.ts';
import { loadConfig } from '../../services/config.ts';
import { createSqliteEventStore } from '../../services/eventstore/sqlite/sqlite-event-store.ts';
import { executeImport } from '../../services/cli/import/run.ts';
import { localAccess } from '../../services/cli/local-access.ts';
import { writeOperation } from '../../services/cli/remote/operations.ts';
import { variablesOf } from '../../services/cli/remote/remote-access.ts';
import { planWorkbookImport } from '../../services/cli/run/import-workbook.ts';
import { exportWorkbook } from '../../services/spreadsheet/export.ts';
import { planSheets } from '../../services/spreadsheet/plan.ts';
import { cellString, readWorkbook } from '../../services/spreadsheet/workbook.ts';
import { changeProposalStatus, milestoneStatus } from '../../schema/values.ts';
import { loadCcag35To36Sample } from '../../samples/ccag-35-36/load.ts';
import { openRegisterForTest, type OpenedRegister } from '../support/opened-register.ts';
import { cellAt, editBook, openBook, rowNumberOf } from './xlsx-workbook.ts';

const caller: Caller = { principal: 'cli:xlsx-test', role: 'secretariat', codeBodies: [] };
let register: OpenedRegister;

beforeAll(async () => {
  register = await openRegisterForTest({
    config: loadConfig({ NODE_ENV: 'test', READ_MODEL: 'memory', DATA_DIR: '/nonexistent-ccag-xlsx-test' }),
    logger: { info: () => {}, warn: () => {}, error: () => {} },
    store: createSqliteEventStore({ path: ':memory:' }),
  });
  await loadCcag35To36Sample(register);
}, 120_000);
afterAll(() => register.close());

const access = () => localAccess(register, caller, 'the test register');

async function exportNow(point: { position: string } | undefined = undefined): Promise<Buffer> {
  const at = await access().registerAt(point, register.items.kinds);
  return exportWorkbook(register.items, register.rules, at, point ? `position:${point.position}` : 'now');
}

/** Imports a workbook in-process the way `ccag import` does: plan, rehearse, write. */
async function importBook(data: Buffer, file = 'edited.xlsx', today = '2024-12-10') {
  const planned = await planWorkbookImport(file, await readWorkbook(data), access(), register.items, today);
  // Every planned command must also be one the GraphQL API can carry (`ccag import --server`).
  const unsendable = planned.rows.flatMap((row) => writeOperation(register.items, row.kind, row.command).check(variablesOf(row)));
  expect(unsendable).toEqual([]);
  const outcome = await executeImport(access(), planned.rows);
  return { planned, outcome };
}

const head = () => register.itemsAt.resolve(undefined);

describe('ccag export --format xlsx', () => {
  it('writes a tab per kind with the pack’s headings, choices as validation lists, and a hidden tab with the log position and its time', async () => {
    const book = await openBook(await exportNow());
    expect(book.worksheets.map((s) => s.name)).toEqual([
      'choices',
      'Horizon Scanning Log',
      'Workstream reports',
      'Milestones',
      'Risk themes',
      'Risks',
      'Actions',
      'Meetings',
      'register',
    ]);
    const risks = book.getWorksheet('Risks')!;
    expect(risks.getRow(1).values).toEqual([
      undefined,
      'Risk ID',
      'Risk Description',
      'Score',
      'Band',
      'Mitigation Plan',
      'Status',
      'Date raised',
      'Closed on',
      'Related change proposals',
      'reason',
      'correction',
    ]);
    expect(book.getWorksheet('Milestones')!.getRow(1).values).toContain('Mstn Ref');
    expect(book.getWorksheet('Milestones')!.getRow(1).values).toContain('Forecast date');

    const origin = book.getWorksheet('register')!;
    expect(origin.state).toBe('hidden');
    expect(book.getWorksheet('choices')!.state).toBe('hidden');
    const recorded = new Map<string, string>();
    origin.eachRow((row) => recorded.set(cellString(row.getCell(1).value), cellString(row.getCell(2).value)));
    expect(recorded.get('position')).toBe(head().position);
    expect(recorded.get('recordedAt')).toBe(head().recordedAt);

    // Each list names its range on the choices tab; the range holds the vocabulary's values.
    const choices = book.getWorksheet('choices')!;
    const listOf = (sheetName: string, heading: string, row: number): string[] => {
      const sheet = book.getWorksheet(sheetName)!;
      const col = (sheet.getRow(1).values as unknown[]).indexOf(heading);
      const validation = sheet.getRow(row).getCell(col).dataValidation;
      expect(validation.type).toBe('list');
      const range = /^'choices'!\$([A-Z]+)\$(\d+):\$[A-Z]+\$(\d+)$/.exec(validation.formulae[0] as string)!;
      return Array.from({ length: Number(range[3]) - Number(range[2]) + 1 }, (_, i) =>
        cellString(choices.getCell(`${range[1]}${Number(range[2]) + i}`).value),
      );
    };
    expect(listOf('Risks', 'Status', 2)).toEqual(['Open', 'Closed']);
    expect(listOf('Risks', 'Band', 3)).toEqual(register.rules.riskBands.map((b) => b.name));
    expect(listOf('Horizon Scanning Log', 'Code body', 2)).toEqual(register.rules.codeBodies.map((b) => b.code));
    expect(listOf('Horizon Scanning Log', 'Status', 4)).toEqual(changeProposalStatus.options);
    expect(listOf('Milestones', 'Workstream', 2)).toEqual(register.rules.workstreams.map((w) => w.id));
    // A new row below the items is offered the same list.
    expect(listOf('Milestones', 'Status', risks.rowCount + 40)).toEqual(milestoneStatus.options);
  }, 60_000);
});

describe('ccag import of an exported workbook', () => {
  it('writes nothing when nothing was edited, whatever point it was exported at', async () => {
    const last = Number(head().position);
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: last }), async (position) => {
        const before = head();
        const { planned, outcome } = await importBook(await exportNow({ position: String(position) }));
        expect(planned.rows).toEqual([]);
        expect(outcome.events).toBe(0);
        expect(head()).toEqual(before);
      }),
      { numRuns: 8 },
    );
  }, 120_000);

  type View = Record<string, unknown>;
  const laterDay = fc
    .date({ min: new Date('2025-01-01'), max: new Date('2027-12-31'), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10));
  const words = fc.stringMatching(/^[A-Z][a-z]{2,12}( [a-z]{2,10}){1,5}$/);
  const statusOpen = (view: View) => view['status'] === 'Open';
  const openChangeProposal = (view: View) => view['status'] !== 'Withdrawn' && view['status'] !== 'Rejected';
  const risk = { sheet: 'Risks', key: 'Risk ID', kind: 'risk', open: statusOpen } as const;
  const changeProposal = { sheet: 'Horizon Scanning Log', key: 'Change', kind: 'changeProposal', open: openChangeProposal } as const;
  /** One editable cell of one item, a new value for it, and the command and moved field it must give. */
  const edits = [
    { ...risk, heading: 'Score', value: fc.integer({ min: 1, max: 30 }).map(String), command: 'AssessRiskScore', field: 'score' },
    { ...risk, heading: 'Risk Description', value: words, command: 'EditRiskDescription', field: 'description' },
    {
      ...{ sheet: 'Milestones', key: 'Key', kind: 'milestone', open: (view: View) => view['status'] !== 'Complete' },
      ...{ heading: 'Forecast date', value: laterDay, command: 'ForecastMilestone', field: 'forecastDate' },
    },
    {
      ...{ sheet: 'Actions', key: 'Ref', kind: 'action', open: (view: View) => view['status'] !== 'Closed' },
      ...{ heading: 'Due Date', value: laterDay, command: 'ChangeActionDueDate', field: 'dueDate' },
    },
    { ...changeProposal, heading: 'Title', value: words, command: 'EditChangeProposal', field: 'title' },
    { ...changeProposal, heading: 'Decision date', value: laterDay, command: 'SetDecisionDate', field: 'decisionDate' },
  ] as const;

  it('turns a random edit of one cell into exactly its command, and movement between the two positions shows exactly that change', async () => {
    const edit = fc.integer({ min: 0, max: edits.length - 1 }).chain((which) => {
      const e = edits[which]!;
      const items = register.itemsAt.items(e.kind).filter((item) => e.open(item.view));
      return fc.record({ e: fc.constant(e), item: fc.constantFrom(...items.map((i) => i.id)), text: e.value });
    });
    await fc.assert(
      fc.asyncProperty(edit, async ({ e, item: id, text }) => {
        const exported = await exportNow();
        const from = head();
        const item = register.itemsAt.item(id)!;
        const sheet = (await openBook(exported)).getWorksheet(e.sheet)!;
        const keyText = item.view[e.key === 'Risk ID' ? 'riskId' : e.key === 'Key' ? 'key' : 'ref'] as string;
        // A milestone's key is unique only within its workstream (3707 is REC's, BSC's and DIP's).
        const row = rowNumberOf(sheet, e.key, keyText, e.kind === 'milestone' ? { Workstream: item.view['workstream'] as string } : {});
        fc.pre(cellAt(sheet, row, e.heading) !== text);

        const { planned, outcome } = await importBook(await editBook(exported, [{ sheet: e.sheet, row, heading: e.heading, text }]));
        expect(planned.rows.map((r) => [r.sheet, r.rowNumber, r.command])).toEqual([[e.sheet, row, e.command]]);
        const to = head();
        const moved = register.movement(from, to).items.filter((m) => m.change !== 'UNCHANGED');
        if (outcome.events === 0) {
          // The cell was retyped as the value it had (a date written another way): nothing moves.
          expect(moved).toEqual([]);
          return;
        }
        expect(moved.map((m) => [m.id, m.fields.map((f) => f.field)])).toEqual([[id, [e.field]]]);
        expect(cellAt((await openBook(await exportNow())).getWorksheet(e.sheet)!, row, e.heading)).toBe(text);
      }),
      { numRuns: 12 },
    );
  }, 300_000);

  it('reads an update typed in the Updates column as the pack prints it as one new dated update, its prefix not kept; a re-run writes nothing', async () => {
    const today = '2024-12-10';
    const typed = fc.record({
      day: fc
        .date({ min: new Date('2024-01-01'), max: new Date(`${today}T00:00:00Z`), noInvalidDate: true })
        .map((d) => d.toISOString().slice(0, 10)),
      word: fc.constantFrom('Update ', 'update ', ''),
      dash: fc.constantFrom('–', '-', '—'),
      year: fc.constantFrom('none', 'yy', 'yyyy'),
      padded: fc.boolean(),
      text: words,
    });
    const open = register.itemsAt.items('changeProposal').filter((cp) => openChangeProposal(cp.view));
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...open.map((cp) => cp.id)), typed, async (id, { day, word, dash, year, padded, text }) => {
        const [y, m, d] = day.split('-');
        const dd = padded ? d! : String(Number(d));
        const mm = padded ? m! : String(Number(m));
        const yearPart = year === 'none' ? '' : year === 'yy' ? `/${y!.slice(2)}` : `/${y}`;
        const line = `${word}${dd}/${mm}${yearPart} ${dash} ${text}`;
        const exported = await exportNow();
        const from = head();
        const cp = register.itemsAt.item(id)!;
        const sheet = (await openBook(exported)).getWorksheet('Horizon Scanning Log')!;
        const row = rowNumberOf(sheet, 'Change', cp.view['ref'] as string, { 'Code body': cp.view['codeBody'] as string });
        const cell = cellAt(sheet, row, 'Updates');
        const edited = await editBook(exported, [
          { sheet: 'Horizon Scanning Log', row, heading: 'Updates', text: cell === '' ? line : `${cell}\n${line}` },
        ]);

        const { planned, outcome } = await importBook(edited, 'updates.xlsx', today);
        expect(planned.rows.map((r) => [r.command, r.input['on'], r.input['text']])).toEqual([['AddChangeProposalUpdate', day, text]]);
        expect(outcome.events).toBe(1);
        const moved = register.movement(from, head()).items.filter((x) => x.change !== 'UNCHANGED');
        expect(moved.map((x) => [x.id, x.fields.map((f) => f.field)])).toEqual([[id, ['updates']]]);
        expect((register.itemsAt.item(id)!.view['updates'] as unknown[]).at(-1)).toEqual({ on: day, text });
        expect(cellAt((await openBook(await exportNow())).getWorksheet('Horizon Scanning Log')!, row, 'Updates')).toBe(
          cell === '' ? `${day}: ${text}` : `${cell}\n${day}: ${text}`,
        );

        const again = await importBook(edited, 'updates.xlsx', today);
        expect(again.outcome).toMatchObject({ events: 0, written: [] });
      }),
      { numRuns: 10 },
    );
  }, 300_000);

  it('plans structured cells (an owner, a per-party forecast, key dates, a new CP with updates) as commands the API can carry too', async () => {
    const exported = await exportNow();
    const book = await openBook(exported);
    const actions = book.getWorksheet('Actions')!;
    const milestones = book.getWorksheet('Milestones')!;
    const hsl = book.getWorksheet('Horizon Scanning Log')!;
    const action = register.itemsAt.items('action').find((a) => a.view['status'] !== 'Closed')!;
    const milestone = register.itemsAt.items('milestone').find((m) => m.view['status'] !== 'Complete')!;
    const next = hsl.rowCount + 1;
    const newCp = {
      'Code body': 'REC',
      Change: 'R0299',
      Title: 'A new REC change',
      'Change Summary': 'Raised from the workbook',
      'MHHS Impact': 'Of interest',
      'Date raised': '01/12/24',
      Status: 'New',
      'Decision date': 'Q1 2025',
      Updates: 'Update 02/12 – Working group met\n03/12/24 - Drafting started',
      'Key dates': 'Consultation issued: 2025-01\nDecision published: 2025-02-14',
    };
    const { planned } = await importBook(
      await editBook(exported, [
        { sheet: 'Actions', row: rowNumberOf(actions, 'Ref', action.view['ref'] as string), heading: 'Owner', text: 'Elexon (A. Person)' },
        {
          sheet: 'Milestones',
          row: rowNumberOf(milestones, 'Key', milestone.view['key'] as string, { Workstream: milestone.view['workstream'] as string }),
          heading: 'Forecast date',
          text: 'BSC: 2025-10-13; REC: 2025-10-09',
        },
        ...Object.entries(newCp).map(([heading, text]) => ({ sheet: 'Horizon Scanning Log', row: next, heading, text })),
      ]),
    );
    expect(planned.rows.map((r) => r.command).sort()).toEqual(
      ['AddChangeProposalUpdate', 'AddChangeProposalUpdate', 'ForecastMilestone', 'RaiseChangeProposal', 'ReassignAction'].sort(),
    );
    expect(register.itemsAt.item('cp:REC:R0299')?.view).toMatchObject({
      updates: [
        { on: '2024-12-02', text: 'Working group met' },
        { on: '2024-12-03', text: 'Drafting started' },
      ],
    });
  }, 60_000);

  it('writes the row’s changes as a correction when its correction column says why, and movement shows none', async () => {
    const exported = await exportNow();
    const sheet = (await openBook(exported)).getWorksheet('Risks')!;
    const row = rowNumberOf(sheet, 'Risk ID', 'R920');
    const from = head();
    const { planned } = await importBook(
      await editBook(exported, [
        { sheet: 'Risks', row, heading: 'Risk Description', text: `${cellAt(sheet, row, 'Risk Description')} (typo fixed)` },
        { sheet: 'Risks', row, heading: 'correction', text: 'Typed wrongly from the pack' },
      ]),
    );
    expect(planned.rows.map((r) => r.command)).toEqual(['CorrectRisk']);
    const movement = register.movement(from, head());
    expect(movement.items.filter((m) => m.change !== 'UNCHANGED')).toEqual([]);
    expect(movement.corrections.map((c) => [c.id, c.reason])).toEqual([['risk:R920', 'Typed wrongly from the pack']]);
  }, 60_000);

  it('raises the item of a new row', async () => {
    const exported = await exportNow();
    const next = (await openBook(exported)).getWorksheet('Risks')!.rowCount + 1;
    const cells = {
      'Risk ID': 'R4242',
      'Risk Description': 'Cutover slips',
      Score: '18',
      'Mitigation Plan': 'Weekly check\nEscalate',
      Status: 'Open',
      'Date raised': '27/11/24',
    };
    const { planned } = await importBook(
      await editBook(
        exported,
        Object.entries(cells).map(([heading, text]) => ({ sheet: 'Risks', row: next, heading, text })),
      ),
    );
    expect(planned.rows.map((r) => r.command)).toEqual(['RaiseRisk']);
    expect(register.itemsAt.item('risk:R4242')?.view).toMatchObject({
      score: 18,
      mitigationPlan: ['Weekly check', 'Escalate'],
      raisedOn: '2024-11-27',
    });
  }, 60_000);

  it('reports a row whose item the register changed since the export as a conflict, by row and cell, and plans nothing for it', async () => {
    const exported = await exportNow();
    const sheet = (await openBook(exported)).getWorksheet('Risks')!;
    const row = rowNumberOf(sheet, 'Risk ID', 'R202');
    const score = Number(cellAt(sheet, row, 'Score'));
    await register.execute('risk', 'AssessRiskScore', { riskId: 'R202', score: score === 30 ? 29 : score + 1 }, caller);
    const edited = await editBook(exported, [
      { sheet: 'Risks', row, heading: 'Risk Description', text: 'Edited after the register moved' },
    ]);

    const book = await readWorkbook(edited);
    const exportedAt = register.itemsAt.resolve({ position: book.origin.position! });
    const plan = planSheets({
      rows: book.rows,
      headers: book.headers,
      items: register.items,
      rules: register.rules,
      exported: { items: (kind) => register.itemsAt.items(kind, exportedAt.seq) },
      current: { items: (kind) => register.itemsAt.items(kind) },
      today: '2024-12-10',
    });
    expect(plan.conflicts).toEqual([
      {
        sheet: 'Risks',
        rowNumber: row,
        item: 'R202',
        column: 'Score',
        exported: String(score),
        yours: String(score),
        now: String(score === 30 ? 29 : score + 1),
      },
    ]);
    expect(plan.commands).toEqual([]);
    const before = head();
    await expect(importBook(edited)).rejects.toThrow(/conflict/);
    expect(head()).toEqual(before);
  }, 60_000);

  it('runs again as it ran once: a workbook already imported writes nothing new', async () => {
    await register.execute(
      'action',
      'RaiseAction',
      { ref: 'CCAG36-91', raisedOn: '2024-11-27', text: 'Circulate the plan', owner: { party: 'Programme', person: null } },
      caller,
    );
    const exported = await exportNow();
    const sheet = (await openBook(exported)).getWorksheet('Actions')!;
    const row = rowNumberOf(sheet, 'Ref', 'CCAG36-91');
    const edited = await editBook(exported, [
      { sheet: 'Actions', row, heading: 'Status', text: 'Recommended closed' },
      { sheet: 'Actions', row, heading: 'Update', text: 'Done at the meeting' },
    ]);
    const first = await importBook(edited);
    expect(first.planned.rows.map((r) => r.command)).toEqual(['RecommendActionClosed']);
    expect(first.outcome.events).toBe(1);
    const again = await importBook(edited);
    expect(again.outcome).toMatchObject({ events: 0, written: [], alreadyImported: [row] });
  }, 60_000);

  it('refuses a cell holding U+FFFD, naming its tab, row and column', async () => {
    const exported = await exportNow();
    const sheet = (await openBook(exported)).getWorksheet('Risks')!;
    const row = rowNumberOf(sheet, 'Risk ID', 'R920');
    const edited = await editBook(exported, [{ sheet: 'Risks', row, heading: 'Risk Description', text: 'Caf\uFFFD r\uFFFDsum\uFFFD' }]);
    const { misDecodedCells } = await import('../../services/cli/import/workbook.ts');
    expect(misDecodedCells(await readWorkbook(edited))).toEqual([
      { sheet: 'Risks', rowNumber: row, column: 'Risk Description', message: expect.stringContaining('U+FFFD') as unknown },
    ]);
  }, 60_000);
});
