import { ValidationError, type FieldIssue } from '../core/errors.ts';
import { parseDayDate, parsePlannedDate } from '../../schema/planned-date-text.ts';

const plannedDateFields = new Set(['decisionDate', 'baselineDate', 'forecastDate']);
const dayFields = new Set(['raisedOn', 'on', 'dueDate', 'heldOn', 'completedOn', 'date']);

/**
 * Turns the text forms people type (planned dates as the pack writes them, UK-style days)
 * into the structured values commands take. Every unreadable planned date is returned as an
 * issue with its path (its text is left in place); anything else passes through for the
 * command's own schema to judge.
 */
export function readDates(input: unknown, basePath: readonly (string | number)[] = ['input']): { value: unknown; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const value = walk(input, [...basePath], issues, false);
  return { value, issues };
}

/** `readDates`, throwing a ValidationError for unreadable dates. */
export function normalizeDates(input: unknown, basePath: readonly (string | number)[] = ['input']): unknown {
  const { value, issues } = readDates(input, basePath);
  if (issues.length > 0) throw new ValidationError(issues);
  return value;
}

function walk(value: unknown, path: (string | number)[], issues: FieldIssue[], inKeyDates: boolean): unknown {
  if (Array.isArray(value)) return value.map((v, i) => walk(v, [...path, i], issues, inKeyDates));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    const at = [...path, key];
    if (typeof v === 'string' && (plannedDateFields.has(key) || (inKeyDates && key === 'date'))) {
      const parsed = parsePlannedDate(v);
      if (!parsed.ok) {
        issues.push({ path: at, message: parsed.message });
        out[key] = v;
      } else if (inKeyDates && parsed.value.kind === 'perParty') {
        issues.push({ path: at, message: 'a key date cannot differ per party' });
        out[key] = v;
      } else {
        out[key] = parsed.value;
      }
      continue;
    }
    if (typeof v === 'string' && dayFields.has(key)) {
      out[key] = parseDayDate(v) ?? v;
      continue;
    }
    out[key] = walk(v, at, issues, key === 'keyDates');
  }
  return out;
}
