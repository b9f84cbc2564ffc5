// dequal rather than node:util: the web app checks corrections with these same schemas in the browser.
import { dequal } from 'dequal';
import { z } from 'zod';
import { freeText } from '../../schema/values.ts';
import type { RegisterRules } from '../../schema/rules.ts';
import type { FieldIssue } from './errors.ts';

/* Every item's `Correct<X>` command: what it may name, and what it changes. */

/** The given fields whose value differs from the current one (deep, key order ignored). */
export function changedFields<Given extends Record<string, unknown>>(
  current: { readonly [K in keyof Given]-?: unknown },
  given: Given,
): Partial<Given> {
  const changed: Partial<Given> = {};
  for (const key of Object.keys(given) as (keyof Given)[]) {
    const value = given[key];
    if (value !== undefined && !dequal(value, current[key])) changed[key] = value;
  }
  return changed;
}

/** `current` with the given fields replaced; a field given as undefined is not given (null is a value). */
export function withFields<T extends object>(current: T, fields: Partial<T>): T {
  const next = { ...current };
  for (const key of Object.keys(fields) as (keyof T)[]) {
    const value = fields[key];
    if (value !== undefined) next[key] = value;
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

/**
 * The `fields` and `reason` of a `Correct<X>` command. `fields` lists what a correction may
 * fix; anything else (a status, which changes by its own commands) is refused as unknown.
 */
export function correctionInput<Shape extends z.core.$ZodLooseShape>(rules: RegisterRules, fields: Shape) {
  return { fields: z.strictObject(fields).superRefine(refuseEmptyCorrection), reason: freeText(rules.textLimits.text) };
}

/** A correction must name at least one field and say why; the decider checks it for commands that skipped the schema. */
export function correctionIssues(fields: unknown, reason: unknown): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (namesNoField(fields)) issues.push({ path: ['fields'], message: nothingToCorrect });
  if (typeof reason !== 'string' || reason.trim() === '') {
    issues.push({ path: ['reason'], message: 'say why the correction is needed' });
  }
  return issues;
}

export const sameValue = (a: unknown, b: unknown): boolean => dequal(a, b);

/**
 * The reason an event is shown with, the same everywhere (history, movement's corrections,
 * the log): the reason the event itself states (a correction's, a risk closure's), which is
 * part of the hashed fact, else the reason given with the write.
 */
export function reasonOf(writeReason: string | null, data: unknown): string | null {
  const stated = (data as { reason?: unknown } | null)?.reason;
  return typeof stated === 'string' ? stated : writeReason;
}
