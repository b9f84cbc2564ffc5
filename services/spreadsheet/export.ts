import type { ItemKind } from '../core/decider.ts';
import type { ItemRegistry } from '../core/registry.ts';
import type { RegisterRules } from '../../schema/rules.ts';
import { sheetLayouts } from './layout.ts';
import type { RegisterState } from './plan.ts';
import { writeWorkbook } from './workbook.ts';

/** The register at a point as a workbook, recording the point (as asked for, and the log position it resolved to). */
export async function exportWorkbook(
  items: ItemRegistry,
  rules: RegisterRules,
  at: RegisterState & { readonly position: string | null; readonly recordedAt: string | null },
  requested: string,
  kinds: readonly ItemKind[] = items.kinds,
): Promise<Buffer> {
  return writeWorkbook(sheetLayouts(items, kinds), at, rules, { position: at.position, requested, recordedAt: at.recordedAt });
}
