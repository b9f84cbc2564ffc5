import type { ItemKind } from '../../services/core/decider.ts';
import { ValidationError } from '../../services/core/errors.ts';
import type { ItemRegistry } from '../../services/core/registry.ts';
import type { ReadModelDatabase } from '../read-model/database.ts';
import type { ResolvedPoint } from '../register/queries.ts';
import { changedFields } from '../register/fields.ts';
import { describeItem, type Movement } from '../movement/movement.ts';
import { itemsEffectiveAt, type EffectiveCutoff } from './effective-time.ts';

/** A point without an effective date sees every event it knows. */
const everything: EffectiveCutoff = { atOrBefore: Number.POSITIVE_INFINITY, label: 'as recorded' };

/**
 * Movement between two points where either names an effective date: the register folded at
 * each point, item by item, compared field by field and worded as the pack words it.
 * Corrections cannot be told apart from movement here (a correction effective between the
 * dates changes what was true), so every changed field counts.
 */
export function computeEffectiveMovement(
  db: ReadModelDatabase,
  registry: ItemRegistry,
  from: ResolvedPoint & { effective?: EffectiveCutoff },
  to: ResolvedPoint & { effective?: EffectiveCutoff },
  options: { kinds?: readonly ItemKind[] } = {},
): Movement {
  const fromCutoff = from.effective ?? everything;
  const toCutoff = to.effective ?? everything;
  if (from.seq > to.seq || fromCutoff.atOrBefore > toCutoff.atOrBefore) {
    throw new ValidationError([{ path: ['from'], message: 'must not be later than `to`, in recorded or in effective time' }]);
  }
  const kinds = options.kinds ?? registry.kinds;
  const before = itemsEffectiveAt(db, registry, kinds, from.seq, fromCutoff);
  const after = itemsEffectiveAt(db, registry, kinds, to.seq, toCutoff);
  const items = [...after.values()].map((item) => {
    const was = before.get(item.id);
    return describeItem(registry, item.kind, was, item, new Set(was ? changedFields(was.view, item.view) : []));
  });
  const collator = new Intl.Collator();
  items.sort((a, b) => (a.kind === b.kind ? collator.compare(a.id, b.id) : collator.compare(a.kind, b.kind)));
  return { from, to, items, corrections: [] };
}
