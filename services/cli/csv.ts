import { stringify, type Options } from 'csv-stringify/sync';

/*
 * Every CSV the register writes goes through `writeCsv`, so a cell a spreadsheet would run
 * as a formula (OWASP "CSV Injection": one starting with =, +, -, @, tab or carriage return)
 * is written as text, prefixed with '. Import reads the prefix back off: an export
 * re-imports unchanged.
 */

const formulaStart = /^[=+\-@\t\r]/;
/** A cell that already starts with quotes before a formula character gains one more, so reading back is exact. */
const quotedFormulaStart = /^'+[=+\-@\t\r]/;

/** The cell as written to CSV: formula-like text prefixed with '. */
export function csvCellText(value: string): string {
  return formulaStart.test(value) || quotedFormulaStart.test(value) ? `'${value}` : value;
}

/** The cell as the register wrote it: the inverse of csvCellText. */
export function csvCellValue(cell: string): string {
  return quotedFormulaStart.test(cell) ? cell.slice(1) : cell;
}

export function writeCsv(records: readonly unknown[], options: Omit<Options, 'cast'> = {}): string {
  return stringify([...records], {
    ...options,
    cast: { string: csvCellText, number: (value) => csvCellText(String(value)) },
  });
}
