import type { Register } from '../register.ts';
import type { RegisterSizes } from './complexity.ts';

/**
 * How long counted sizes are used before they are counted again. Counting is two statements
 * (some 40 µs under load), and a register taking writes moves its head at every one: counted
 * per request it was a twentieth of a mutation's cost. The limit weighs lists by their size;
 * a second's new items do not change what it refuses.
 */
export const SIZES_KEPT_MS = 1000;

/**
 * The register's item counts for the complexity limit, counted again a second after they were
 * last counted, or at once when the read model was rebuilt. The same object while the counts
 * hold, so a measured query's complexity can be kept for as long as they do.
 */
export function registerSizes(
  register: Pick<Register, 'itemsAt' | 'items' | 'readModelGeneration'>,
  now: () => number = () => performance.now(),
): () => RegisterSizes {
  let kept: { generation: number; countedAt: number; sizes: RegisterSizes } | undefined;
  return () => {
    const generation = register.readModelGeneration();
    const at = now();
    if (kept && kept.generation === generation && at - kept.countedAt < SIZES_KEPT_MS) return kept.sizes;
    const counts = register.itemsAt.countsByKind();
    const byList = Object.fromEntries(register.items.modules.map(({ kind, presenter }) => [presenter.graphql.list, counts.get(kind) ?? 0]));
    const sizes = { items: [...counts.values()].reduce((sum, n) => sum + n, 0), byList };
    const unchanged =
      kept && kept.sizes.items === sizes.items && Object.entries(byList).every(([list, n]) => kept!.sizes.byList[list] === n);
    kept = { generation, countedAt: at, sizes: unchanged ? kept!.sizes : sizes };
    return kept.sizes;
  };
}
