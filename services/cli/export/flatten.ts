import type { z } from 'zod';
import type { ItemKind } from '../../core/decider.ts';
import type { ItemVersion } from '../../../projections/register/queries.ts';
import { riskBandOf, type RegisterRules } from '../../../schema/rules.ts';
import type { PlannedDate } from '../../../schema/values.ts';
import { formatPlannedDate } from '../../../schema/planned-date-text.ts';
import { changeProposalViewSchema } from '../../change-proposal/index.ts';
import { milestoneViewSchema } from '../../milestone/index.ts';
import { riskViewSchema } from '../../risk/index.ts';
import { actionViewSchema } from '../../action/index.ts';
import { meetingViewSchema } from '../../meeting/index.ts';
import { LIST_SEPARATOR } from '../import/cells.ts';

const viewSchemas: Record<ItemKind, z.ZodObject> = {
  changeProposal: changeProposalViewSchema,
  milestone: milestoneViewSchema,
  risk: riskViewSchema,
  action: actionViewSchema,
  meeting: meetingViewSchema,
};

const plannedDateFields = new Set(['decisionDate', 'baselineDate', 'forecastDate']);
/** Objects people edit by their parts in a spreadsheet, as the import reads them back. */
const flattenedObjects: Record<string, readonly string[]> = { owner: ['party', 'person'] };
const trailingColumns = ['version', 'lastChangedAt', 'lastChangedBy', 'lastEventType'] as const;

/** The CSV header for a kind: fixed by its view, so an empty export still says what it would hold. */
export function csvColumns(kind: ItemKind): string[] {
  const columns = Object.keys(viewSchemas[kind].shape).flatMap((field) =>
    flattenedObjects[field] ? flattenedObjects[field].map((part) => `${field}.${part}`) : [field],
  );
  if (kind === 'risk') columns.splice(columns.indexOf('score') + 1, 0, 'band');
  return [...columns, ...trailingColumns];
}

/**
 * One CSV row. Planned dates are written in the ISO text form (`2024-12`, `2025-Q1`,
 * `BSC: 2024-10-13; REC: 2024-10-09`), which the import reads back; lists of text are joined
 * with " | "; other structures are JSON.
 */
export function csvRow(item: ItemVersion, rules: RegisterRules): Record<string, string> {
  const row: Record<string, string> = {};
  for (const [field, value] of Object.entries(item.view)) {
    const parts = flattenedObjects[field];
    if (parts && typeof value === 'object' && value !== null) {
      for (const part of parts) row[`${field}.${part}`] = cell((value as Record<string, unknown>)[part]);
    } else {
      row[field] = plannedDateFields.has(field) ? formatPlannedDate(value as PlannedDate, 'iso') : cell(value);
    }
  }
  if (item.kind === 'risk') row['band'] = riskBandOf(rules, item.view['score'] as number);
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

/** One item in the JSON export: its view, its band (risks), version and last change. */
export function jsonItem(item: ItemVersion, rules: RegisterRules): Record<string, unknown> {
  const { seq: _readModelSeq, ...lastChange } = item.lastChange;
  return {
    ...item.view,
    ...(item.kind === 'risk' ? { band: riskBandOf(rules, item.view['score'] as number) } : {}),
    version: item.version,
    lastChange,
  };
}
