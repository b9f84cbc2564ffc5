import type { ItemKind } from '../core/decider.ts';
import { requireWriter } from '../access.ts';
import { ValidationError, type FieldIssue } from '../core/errors.ts';
import { parseInput } from '../core/validate.ts';
import { commandSchemas } from '../items.ts';
import type { WriteOptions, WriteOutcome } from '../register.ts';
import type { RegisterRules } from '../../schema/rules.ts';
import type { ApiContext } from './context.ts';
import { guard } from './guard.ts';
import { readDates } from './input.ts';
import { toItemObject } from './views.ts';

interface MutationArgs {
  input: Record<string, unknown>;
  options?: WriteOptions | null;
}

/** The GraphQL answer to a write: the item as the read model now shows it, and what was written. */
export function writeResult(outcome: WriteOutcome, resultField: string, context: ApiContext) {
  const item = outcome.item;
  return {
    [resultField]: item ? toItemObject(item, context.config.rules, undefined, new Date().toISOString().slice(0, 10)) : null,
    version: outcome.result.version,
    position: outcome.position,
    changed: outcome.result.events.length > 0,
    replayed: outcome.result.replayed,
  };
}

/** A mutation that is exactly one command: parse, authorize, handle, wait for the read model, answer. */
export function commandMutation(kind: ItemKind, commandType: string, resultField: string) {
  return guard(async (_root: unknown, args: MutationArgs, context: ApiContext) => {
    const caller = context.caller();
    requireWriter(caller);
    const { value: input, issues } = readDates(args.input);
    if (issues.length > 0) throw new ValidationError(withOtherFieldIssues(issues, kind, commandType, input, context.config.rules));
    const outcome = await context.register.execute(kind, commandType, input, caller, {
      ...(args.options ?? {}),
      correlationId: context.requestId,
    });
    return writeResult(outcome, resultField, context);
  });
}

/**
 * An unreadable date must not hide the input's other mistakes: one reply names every bad
 * field. The command's schema judges the rest; its complaints about the unread dates
 * themselves are dropped, as the date reader's message says more.
 */
function withOtherFieldIssues(
  dateIssues: readonly FieldIssue[],
  kind: ItemKind,
  commandType: string,
  input: unknown,
  rules: RegisterRules,
): FieldIssue[] {
  const factory = commandSchemas[kind][commandType];
  if (!factory) return [...dateIssues];
  try {
    parseInput(factory(rules), input, ['input']);
    return [...dateIssues];
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    const datePaths = new Set(dateIssues.map((i) => i.path.join('.')));
    return [...dateIssues, ...error.issues.filter((i) => !datePaths.has(i.path.join('.')))];
  }
}

/** Builds a resolver map from `{ mutationName: commandType }` for one item kind. */
export function commandMutations(kind: ItemKind, resultField: string, table: Record<string, string>) {
  return Object.fromEntries(
    Object.entries(table).map(([mutation, commandType]) => [mutation, commandMutation(kind, commandType, resultField)]),
  );
}
