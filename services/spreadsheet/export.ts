import type { ItemKind } from '../core/decider.ts';
import type { StoreIdentity } from '../core/event-store.ts';
import type { Register } from '../register.ts';
import type { ResolvedPoint } from '../../projections/register/queries.ts';
import { sheetLayouts } from './layout.ts';
import { writeWorkbook } from './workbook.ts';

/** The register at a point as a workbook, recording the point and the store it was read from. */
export async function exportWorkbook(
  register: Register,
  at: ResolvedPoint,
  requested: string,
  store: StoreIdentity,
  kinds: readonly ItemKind[] = register.items.kinds,
): Promise<Buffer> {
  return writeWorkbook(sheetLayouts(register.items, kinds), { items: (kind) => register.itemsAt.items(kind, at.seq) }, register.rules, {
    position: at.position,
    requested,
    recordedAt: at.recordedAt,
    store,
  });
}
