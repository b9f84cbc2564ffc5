import type { ItemModule } from '../core/decider.ts';
import type { ItemRegistry } from '../core/registry.ts';
import type { WriteOptions, WriteOutcome } from '../register.ts';
import type { ApiContext } from './context.ts';
import { guard } from './guard.ts';
import { toItemObject } from './views.ts';

interface MutationArgs {
  input: unknown;
  options?: WriteOptions | null;
}

/** The GraphQL answer to a write: the item as the read model now shows it, and what was written. */
function writeResult(outcome: WriteOutcome, resultField: string, context: ApiContext) {
  const item = outcome.item;
  return {
    [resultField]: item ? toItemObject(item, shapeContextOf(context), undefined) : null,
    version: outcome.result.version,
    position: outcome.position,
    changed: outcome.result.events.length > 0,
    replayed: outcome.result.replayed,
  };
}

export function shapeContextOf(context: ApiContext) {
  return { items: context.register.items, rules: context.config.rules, today: context.register.today() };
}

/** A mutation that is exactly one command: the register authorizes, parses, handles and waits for the read model. */
function commandMutation(module: ItemModule, commandType: string) {
  const resultField = module.presenter.graphql.one;
  return guard(async (_root: unknown, args: MutationArgs, context: ApiContext) => {
    const outcome = await context.register.execute(module.kind, commandType, args.input, context.caller(), {
      ...(args.options ?? {}),
      correlationId: context.requestId,
    });
    return writeResult(outcome, resultField, context);
  });
}

/** Every mutation of the register: one per entry of each module's mutation table. */
export function mutationResolvers(items: ItemRegistry) {
  return Object.fromEntries(
    items.modules.flatMap((module) =>
      Object.entries(module.mutations).map(([mutation, commandType]) => [mutation, commandMutation(module, commandType)]),
    ),
  );
}
