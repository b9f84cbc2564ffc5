import type { ItemKind } from '../core/decider.ts';
import type { WriteOptions, WriteOutcome } from '../register.ts';
import type { ApiContext } from './context.ts';
import { guard } from './guard.ts';
import { normalizeDates } from './input.ts';
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
    const input = normalizeDates(args.input);
    const outcome = await context.register.execute(kind, commandType, input, caller, {
      ...(args.options ?? {}),
      correlationId: context.requestId,
    });
    return writeResult(outcome, resultField, context);
  });
}

/** Builds a resolver map from `{ mutationName: commandType }` for one item kind. */
export function commandMutations(kind: ItemKind, resultField: string, table: Record<string, string>) {
  return Object.fromEntries(
    Object.entries(table).map(([mutation, commandType]) => [mutation, commandMutation(kind, commandType, resultField)]),
  );
}
