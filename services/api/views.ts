import type { ItemKind } from '../core/decider.ts';
import type { ItemVersion } from '../../projections/register/queries.ts';
import { riskBandOf, type RegisterRules } from '../../schema/rules.ts';
import type { PlannedDate } from '../../schema/values.ts';
import { formatPlannedDate, plannedDateSortKey } from '../../schema/planned-date-text.ts';

const typeNames: Record<ItemKind, string> = {
  changeProposal: 'ChangeProposal',
  milestone: 'Milestone',
  risk: 'Risk',
  action: 'Action',
  meeting: 'Meeting',
};

/** What the GraphQL layer resolves an item from: its view, version, last change, and the point it was read at. */
export type ItemObject = Record<string, unknown> & { __typename: string; __seq: number | undefined };

export function plannedDateObject(value: unknown) {
  const date = value as PlannedDate;
  return { text: formatPlannedDate(date, 'uk'), iso: formatPlannedDate(date, 'iso'), sortKey: plannedDateSortKey(date), value: date };
}

/**
 * Shapes an item version for GraphQL. `seq` is the point it was read at (undefined: now), so
 * related items resolve at the same point.
 */
export function toItemObject(item: ItemVersion, rules: RegisterRules, seq: number | undefined, today: string): ItemObject {
  const v = item.view;
  switch (item.kind) {
    case 'changeProposal':
      return shaped(item, seq, {
        decisionDate: plannedDateObject(v['decisionDate']),
        keyDates: (v['keyDates'] as { event: string; date: unknown }[]).map((k) => ({ event: k.event, date: plannedDateObject(k.date) })),
      });
    case 'milestone':
      return shaped(item, seq, {
        baselineDate: plannedDateObject(v['baselineDate']),
        forecastDate: plannedDateObject(v['forecastDate']),
        rebaselines: (v['rebaselines'] as { from: unknown; to: unknown; reason: string }[]).map((r) => ({
          from: plannedDateObject(r.from),
          to: plannedDateObject(r.to),
          reason: r.reason,
        })),
      });
    case 'risk':
      return shaped(item, seq, { ref: v['riskId'], band: riskBandOf(rules, v['score'] as number) });
    case 'action': {
      const owner = v['owner'] as { party: string; person: string | null };
      return shaped(item, seq, {
        owner: { party: owner.party, person: owner.person, text: owner.person ? `${owner.party} (${owner.person})` : owner.party },
        overdue: isOverdue(v, today),
      });
    }
    case 'meeting':
      return shaped(item, seq, {});
    default: {
      const _exhaustive: never = item.kind;
      return _exhaustive;
    }
  }
}

/**
 * The view with the item's own fields over it. Object.assign, not spreads: a literal that
 * spreads the view and then adds fields takes a slow path in V8 (about 20 µs an item against
 * about 1 µs), which dominated list queries.
 */
function shaped(item: ItemVersion, seq: number | undefined, fields: Record<string, unknown>): ItemObject {
  const own = { id: item.id, version: item.version, lastChange: item.lastChange, __typename: typeNames[item.kind], __seq: seq };
  return Object.assign({}, item.view, own, fields);
}

export function isOverdue(action: Record<string, unknown>, today: string): boolean {
  const due = action['dueDate'];
  return action['status'] === 'Open' && typeof due === 'string' && due < today;
}

/** The reference as the pack prints it, for any item. */
export function refOf(kind: ItemKind, view: Record<string, unknown>): string {
  switch (kind) {
    case 'changeProposal':
      return String(view['ref']);
    case 'milestone':
      return String(view['ref'] ?? view['description']);
    case 'risk':
      return String(view['riskId']);
    case 'action':
      return String(view['ref']);
    case 'meeting':
      return `CCAG #${view['number']}`;
    default: {
      const _exhaustive: never = kind;
      return _exhaustive;
    }
  }
}
