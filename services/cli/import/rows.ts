import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { parse } from 'csv-parse/sync';
import { UsageError } from '../exit-codes.ts';
import { csvRecordToFields } from './cells.ts';

export type ImportFormat = 'csv' | 'json';

/** One row of an import file: its number as a person finds it in the file, and its fields. */
export interface SourceRow {
  /** CSV: the line the record starts on (the header is line 1). JSON: 1 for the first element. */
  readonly rowNumber: number;
  /** Undefined when the row is not an object at all (a JSON array holding a number, say). */
  readonly fields: Record<string, unknown> | undefined;
}

export function formatOf(file: string, given: string | undefined): ImportFormat {
  const format = (given ?? extname(file).slice(1)).toLowerCase();
  if (format === 'csv' || format === 'json') return format;
  throw new UsageError(
    given === undefined
      ? `cannot tell the format of ${file} from its extension; give --format csv or --format json`
      : `--format ${given}: expected csv or json`,
  );
}

export function readSourceRows(file: string, format: ImportFormat): SourceRow[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as Error).message}`);
  }
  return format === 'csv' ? csvRows(text, file) : jsonRows(text, file);
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
