import ExcelJS from 'exceljs';
import type { ItemKind } from '../core/decider.ts';
import type { RegisterRules } from '../../schema/rules.ts';
import { CORRECTION_COLUMN, REASON_COLUMN, type SheetLayout } from './layout.ts';
import type { RegisterState, SheetRow } from './plan.ts';

/** Where the workbook was read from the register: what `import` compares its rows with. */
export interface WorkbookOrigin {
  /** The log position the register was read at; null for an empty register. */
  readonly position: string | null;
  /** The point as asked for (`meeting:35`, `now`, ...). */
  readonly requested: string;
  /**
   * When the event at that position was recorded. With the position it names the log: an
   * import into a register whose log records another time there is refused. (The position and
   * its time, unlike the store's own id, can be read over the API, so a workbook exported from
   * a running register is the one exported from its store.)
   */
  readonly recordedAt: string | null;
}

export const ORIGIN_SHEET = 'register';
export const CHOICES_SHEET = 'choices';
const FORMAT = 'ccag-register-workbook';
const FORMAT_VERSION = '1';
/** Rows below the items that still offer the validation lists, for new items. */
const ROOM_FOR_NEW_ROWS = 500;

const headerFill: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF1F3864' } };
const keyFill: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF2E75B6' } };
const readOnlyFill: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };

/**
 * The register as a workbook: a tab per kind of item (a row per item, every cell text, as
 * the sheet's columns write it), the choices a cell may take as validation lists (kept on a
 * hidden tab), the columns `reason` and `correction` for the person's edits, and a hidden tab
 * recording the log position and store the workbook was read at.
 */
export async function writeWorkbook(
  layouts: readonly SheetLayout[],
  state: RegisterState,
  rules: RegisterRules,
  origin: WorkbookOrigin,
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'ccag export';
  // The workbook's own dates are the register's at the point, not the clock's: the same point gives the same cells.
  workbook.created = workbook.modified = new Date(origin.recordedAt ?? 0);
  const choices = choicesSheet(workbook, layouts, rules);
  for (const layout of layouts) {
    const sheet = workbook.addWorksheet(layout.name, { views: [{ state: 'frozen', ySplit: 1, xSplit: layout.keyColumns.length }] });
    const columns = [...layout.columns.map((c) => ({ header: c.header, width: c.width ?? 16 })), ...steeringColumns()];
    sheet.columns = columns.map((c) => ({
      header: c.header,
      width: c.width,
      style: { numFmt: '@', alignment: { wrapText: true, vertical: 'top' } },
    }));
    const items = state.items(layout.kind);
    for (const item of items) sheet.addRow([...layout.columns.map((c) => c.text(item.view, rules)), '', '']);
    const header = sheet.getRow(1);
    header.font = { bold: true, color: { argb: 'FFFFFFFF' } };
    layout.columns.forEach((c, i) => {
      const cell = header.getCell(i + 1);
      cell.fill = c.key ? keyFill : headerFill;
      if (c.readOnly) cell.note = `Read-only: ${c.header} ${c.readOnly}.`;
      if (c.readOnly) sheet.getColumn(i + 1).eachCell({ includeEmpty: false }, (body, row) => void (row > 1 && (body.fill = readOnlyFill)));
    });
    header.getCell(layout.columns.length + 1).fill = headerFill;
    header.getCell(layout.columns.length + 1).note =
      'Why: recorded with the change (a re-baseline needs one; a withdrawal or closure takes it as its statement).';
    header.getCell(layout.columns.length + 2).fill = headerFill;
    header.getCell(layout.columns.length + 2).note =
      "Fill in to record the changes in this row as a correction (a typo fixed is not movement); the text is the correction's reason.";
    const lastRow = items.length + 1 + ROOM_FOR_NEW_ROWS;
    layout.columns.forEach((c, i) => {
      const range = choices.get(`${layout.kind}\u0000${c.field}`);
      if (!range) return;
      const letter = sheet.getColumn(i + 1).letter;
      validations(sheet).add(`${letter}2:${letter}${lastRow}`, {
        type: 'list',
        allowBlank: true,
        formulae: [range],
        showErrorMessage: true,
        errorTitle: c.header,
        error: `${c.header}: choose one of the list`,
      });
    });
  }
  originSheet(workbook, layouts, origin);
  const written = await workbook.xlsx.writeBuffer();
  return Buffer.from(written);
}

/** ExcelJS keeps a sheet's validations by range; its typings leave the collection out. */
function validations(sheet: ExcelJS.Worksheet): { add(range: string, validation: ExcelJS.DataValidation): void } {
  return (sheet as unknown as { dataValidations: { add(range: string, validation: ExcelJS.DataValidation): void } }).dataValidations;
}

function steeringColumns() {
  return [
    { header: REASON_COLUMN, width: 30 },
    { header: CORRECTION_COLUMN, width: 30 },
  ];
}

/** Every list of choices, one column each, on a hidden tab; returns the range of each (by kind and field). */
function choicesSheet(workbook: ExcelJS.Workbook, layouts: readonly SheetLayout[], rules: RegisterRules): Map<string, string> {
  const sheet = workbook.addWorksheet(CHOICES_SHEET, { state: 'hidden' });
  const ranges = new Map<string, string>();
  let columnNumber = 0;
  for (const layout of layouts) {
    for (const c of layout.columns) {
      const values = c.choices?.(rules);
      if (!values || values.length === 0) continue;
      columnNumber++;
      const column = sheet.getColumn(columnNumber);
      column.values = [`${layout.name}: ${c.header}`, ...values];
      ranges.set(`${layout.kind}\u0000${c.field}`, `'${CHOICES_SHEET}'!$${column.letter}$2:$${column.letter}$${values.length + 1}`);
    }
  }
  return ranges;
}

function originSheet(workbook: ExcelJS.Workbook, layouts: readonly SheetLayout[], origin: WorkbookOrigin): void {
  const sheet = workbook.addWorksheet(ORIGIN_SHEET, { state: 'hidden' });
  sheet.addRows([
    ['format', FORMAT],
    ['version', FORMAT_VERSION],
    ['position', origin.position ?? ''],
    ['requested', origin.requested],
    ['recordedAt', origin.recordedAt ?? ''],
    ...layouts.map((l) => [`sheet:${l.name}`, l.kind]),
  ]);
}

/** A workbook read back: where it was exported, its rows, and each sheet's headings. */
export interface ReadWorkbook {
  readonly origin: WorkbookOrigin;
  /** Sheet name -> the kind the export wrote there. */
  readonly kinds: ReadonlyMap<string, ItemKind>;
  readonly rows: readonly SheetRow[];
  readonly headers: ReadonlyMap<string, readonly string[]>;
}

export class WorkbookUnreadable extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WorkbookUnreadable';
  }
}

export async function readWorkbook(data: Buffer): Promise<ReadWorkbook> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(data as unknown as ExcelJS.Buffer);
  } catch (error) {
    throw new WorkbookUnreadable(`not a readable .xlsx workbook: ${(error as Error).message}`);
  }
  const originTab = workbook.getWorksheet(ORIGIN_SHEET);
  if (!originTab) {
    throw new WorkbookUnreadable(
      `has no "${ORIGIN_SHEET}" tab saying where it was exported from: start from a workbook written by ccag export --format xlsx (a workbook of your own can be imported as CSV rows, one command per row)`,
    );
  }
  const recorded = new Map<string, string>();
  originTab.eachRow((row) => recorded.set(cellString(row.getCell(1).value), cellString(row.getCell(2).value)));
  if (recorded.get('format') !== FORMAT) throw new WorkbookUnreadable(`its "${ORIGIN_SHEET}" tab is not a ccag export's`);
  if (recorded.get('version') !== FORMAT_VERSION) {
    throw new WorkbookUnreadable(`was written in workbook format ${recorded.get('version')}; this ccag reads format ${FORMAT_VERSION}`);
  }
  const kinds = new Map(
    [...recorded].filter(([key]) => key.startsWith('sheet:')).map(([key, kind]) => [key.slice('sheet:'.length), kind] as const),
  );
  // Workbooks written before the time was the log's mark also carry storeKind and storeId: not needed to tell the log.
  const origin: WorkbookOrigin = {
    position: recorded.get('position') || null,
    requested: recorded.get('requested') ?? 'now',
    recordedAt: recorded.get('recordedAt') || null,
  };
  const rows: SheetRow[] = [];
  const headers = new Map<string, string[]>();
  for (const sheet of workbook.worksheets) {
    if (!kinds.has(sheet.name)) continue;
    const headings: string[] = [];
    sheet.getRow(1).eachCell({ includeEmpty: true }, (cell, col) => (headings[col - 1] = cellString(cell.value).trim()));
    headers.set(
      sheet.name,
      headings.filter((h) => h !== ''),
    );
    sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      if (rowNumber === 1) return;
      const cells: Record<string, string> = {};
      headings.forEach((heading, i) => {
        if (heading !== '') cells[heading] = cellString(row.getCell(i + 1).value);
      });
      rows.push({ sheet: sheet.name, rowNumber, cells });
    });
  }
  return { origin, kinds, rows, headers };
}

/** A cell as text, whatever the spreadsheet made of what was typed (a date, a number, rich text). */
export function cellString(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) {
    const iso = value.toISOString();
    // A day typed into a cell formatted as a date is midnight UTC.
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
  }
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('result' in value) return value.result === undefined ? '' : cellString(value.result);
  if ('text' in value) return String(value.text);
  if ('error' in value) return String(value.error);
  return '';
}
