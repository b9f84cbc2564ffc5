import { itemKinds, type ItemKind } from '../core/decider.ts';
import { UsageError } from './exit-codes.ts';

/** File names and headings for each kind of item. */
export const kindLabels: Record<ItemKind, { file: string; plural: string }> = {
  changeProposal: { file: 'change-proposals', plural: 'change proposals' },
  milestone: { file: 'milestones', plural: 'milestones' },
  risk: { file: 'risks', plural: 'risks' },
  action: { file: 'actions', plural: 'actions' },
  meeting: { file: 'meetings', plural: 'meetings' },
};

const aliases = new Map<string, ItemKind>([
  ...itemKinds.map((kind): [string, ItemKind] => [squash(kind), kind]),
  ['cp', 'changeProposal'],
]);

function squash(text: string): string {
  return text.toLowerCase().replace(/[-_\s]/g, '').replace(/s$/, '');
}

export const kindHelp = `${itemKinds.join(', ')} (change-proposals, risks, ... also accepted)`;

/** `changeProposal`, `change-proposals`, `cp`, `risks`, ... Several may be given with commas. */
export function parseKinds(values: readonly string[] | undefined): ItemKind[] | undefined {
  if (values === undefined || values.length === 0) return undefined;
  const kinds = values.flatMap((v) => v.split(',')).map((v) => v.trim()).filter((v) => v !== '');
  return [...new Set(kinds.map(parseKind))];
}

function parseKind(text: string): ItemKind {
  const kind = aliases.get(squash(text));
  if (!kind) throw new UsageError(`--kind ${text}: expected one of ${itemKinds.join(', ')}`);
  return kind;
}
