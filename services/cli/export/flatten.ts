import type { ItemModule } from '../../core/decider.ts';
import type { ItemVersion } from '../../../projections/register/queries.ts';
import type { RegisterRules } from '../../../schema/rules.ts';
import { plannedDate, type PlannedDate } from '../../../schema/values.ts';
import { formatPlannedDate } from '../../../schema/planned-date-text.ts';
import { LIST_SEPARATOR } from '../import/cells.ts';

const trailingColumns = ['version', 'lastChangedAt', 'lastChangedBy', 'lastEventType'] as const;

/** The view's fields that hold planned dates, read from its zod shape. */
function plannedDateFields(module: ItemModule): Set<string> {
  const shape = module.presenter.viewSchema.shape as Record<string, unknown>;
  return new Set(Object.keys(shape).filter((field) => shape[field] === plannedDate));
}

/** The CSV header for a kind: fixed by its view, so an empty export still says what it would hold. */
export function csvColumns(module: ItemModule): string[] {
  const { viewSchema, flattened = {}, exportColumns = [] } = module.presenter;
  const columns = Object.keys(viewSchema.shape).flatMap((field) =>
    flattened[field] ? flattened[field].map((part) => `${field}.${part}`) : [field],
  );
  for (const derived of exportColumns) columns.splice(columns.indexOf(derived.after) + 1, 0, derived.column);
  return [...columns, ...trailingColumns];
}

/**
 * One CSV row. Planned dates are written in the ISO text form (`2024-12`, `2025-Q1`,
 * `BSC: 2024-10-13; REC: 2024-10-09`), which the import reads back; lists of text are joined
 * with " | "; other structures are JSON.
 */
export function csvRow(module: ItemModule, item: ItemVersion, rules: RegisterRules): Record<string, string> {
  const { flattened = {}, exportColumns = [] } = module.presenter;
  const planned = plannedDateFields(module);
  const row: Record<string, string> = {};
  for (const [field, value] of Object.entries(item.view)) {
    const parts = flattened[field];
    if (parts && typeof value === 'object' && value !== null) {
      for (const part of parts) row[`${field}.${part}`] = cell((value as Record<string, unknown>)[part]);
    } else {
      row[field] = planned.has(field) ? formatPlannedDate(value as PlannedDate, 'iso') : cell(value);
    }
  }
  for (const derived of exportColumns) row[derived.column] = derived.value(item.view, rules);
  row['version'] = String(item.version);
  row['lastChangedAt'] = item.lastChange.recordedAt;
  row['lastChangedBy'] = item.lastChange.actor ?? '';
  row['lastEventType'] = item.lastChange.eventType;
  return row;
}

function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value) && value.every((v) => typeof v === 'string' && !v.includes('|'))) return value.join(LIST_SEPARATOR);
  return JSON.stringify(value);
}

/** One item in the JSON export: its view, its export columns (a risk's band), version and last change. */
export function jsonItem(module: ItemModule, item: ItemVersion, rules: RegisterRules): Record<string, unknown> {
  const { seq: _readModelSeq, ...lastChange } = item.lastChange;
  const derived = Object.fromEntries((module.presenter.exportColumns ?? []).map((c) => [c.column, c.value(item.view, rules)]));
  return { ...item.view, ...derived, version: item.version, lastChange };
}
