import type { ItemModule } from '../core/decider.ts';
import { ValidationError } from '../core/errors.ts';
import type { ItemVersion } from '../../projections/register/queries.ts';
import type { ApiContext } from './context.ts';

/**
 * The item an id names at a point: a full id (`cp:REC:R0209`), or the bare reference the pack
 * prints (`R0209`) where exactly one item of the kind has it. A reference several items share
 * (milestone 3707 under three workstreams) is refused with the ids to choose from.
 */
export function findItem(context: ApiContext, module: ItemModule, id: string, seq: number | undefined): ItemVersion | undefined {
  const { itemsAt: queries, items } = context.register;
  const kindOfId = items.kindOfItemId(id);
  if (kindOfId !== undefined) return kindOfId === module.kind ? queries.item(id, seq) : undefined;
  const wanted = id.trim().toLowerCase();
  const matching = queries.items(module.kind, seq).filter((item) => module.presenter.ref(item.view).toLowerCase() === wanted);
  if (matching.length > 1) {
    throw new ValidationError([
      {
        path: ['id'],
        message: `${id} names ${matching.length} ${module.presenter.names.plural}: give one of ${matching.map((i) => i.id).join(', ')}`,
      },
    ]);
  }
  return matching[0];
}
