import type { Register } from '../register.ts';
import type { RegisterSizes } from './complexity.ts';

/**
 * The register's item counts for the complexity limit, counted again only when the read model
 * has moved (a new head or a rebuilt database): the same object until then, so a measured
 * query's complexity can be kept for as long as it holds.
 */
export function registerSizes(register: Pick<Register, 'itemsAt' | 'items' | 'readModelGeneration'>): () => RegisterSizes {
  let kept: { generation: number; head: number; sizes: RegisterSizes } | undefined;
  return () => {
    const generation = register.readModelGeneration();
    const head = register.itemsAt.headSeq();
    if (kept && kept.generation === generation && kept.head === head) return kept.sizes;
    const counts = register.itemsAt.countsByKind();
    const byList = Object.fromEntries(register.items.modules.map(({ kind, presenter }) => [presenter.graphql.list, counts.get(kind) ?? 0]));
    const sizes = { items: [...counts.values()].reduce((sum, n) => sum + n, 0), byList };
    kept = { generation, head, sizes };
    return sizes;
  };
}
