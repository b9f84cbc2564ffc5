import { describeItem } from '../../projections/movement/movement.ts';
import { describeCorrection } from '../../projections/movement/wording.ts';
import { changedFields } from '../../projections/register/fields.ts';
import type { ApiContext } from './context.ts';
import { guard } from './guard.ts';

interface EventOfItem {
  readonly seq: number;
  readonly itemId: string | null;
  readonly kind: string | null;
  readonly correction: boolean;
}

/**
 * What one event changed, in the words the movement view and the pack use: the item's
 * version before the event against the version it made, worded by the item's presenter
 * ("Score increased from 12 to 15", "New item"); a correction says which fields it set right.
 */
export function eventSummary(context: ApiContext, event: EventOfItem): string[] {
  const { itemId, kind } = event;
  if (!itemId || !kind || !context.register.items.kinds.includes(kind)) return [];
  const after = context.register.itemsAt.item(itemId, event.seq);
  if (!after) return [];
  const before = event.seq > 1 ? context.register.itemsAt.item(itemId, event.seq - 1) : undefined;
  const fields = changedFields(before?.view ?? null, after.view);
  if (event.correction) return describeCorrection(before?.view ?? null, after.view, fields);
  return [...describeItem(context.register.items, kind, before, after, new Set(fields)).summary];
}

export const eventSummaryResolvers = {
  summary: guard((root: EventOfItem, _args: unknown, context: ApiContext) => eventSummary(context, root)),
};
