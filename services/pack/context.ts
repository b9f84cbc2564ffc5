import type { Register } from '../register.ts';
import type { ItemKind } from '../core/decider.ts';
import { NotFoundError } from '../core/errors.ts';
import type { ItemMovement } from '../../projections/movement/movement.ts';
import type { ResolvedPoint } from '../../projections/register/queries.ts';
import type { RegisterRules } from '../../schema/rules.ts';
import { meetingId } from '../../schema/ids.ts';
import type { MeetingView } from '../meeting/view.ts';

/** What every section reads: the register at the meeting's boundary, and its movement since the meeting before. */
export interface PackContext {
  readonly rules: RegisterRules;
  readonly meeting: MeetingView;
  readonly point: ResolvedPoint;
  /** The last meeting held before this one: "since last CCAG" starts at its boundary. */
  readonly previous: { readonly meeting: MeetingView; readonly point: ResolvedPoint } | undefined;
  /** The views of one kind at the boundary, ordered by id. */
  views<View>(kind: ItemKind): View[];
  /** How an item moved since the previous meeting; undefined when there is none to compare with. */
  movementOf(kind: ItemKind, id: string): ItemMovement | undefined;
  /** True when the item was not on the register at the previous meeting. */
  isNew(id: string): boolean;
}

/**
 * The register as CCAG #`number` froze it. A held meeting is read at its recorded boundary;
 * a meeting only scheduled is read as the register stands now (a draft of its pack).
 */
export function packContext(register: Register, number: number): PackContext {
  const found = register.itemsAt.item(meetingId(number));
  if (!found) throw new NotFoundError('Meeting', `CCAG #${number}`);
  const now = found.view as MeetingView;
  const point = now.status === 'Held' ? register.itemsAt.resolve({ meeting: number }) : register.itemsAt.resolve(undefined);
  // The boundary is the log just before the meeting was held: its own record is read as held.
  const meeting = now;
  const held = register.itemsAt
    .items('meeting', point.seq)
    .map((m) => m.view as MeetingView)
    .filter((m) => m.status === 'Held' && m.number < number)
    .sort((a, b) => b.number - a.number);
  const before = held[0];
  const previous = before ? { meeting: before, point: register.itemsAt.resolve({ meeting: before.number }) } : undefined;

  const viewCache = new Map<ItemKind, unknown[]>();
  const movementCache = new Map<ItemKind, Map<string, ItemMovement>>();
  const movementsOf = (kind: ItemKind) => {
    let byId = movementCache.get(kind);
    if (!byId) {
      byId = new Map();
      if (previous) for (const m of register.movement(previous.point, point, { kinds: [kind] }).items) byId.set(m.id, m);
      movementCache.set(kind, byId);
    }
    return byId;
  };
  return {
    rules: register.rules,
    meeting,
    point,
    previous,
    views<View>(kind: ItemKind): View[] {
      let views = viewCache.get(kind);
      if (!views) {
        views = register.itemsAt.items(kind, point.seq).map((item) => item.view);
        viewCache.set(kind, views);
      }
      return views as View[];
    },
    movementOf: (kind, id) => movementsOf(kind).get(id),
    isNew: (id) => previous !== undefined && register.itemsAt.item(id, previous.point.seq) === undefined,
  };
}
