import type { ReadModelDatabase } from '../../projections/read-model/database.ts';
import { statement } from '../../projections/read-model/statements.ts';
import type { Register } from '../register.ts';
import type { RegisterSizes } from './complexity.ts';

/**
 * The register's item counts for the complexity limit, counted again only when the read model
 * has moved (a new head or a rebuilt database): the same object until then, so a measured
 * query's complexity can be kept for as long as it holds.
 */
export function registerSizes(register: Pick<Register, 'readModel' | 'queries' | 'items'>): () => RegisterSizes {
  let kept: { db: ReadModelDatabase; head: number; sizes: RegisterSizes } | undefined;
  return () => {
    const db = register.readModel.db;
    const head = register.queries.headSeq();
    if (kept && kept.db === db && kept.head === head) return kept.sizes;
    const counts = new Map(
      (statement(db, `SELECT kind, COUNT(*) AS n FROM items GROUP BY kind`).all() as { kind: string; n: number }[]).map((row) => [row.kind, row.n]),
    );
    const byList = Object.fromEntries(register.items.modules.map(({ kind, presenter }) => [presenter.graphql.list, counts.get(kind) ?? 0]));
    const sizes = { items: [...counts.values()].reduce((sum, n) => sum + n, 0), byList };
    kept = { db, head, sizes };
    return sizes;
  };
}
