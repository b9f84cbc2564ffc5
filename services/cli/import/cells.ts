import { csvCellValue } from '../csv.ts';

/**
 * CSV cells are text; commands take lists, numbers and nested objects. These rules turn a
 * spreadsheet row into command input. JSON rows already carry their types and skip them.
 *
 * - A cell the register wrote with a leading ' (formula-like text) loses that '.
 * - An empty cell is a field left out (the command's default applies).
 * - `null` is null (to clear a nullable field: a due date, a release).
 * - List fields take items separated by " | ", or a JSON array.
 * - `owner.party`, `fields.score`: a dotted column fills a nested object.
 * - Structured fields (keyDates, updates, owner, fields, planned dates) may be given as JSON.
 * - Whole-number fields (score, number) are read as numbers when they look like one; anything
 *   else is passed on as text for the command's schema to reject with its own message.
 */

export const listFields = new Set([
  'mitigationPlan',
  'agenda',
  'agendaItems',
  'relatedChangeProposals',
  'add',
  'remove',
  'nextSteps',
  'activities',
  'standingItems',
  'overallStatus',
  'monthlySummary',
  'nextMonthDeliverables',
  'mitigationApproach',
]);
const jsonFields = new Set(['keyDates', 'updates', 'owner', 'fields', 'decisionDate', 'baselineDate', 'forecastDate']);
const wholeNumberFields = new Set(['score', 'number', 'expectedVersion', 'meeting', 'displayOrder']);

export const LIST_SEPARATOR = ' | ';

export function csvRecordToFields(record: Record<string, string>): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  for (const [column, written] of Object.entries(record)) {
    const cell = csvCellValue(written);
    if (cell.trim() === '') continue;
    const path = column
      .trim()
      .split('.')
      .map((part) => part.trim());
    // A malformed column name ("owner.", "") is kept whole, so the schema names it as unknown.
    if (path.some((part) => part === '')) fields[column.trim()] = cell;
    else setPath(fields, path, cellValue(path[path.length - 1]!, cell));
  }
  return fields;
}

function cellValue(field: string, cell: string): unknown {
  const text = cell.trim();
  if (text === 'null') return null;
  if (listFields.has(field)) {
    const json = text.startsWith('[') ? tryJson(text) : undefined;
    if (Array.isArray(json)) return json;
    return text
      .split(/\s+\|\s+/)
      .map((item) => item.trim())
      .filter((item) => item !== '');
  }
  if (jsonFields.has(field) && (text.startsWith('{') || text.startsWith('['))) {
    const json = tryJson(text);
    if (json !== undefined) return json;
  }
  if (wholeNumberFields.has(field) && /^[+-]?\d+$/.test(text)) return Number(text);
  return cell;
}

function tryJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function setPath(target: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let node = target;
  for (const part of path.slice(0, -1)) {
    const next = node[part];
    if (typeof next !== 'object' || next === null || Array.isArray(next)) node[part] = {};
    node = node[part] as Record<string, unknown>;
  }
  node[path[path.length - 1]!] = value;
}
