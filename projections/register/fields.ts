import { isDeepStrictEqual } from 'node:util';

/**
 * Top-level fields whose values differ between two views (all of `after`'s when `before` is
 * null): `before`'s fields first, then those only `after` has, each in its view's order.
 */
export function changedFields(before: Record<string, unknown> | null, after: Record<string, unknown> | null): string[] {
  if (!before && !after) return [];
  if (!before) return Object.keys(after!);
  if (!after) return Object.keys(before);
  const changed: string[] = [];
  // Views are rebuilt by spreading, so an unchanged field is usually the very same value.
  for (const key of Object.keys(before)) {
    if (before[key] !== after[key] && !isDeepStrictEqual(before[key], after[key])) changed.push(key);
  }
  for (const key of Object.keys(after)) {
    if (!Object.hasOwn(before, key) && after[key] !== undefined) changed.push(key);
  }
  return changed;
}
