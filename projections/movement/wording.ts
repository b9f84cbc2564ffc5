import type { ItemPresenter } from '../../services/core/presenter.ts';

type View = Record<string, unknown>;

/** Names for fields the pack has no line for, used only when nothing better describes a change. */
const fieldNames: Record<string, string> = {
  raisedOn: 'Date raised',
  closedOn: 'Closure date',
  completedOn: 'Completion date',
  heldOn: 'Date held',
  statusBeforeClosure: 'Status before closure',
  boundaryPosition: 'Boundary position',
};

function fieldName(field: string): string {
  const known = fieldNames[field];
  if (known) return known;
  const words = field.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * One line per change, in the pack's own wording ("Score reduced from 20 to 10",
 * "Forecast moved from 24/09/25 to 31/10/25"), as the item's presenter words it. `fields`
 * are the fields that moved. A field that moves only together with another (a risk's
 * closure date with its status) shares that field's line; any moved field no line speaks
 * for still gets one.
 */
export function describeChanges(presenter: ItemPresenter, before: View, after: View, fields: readonly string[]): string[] {
  const lines: string[] = [];
  const covered = new Set<string>();
  const moved = (f: string) => fields.includes(f);
  const say = (text: string, ...about: string[]) => {
    lines.push(text);
    for (const f of about) covered.add(f);
  };
  presenter.describeChanges({ before, after, moved, say });
  if (moved('relatedChangeProposals')) say('Related change proposals changed', 'relatedChangeProposals');
  for (const field of fields) if (!covered.has(field)) lines.push(`${fieldName(field)} changed`);
  return lines;
}

/** The pack's line for an item that did not move. */
export function describeUnchanged(): string {
  return 'No change';
}

/**
 * A value as a line of text says it: a planned date by its text, a list by its entries; no
 * value as `none`. The web app's forms start from the same text (services/web/src/forms).
 */
export function plainText(value: unknown, none = '(none)'): string {
  if (value === null || value === undefined || value === '') return none;
  if (Array.isArray(value)) return value.map((entry) => plainText(entry)).join(', ') || none;
  switch (typeof value) {
    case 'string':
      return value;
    case 'number':
    case 'boolean':
    case 'bigint':
      return String(value);
    case 'object': {
      const text = (value as { text?: unknown }).text;
      return typeof text === 'string'
        ? text
        : Object.values(value)
            .map((entry) => plainText(entry))
            .join(': ');
    }
    default:
      return '';
  }
}

/** A correction's lines: `Title corrected from “…” to “…”`, one per field it set right. */
export function describeCorrection(before: View | null, after: View, fields: readonly string[]): string[] {
  return fields.map((field) => `${fieldName(field)} corrected from “${plainText(before?.[field])}” to “${plainText(after[field])}”`);
}
