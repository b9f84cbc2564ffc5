import { isDeepStrictEqual } from 'node:util';
import type { z } from 'zod';
import type { FieldIssue } from '../core/errors.ts';

/*
 * Shared by every item's `Correct<X>` command. The risk slice holds a twin written in
 * parallel; both belong in one place once the slices land.
 */

/** The given fields whose value differs from the current one (deep, key order ignored). */
export function changedFields<Given extends Record<string, unknown>>(
  current: { readonly [K in keyof Given]-?: unknown },
  given: Given,
): Partial<Given> {
  const changed: Partial<Given> = {};
  for (const key of Object.keys(given) as (keyof Given)[]) {
    const value = given[key];
    if (value !== undefined && !isDeepStrictEqual(value, current[key])) changed[key] = value;
  }
  return changed;
}

/** `current` with the given fields replaced; a field given as undefined is not given. */
export function withFields<T extends object>(current: T, fields: Partial<T>): T {
  const next = { ...current };
  for (const key of Object.keys(fields) as (keyof T)[]) {
    const value = fields[key];
    if (value !== undefined) next[key] = value as T[keyof T];
  }
  return next;
}

export const nothingToCorrect = 'give at least one field to correct';

/** True when a correction's `fields` names no field at all. */
export function namesNoField(fields: unknown): boolean {
  return typeof fields !== 'object' || fields === null || !Object.values(fields).some((v) => v !== undefined);
}

/** Refinement for a correction's `fields`: at least one must be given (an unknown one is reported as such). */
export function refuseEmptyCorrection(fields: object, ctx: z.RefinementCtx): void {
  const unknownFieldReported = ctx.issues.some((issue) => issue.code === 'unrecognized_keys');
  if (namesNoField(fields) && !unknownFieldReported) ctx.addIssue({ code: 'custom', message: nothingToCorrect });
}

/** A correction must name at least one field and say why. */
export function correctionIssues(fields: unknown, reason: unknown): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (namesNoField(fields)) issues.push({ path: ['fields'], message: nothingToCorrect });
  if (typeof reason !== 'string' || reason.trim() === '') {
    issues.push({ path: ['reason'], message: 'say why the correction is needed' });
  }
  return issues;
}

export const sameValue = (a: unknown, b: unknown): boolean => isDeepStrictEqual(a, b);
