import type { ItemKind } from '../core/decider.ts';
import type { ItemRegistry } from '../core/registry.ts';
import { itemKinds } from '../items.ts';
import { UsageError } from './exit-codes.ts';

function squash(text: string): string {
  return text
    .toLowerCase()
    .replace(/[-_\s]/g, '')
    .replace(/s$/, '');
}

export const kindHelp = `${itemKinds.join(', ')} (change-proposals, risks, cp ... also accepted)`;

/** `changeProposal`, `change-proposals`, `cp`, `risks`, ... Several may be given with commas. */
export function parseKinds(items: ItemRegistry, values: readonly string[] | undefined): ItemKind[] | undefined {
  if (values === undefined || values.length === 0) return undefined;
  const aliases = new Map<string, ItemKind>(
    items.modules.flatMap((m) =>
      [m.kind, m.presenter.names.file, ...(m.presenter.names.aliases ?? [])].map((name): [string, ItemKind] => [squash(name), m.kind]),
    ),
  );
  const kinds = values
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter((v) => v !== '');
  return [
    ...new Set(
      kinds.map((text) => {
        const kind = aliases.get(squash(text));
        if (!kind) throw new UsageError(`--kind ${text}: expected one of ${items.kinds.join(', ')}`);
        return kind;
      }),
    ),
  ];
}
