import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { parse } from 'csv-parse/sync';
import { CheckFailed, UsageError } from '../exit-codes.ts';
import { csvRecordToFields } from './cells.ts';
import { decodeImportText, encodingHint, type BadLine } from './encoding.ts';

export type ImportFormat = 'csv' | 'json' | 'xlsx';

/** One row of an import file: its number as a person finds it in the file, and its fields. */
export interface SourceRow {
  /** CSV: the line the record starts on (the header is line 1). JSON: 1 for the first element. */
  readonly rowNumber: number;
  /** Undefined when the row is not an object at all (a JSON array holding a number, say). */
  readonly fields: Record<string, unknown> | undefined;
  /** The workbook tab the row is on (rows planned from a workbook). */
  readonly sheet?: string;
}

/** How a row is named in messages: `row 3`, or `Risks row 3` in a workbook. */
export function rowLabel(row: { readonly rowNumber: number; readonly sheet?: string | undefined }): string {
  return row.sheet === undefined ? `row ${row.rowNumber}` : `${row.sheet} row ${row.rowNumber}`;
}

export function formatOf(file: string, given: string | undefined): ImportFormat {
  const format = (given ?? extname(file).slice(1)).toLowerCase();
  if (format === 'csv' || format === 'json' || format === 'xlsx') return format;
  throw new UsageError(
    given === undefined
      ? `cannot tell the format of ${file} from its extension; give --format csv, json or xlsx`
      : `--format ${given}: expected csv, json or xlsx`,
  );
}

export function readImportFile(file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as Error).message}`);
  }
}

/** The rows of a CSV or JSON file; text that is not UTF-8 (or the given encoding) is refused, naming its rows. */
export function readSourceRows(file: string, format: 'csv' | 'json', encoding?: string): SourceRow[] {
  const decoded = decodeImportText(readImportFile(file), encoding);
  if ('badLines' in decoded) {
    // The rows are named as the file numbers them: read it once, lossily, to find where each record starts.
    const starts = format === 'csv' ? csvRowStarts(decoded.text) : undefined;
    throw new CheckFailed(encodingMessage(file, decoded.badLines, starts));
  }
  return format === 'csv' ? csvRows(decoded.text, file) : jsonRows(decoded.text, file);
}

function encodingMessage(file: string, badLines: readonly BadLine[], rowStarts: readonly number[] | undefined): string {
  const rowOf = (line: number) => (rowStarts ? ([...rowStarts].reverse().find((start) => start <= line) ?? line) : line);
  const shown = badLines.slice(0, 10).map(({ line, problem }) => {
    const row = rowOf(line);
    return `  ${rowStarts ? `row ${row}` : `line ${line}`}${row !== line ? ` (line ${line})` : ''}: ${problem}`;
  });
  const more = badLines.length > shown.length ? [`  ... and ${badLines.length - shown.length} more lines`] : [];
  return [`${file} is not UTF-8 text; nothing was written; ${encodingHint}:`, ...shown, ...more].join('\n');
}

function csvRowStarts(text: string): number[] {
  try {
    return parse<CsvRecord>(text, {
      columns: true,
      bom: true,
      skip_empty_lines: true,
      info: true,
      raw: true,
      relax_column_count: true,
    }).map(({ raw, info }) => startLine(info.lines, raw));
  } catch {
    return [];
  }
}

interface CsvRecord {
  record: Record<string, string>;
  raw: string;
  info: { lines: number };
}

function csvRows(text: string, file: string): SourceRow[] {
  let records: CsvRecord[];
  try {
    records = parse<CsvRecord>(text, { columns: true, bom: true, skip_empty_lines: true, info: true, raw: true });
  } catch (error) {
    throw new UsageError(`${file} is not readable CSV: ${(error as Error).message}`);
  }
  return records.map(({ record, raw, info }) => ({ rowNumber: startLine(info.lines, raw), fields: csvRecordToFields(record) }));
}

/**
 * csv-parse counts lines up to the end of a record; a quoted cell may span lines, and
 * skipped blank lines lead the raw text, so count back over the record's own line breaks.
 */
function startLine(endLine: number, raw: string): number {
  const ownText = raw.replace(/^(\r?\n)+/, '').replace(/\r?\n$/, '');
  return endLine - (ownText.match(/\n/g)?.length ?? 0);
}

function jsonRows(text: string, file: string): SourceRow[] {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${file} is not valid JSON: ${(error as Error).message}`);
  }
  const rows = Array.isArray(document)
    ? document
    : typeof document === 'object' && document !== null && Array.isArray((document as { rows?: unknown }).rows)
      ? (document as { rows: unknown[] }).rows
      : undefined;
  if (!rows) throw new UsageError(`${file}: expected a JSON array of rows, or { "rows": [...] }`);
  return rows.map((row, index) => ({
    rowNumber: index + 1,
    fields: typeof row === 'object' && row !== null && !Array.isArray(row) ? (row as Record<string, unknown>) : undefined,
  }));
}
