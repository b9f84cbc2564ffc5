import ExcelJS from 'exceljs';
import { cellString } from '../../services/spreadsheet/workbook.ts';

/* Editing an exported workbook the way a person does in Excel: by a row's key and a column's heading. */

export async function openBook(data: Buffer): Promise<ExcelJS.Workbook> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(data as unknown as ExcelJS.Buffer);
  return book;
}

export function headings(sheet: ExcelJS.Worksheet): string[] {
  const names: string[] = [];
  sheet.getRow(1).eachCell((cell, col) => (names[col - 1] = cellString(cell.value)));
  return names;
}

export function columnNumber(sheet: ExcelJS.Worksheet, heading: string): number {
  const index = headings(sheet).indexOf(heading);
  if (index < 0) throw new Error(`${sheet.name} has no column ${heading}`);
  return index + 1;
}

/** The row whose cell under `heading` reads `text` (and, when given, whose other cells read as `also` says). */
export function rowNumberOf(sheet: ExcelJS.Worksheet, heading: string, text: string, also: Readonly<Record<string, string>> = {}): number {
  const wanted = Object.entries({ ...also, [heading]: text });
  for (let row = 2; row <= sheet.rowCount; row++) if (wanted.every(([h, t]) => cellAt(sheet, row, h) === t)) return row;
  throw new Error(`${sheet.name} has no row with ${wanted.map(([h, t]) => `${h} ${t}`).join(', ')}`);
}

export function cellAt(sheet: ExcelJS.Worksheet, row: number, heading: string): string {
  return cellString(sheet.getRow(row).getCell(columnNumber(sheet, heading)).value);
}

export interface CellEdit {
  readonly sheet: string;
  readonly row: number;
  readonly heading: string;
  readonly text: string;
}

export async function editBook(data: Buffer, edits: readonly CellEdit[]): Promise<Buffer> {
  const book = await openBook(data);
  for (const edit of edits) {
    const sheet = book.getWorksheet(edit.sheet)!;
    sheet.getRow(edit.row).getCell(columnNumber(sheet, edit.heading)).value = edit.text;
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}

/**
 * Everything a person sees in a workbook, tab by tab: each cell's value, the tab's state, its
 * validation lists, and the workbook's own dates. (The zip around it stamps each part with the
 * time it was written, so two exports are compared by what they hold, not byte for byte.)
 */
export async function workbookContent(data: Buffer) {
  const book = await openBook(data);
  return {
    created: book.created,
    modified: book.modified,
    creator: book.creator,
    sheets: book.worksheets.map((sheet) => ({
      name: sheet.name,
      state: sheet.state,
      values: sheet.getSheetValues(),
      validations: (sheet as unknown as { dataValidations: { model: unknown } }).dataValidations.model,
    })),
  };
}
