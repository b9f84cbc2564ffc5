import { isDeepStrictEqual } from 'node:util';
import type { z } from 'zod';

/*
 * Shared by every item's `Correct<X>` command (risks, actions, meetings here). It lives in
 * the risk slice only because slices are written in parallel; it belongs in schema/.
 */

/** The corrected fields whose value differs from the current one (deep, key order ignored). */
export function changedFields<Given extends Record<string, unknown>>(
  current: { readonly [K in keyof Given]: unknown },
  given: Given,
): Partial<Given> {
  const changed: Partial<Given> = {};
  for (const key of Object.keys(given) as (keyof Given)[]) {
    const value = given[key];
    if (value !== undefined && !isDeepStrictEqual(value, current[key])) changed[key] = value;
  }
  return changed;
}

/** Refinement for a correction's `fields`: at least one must be given. */
export function refuseEmptyCorrection(fields: Record<string, unknown>, ctx: z.RefinementCtx): void {
  if (!Object.values(fields).some((v) => v !== undefined)) {
    ctx.addIssue({ code: 'custom', message: 'give at least one field to correct' });
  }
}

/** The item after a correction: given fields replace current ones (null is a value; undefined is not). */
export function withCorrection<View extends Record<string, unknown>>(view: View, fields: Partial<View>): View {
  const given = Object.entries(fields).filter(([, value]) => value !== undefined);
  return { ...view, ...Object.fromEntries(given) };
}
