import { isDeepStrictEqual } from 'node:util';

/** Top-level fields whose values differ between two views (all of `after`'s when `before` is null). */
export function changedFields(before: Record<string, unknown> | null, after: Record<string, unknown> | null): string[] {
  if (!before && !after) return [];
  if (!before) return Object.keys(after!);
  if (!after) return Object.keys(before);
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  // Views are rebuilt by spreading, so an unchanged field is usually the very same value.
  return [...keys].filter((k) => before[k] !== after[k] && !isDeepStrictEqual(before[k], after[k]));
}
