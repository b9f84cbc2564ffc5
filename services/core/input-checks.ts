import { z } from 'zod';
import type { RegisterRules } from '../../schema/rules.ts';
import { freeText } from '../../schema/values.ts';
import { dayInput } from '../../schema/date-inputs.ts';
import { ValidationError, type FieldIssue } from './errors.ts';

/*
 * Helpers every item's command schemas and deciders share. A rule that needs no
 * configuration is written once, as a function returning FieldIssues: the schema reports
 * them with every other bad field, and the decider refuses them even for a command that
 * skipped the schema.
 *
 * Explicit null, the same for every item: GraphQL clients send null for an optional input
 * they leave empty. Where a field has an empty value (a CP's release, an action's due date)
 * null is that value; where it has none (a title, a score, a list) null means "not given",
 * so the field is left alone or takes its default: use optionalInput or defaultedInput.
 */

/** A calendar day given in a command: ISO, or as the pack writes it (27/11/24). */
export const day = dayInput;

const nullAsAbsent = (value: unknown): unknown => (value === null ? undefined : value);

/** An optional field whose value is never null: null is taken as not given, not as "clear it". */
export function optionalInput<S extends z.ZodType>(schema: S) {
  return z.preprocess(nullAsAbsent, schema.optional());
}

/** A field with a default, used when it is left out or given as null. */
export function defaultedInput<S extends z.ZodType>(schema: S, value: z.util.NoUndefined<z.output<S>>) {
  return z.preprocess(nullAsAbsent, schema.default(value));
}

/**
 * Cross-field refinements normally stop at the first bad field. Running them whenever the
 * input is an object means one reply names every bad field; they must read fields defensively.
 */
export const evenWhenOtherFieldsFail = {
  when(payload: { value: unknown }): boolean {
    return typeof payload.value === 'object' && payload.value !== null;
  },
};

export function reportIssues(ctx: z.RefinementCtx, issues: readonly FieldIssue[]): void {
  for (const issue of issues) ctx.addIssue({ code: 'custom', path: [...issue.path], message: issue.message });
}

export function refuseIssues(issues: readonly FieldIssue[]): void {
  if (issues.length > 0) throw new ValidationError(issues);
}

/** A configured code body: `REC`, `DCUSA`, ... */
export function codeBodyInput(rules: RegisterRules) {
  return freeText(rules.textLimits.title).superRefine((code, ctx) => {
    if (code === '' || rules.codeBodies.some((b) => b.code === code)) return;
    ctx.addIssue({
      code: 'custom',
      message: `unknown code body ${code}; known: ${rules.codeBodies.map((b) => b.code).join(', ')}`,
    });
  });
}

/** A configured workstream: `REC-M8`, `PROGRAMME`, ... */
export function workstreamInput(rules: RegisterRules) {
  return freeText(rules.textLimits.title).superRefine((id, ctx) => {
    if (id === '' || rules.workstreams.some((w) => w.id === id)) return;
    ctx.addIssue({
      code: 'custom',
      message: `unknown workstream ${id}; known: ${rules.workstreams.map((w) => w.id).join(', ')}`,
    });
  });
}
