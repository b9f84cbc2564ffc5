import { basename } from 'node:path';
import { z } from 'zod';
import type { ItemKind } from '../../core/decider.ts';
import { ValidationError, type FieldIssue } from '../../core/errors.ts';
import { canonicalHash } from '../../core/hash-chain.ts';
import { parseInput } from '../../core/validate.ts';
import { commandSchemas } from '../../items.ts';
import type { WriteOptions } from '../../register.ts';
import type { RegisterRules } from '../../../schema/rules.ts';
import { isoDateTime } from '../../../schema/metadata.ts';
import { freeText, idempotencyKey } from '../../../schema/values.ts';
import type { SourceRow } from './rows.ts';

/** A row checked and ready to execute. */
export interface PlannedRow {
  readonly rowNumber: number;
  /** The workbook tab of the row, for a workbook import. */
  readonly sheet?: string;
  readonly kind: ItemKind;
  readonly command: string;
  /** Command input as the file gave it; checked here, parsed by the register on execute. */
  readonly input: Record<string, unknown>;
  readonly options: WriteOptions & { readonly idempotencyKey: string };
}

export interface RowIssue {
  readonly rowNumber: number;
  readonly sheet?: string;
  /** Field path as the file names it: `score`, `owner.party`, `mitigationPlan.1`. */
  readonly field: string;
  readonly message: string;
}

export interface ImportPlan {
  readonly rows: readonly PlannedRow[];
  readonly issues: readonly RowIssue[];
}

/** Columns that steer the write rather than feed the command. */
const optionColumns = ['effectiveAt', 'reason', 'expectedVersion', 'idempotencyKey'] as const;

/** Holding a meeting freezes the log; the register computes these when it holds it. */
const computedWhenHeld = new Set(['boundaryPosition', 'digest', 'treeHead']);

/** Clocks drift; the command handler allows the same margin. */
const FUTURE_TOLERANCE_MS = 5 * 60_000;

const commandKinds: ReadonlyMap<string, ItemKind> = new Map(
  Object.entries(commandSchemas).flatMap(([kind, commands]) => Object.keys(commands).map((command) => [command, kind] as const)),
);

const optionSchemas = (rules: RegisterRules) => ({
  effectiveAt: isoDateTime,
  reason: freeText(rules.textLimits.text),
  expectedVersion: z.number().int().min(0),
  idempotencyKey,
});

/**
 * Checks every row (command name, input schema, planned and day dates, write options)
 * without touching the register, so a file is either wholly valid or names each problem.
 */
export function planImport(rows: readonly SourceRow[], rules: RegisterRules, file: string, now: Date = new Date()): ImportPlan {
  const planned: PlannedRow[] = [];
  const issues: RowIssue[] = [];
  const fileName = basename(file);
  for (const row of rows) {
    const result = planRow(row, rules, fileName, now);
    if ('issues' in result) issues.push(...result.issues.map((i) => ({ ...where(row), field: fieldName(i.path), message: i.message })));
    else planned.push(result);
  }
  return { rows: planned, issues };
}

function planRow(row: SourceRow, rules: RegisterRules, fileName: string, now: Date): PlannedRow | { issues: FieldIssue[] } {
  if (!row.fields) return { issues: [{ path: [], message: 'a row must be an object naming its command and input fields' }] };
  const { command, ...rest } = row.fields;
  if (typeof command !== 'string' || command.trim() === '') {
    return { issues: [{ path: ['command'], message: 'is required: name the command, e.g. RaiseChangeProposal or AssessRiskScore' }] };
  }
  const commandType = command.trim();
  const kind = commandKinds.get(commandType);
  if (!kind) {
    return { issues: [{ path: ['command'], message: `unknown command ${commandType} (ccag import --help lists them)` }] };
  }
  const schema = commandSchemas[kind]![commandType]!(rules);
  const inputFields = new Set(Object.keys((schema as { shape?: object }).shape ?? {}));

  const issues: FieldIssue[] = [];
  const optionValues: Record<string, unknown> = {};
  const input: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(rest)) {
    if ((optionColumns as readonly string[]).includes(key) && !inputFields.has(key)) optionValues[key] = value;
    else input[key] = value;
  }
  // A command whose input has its own `reason` (corrections, rebaselines) records it as the write's reason too.
  if (inputFields.has('reason') && input['reason'] !== undefined) optionValues['reason'] ??= input['reason'];

  const options = checkOptions(optionValues, rules, now, issues);
  checkInput(schema, input, issues, commandType, inputFields);
  if (issues.length > 0) return { issues };

  const idempotencyKey =
    options.idempotencyKey ??
    `import:${fileName}:${row.sheet === undefined ? '' : `${row.sheet}:`}row-${row.rowNumber}:${canonicalHash({ command: commandType, input, options }).slice(0, 24)}`;
  return { ...where(row), kind, command: commandType, input, options: { ...options, idempotencyKey } };
}

function where(row: SourceRow): { rowNumber: number; sheet?: string } {
  return row.sheet === undefined ? { rowNumber: row.rowNumber } : { rowNumber: row.rowNumber, sheet: row.sheet };
}

function checkOptions(values: Record<string, unknown>, rules: RegisterRules, now: Date, issues: FieldIssue[]): WriteOptions {
  const schemas = optionSchemas(rules);
  const options: { -readonly [K in keyof WriteOptions]: WriteOptions[K] } = {};
  for (const key of optionColumns) {
    if (values[key] === undefined || values[key] === null) continue;
    const parsed = schemas[key].safeParse(values[key]);
    if (!parsed.success) {
      issues.push(...parsed.error.issues.map((i) => ({ path: [key, ...i.path.map(String)], message: i.message })));
      continue;
    }
    if (key === 'effectiveAt' && new Date(parsed.data).getTime() > now.getTime() + FUTURE_TOLERANCE_MS) {
      issues.push({ path: [key], message: 'cannot be in the future' });
      continue;
    }
    (options as Record<string, unknown>)[key] = parsed.data;
  }
  return options;
}

/** The command's own schema judges the row, dates as text included. */
function checkInput(
  schema: z.ZodType,
  input: Record<string, unknown>,
  issues: FieldIssue[],
  commandType: string,
  inputFields: ReadonlySet<string>,
): void {
  try {
    parseInput(schema, input, []);
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    issues.push(...error.issues.map((issue) => explainForeignColumn(issue, commandType, inputFields)));
  }
}

/**
 * A filled cell in a column the row's command does not take (a sheet mixing commands) is
 * named as such, with the columns the command does take; a hold's boundary and digest are
 * not the caller's to give.
 */
function explainForeignColumn(issue: FieldIssue, commandType: string, inputFields: ReadonlySet<string>): FieldIssue {
  const field = issue.path.length === 1 ? issue.path[0] : undefined;
  if (typeof field !== 'string' || inputFields.has(field)) return issue;
  if (computedWhenHeld.has(field)) return { path: issue.path, message: 'is computed when the meeting is held; leave it out' };
  const columns = [...inputFields].filter((f) => !computedWhenHeld.has(f));
  return {
    path: issue.path,
    message: `is not a column of ${commandType}; leave it empty on this row (${commandType} takes ${columns.join(', ')}; any row may give ${optionColumns.join(', ')})`,
  };
}

function fieldName(path: readonly (string | number)[]): string {
  return path.length === 0 ? '(row)' : path.map(String).join('.');
}
