import type { ItemModule } from '../core/decider.ts';
import type { ItemRegistry } from '../core/registry.ts';
import { NotFoundError, ValidationError } from '../core/errors.ts';
import { meetingId } from '../../schema/ids.ts';
import type { ItemMovement, Movement } from '../../projections/movement/movement.ts';
import type { LogEntry } from '../../projections/log-index/queries.ts';
import type { ItemVersion, ResolvedPoint } from '../../projections/register/queries.ts';
import type { MeetingView } from '../meeting/view.ts';
import type { MovementLine } from '../core/presenter.ts';
import { reasonOf } from '../core/corrections.ts';
import { statusesOfCodeBody } from '../../schema/rules.ts';
import { requireAuditor, requireReader } from '../access.ts';
import type { ApiContext } from './context.ts';
import { guard } from './guard.ts';
import { readSignal, slicedPause } from './deadline.ts';
import { shapeContextOf } from './mutation.ts';
import { resolvePointInput, type BitemporalPoint, type PointInput } from './points.ts';
import { toItemObject, type ItemObject } from './views.ts';
import { findItem } from './item-ids.ts';

type Filter = Record<string, unknown> | null | undefined;

/** The day a point stands at, for "overdue": a meeting's date, a time's day, or today. */
function dayAt(context: ApiContext, point: ResolvedPoint | undefined): string {
  if (point?.meeting !== undefined) {
    const meeting = context.register.itemsAt.item(meetingId(point.meeting))?.view as MeetingView | undefined;
    const day = meeting?.heldOn ?? meeting?.date;
    if (day) return day;
  }
  return point?.recordedAt?.slice(0, 10) ?? context.register.today();
}

function listOf(module: ItemModule) {
  const { presenter } = module;
  const compare = presenter.graphql.compare;
  return guard(async (_root: unknown, args: { filter?: Filter; at?: PointInput | null }, context: ApiContext) => {
    requireReader(context.caller(), context.config.openReads);
    const point = resolvePointInput(context.register, args.at, 'at', { requireHistory: true });
    const shape = { ...shapeContextOf(context), today: dayAt(context, point) };
    let items: readonly ItemObject[] = point
      ? point.effective
        ? itemsAt(context, module, point).map((item) => toItemObject(item, shape, point.seq))
        : await context.points.answer(`${module.kind} at ${point.seq} on ${shape.today}`, readSignal(context), async () =>
            itemsAt(context, module, point).map((item) => toItemObject(item, shape, point.seq)),
          )
      : context.current.of(module.kind, shape);
    const filter = args.filter;
    if (filter && presenter.matches) items = items.filter((item) => presenter.matches!(item, filter));
    // Lists kept for the register now are shared: sort a copy.
    return compare ? [...items].sort((a, b) => compare(a, b)) : items;
  });
}

/** The items of a kind at a point: as recorded, or as effective on its date (known at its seq). */
function itemsAt(context: ApiContext, module: ItemModule, point: BitemporalPoint): ItemVersion[] {
  return point.effective
    ? [...effectiveItems(context, module, point).values()].sort((a, b) => (a.id < b.id ? -1 : 1))
    : context.register.itemsAt.items(module.kind, point.seq);
}

function effectiveItems(context: ApiContext, module: ItemModule, point: BitemporalPoint) {
  return context.register.effective.items([module.kind], point.seq, point.effective!);
}

function oneOf(module: ItemModule) {
  return guard((_root: unknown, args: { id: string; at?: PointInput | null }, context: ApiContext) => {
    requireReader(context.caller(), context.config.openReads);
    const point = resolvePointInput(context.register, args.at, 'at');
    const known = findItem(context, module, args.id, point?.seq);
    const item = known && point?.effective ? effectiveItems(context, module, point).get(known.id) : known;
    return item ? toItemObject(item, { ...shapeContextOf(context), today: dayAt(context, point) }, point?.seq) : null;
  });
}

function logEvent(entry: LogEntry) {
  return {
    ...entry,
    reason: reasonOf(entry.reason, entry.data),
    prevHash: (entry.metadata['prevHash'] as string | null | undefined) ?? null,
    hash: (entry.metadata['hash'] as string | undefined) ?? null,
  };
}

function movementLine(items: ItemRegistry, m: ItemMovement): MovementLine {
  return {
    id: m.id,
    kind: m.kind,
    ref: items.presenterOf(m.kind).ref(m.after.view),
    change: m.change,
    fields: m.fields,
    summary: m.summary,
    versionBefore: m.before?.version ?? null,
    versionAfter: m.after.version,
  };
}

/** The queries of every kind in the registry, and the register-wide ones. */
export function queryResolvers(items: ItemRegistry) {
  const perKind = Object.fromEntries(
    items.modules.flatMap((module): [string, unknown][] => [
      [module.presenter.graphql.list, listOf(module)],
      [module.presenter.graphql.one, oneOf(module)],
    ]),
  );
  return {
    ...perKind,
    movement: guard(async (_root: unknown, args: { from: PointInput; to?: PointInput | null }, context: ApiContext) => {
      requireReader(context.caller(), context.config.openReads);
      const from = resolvePointInput(context.register, args.from, 'from')!;
      const to = resolvePointInput(context.register, args.to, 'to') ?? context.register.itemsAt.resolve(undefined);
      const sectionsOf = (movement: Movement) => {
        const sections = Object.fromEntries(
          items.modules.map(({ kind, presenter }) => {
            const lines = movement.items.filter((i) => i.kind === kind).map((m) => movementLine(items, m));
            const field = presenter.graphql.movementField ?? presenter.graphql.list;
            return [field, presenter.graphql.movementSection ? presenter.graphql.movementSection(lines) : lines];
          }),
        );
        return { ...sections, corrections: movement.corrections };
      };
      if (from.effective || ('effective' in to && to.effective)) {
        const movement = context.register.effective.movement(from, to);
        return { from: movement.from, to: movement.to, ...sectionsOf(movement) };
      }
      // As recorded, kept by seq: the points themselves (how the caller named them) are the caller's.
      const moved = await context.points.answer(`movement ${from.seq} to ${to.seq}`, readSignal(context), async (signal) =>
        sectionsOf(await context.register.movementInSteps(from, to, slicedPause(signal))),
      );
      return { from, to, ...moved };
    }),
    history: guard(async (_root: unknown, args: { id: string; first?: number | null; after?: string | null }, context: ApiContext) => {
      requireReader(context.caller(), context.config.openReads);
      if (args.first !== undefined && args.first !== null && (args.first < 1 || args.first > 1000)) {
        throw new ValidationError([{ path: ['first'], message: 'must be from 1 to 1000' }]);
      }
      const after = args.after ?? undefined;
      const entries = await context.register.log.history(args.id, { after, first: args.first ?? undefined });
      // Past the last page of an item that exists is an empty page, not an unknown item.
      if (entries.length === 0 && (after === undefined || !context.register.itemsAt.item(args.id)))
        throw new NotFoundError('Item', args.id);
      return entries.map(logEvent);
    }),
    events: guard(async (_root: unknown, args: { after?: string | null; first?: number | null }, context: ApiContext) => {
      requireAuditor(context.caller());
      const first = Math.min(Math.max(args.first ?? 100, 0), 1000);
      const page = await context.register.log.page(args.after ?? undefined, first);
      return {
        events: page.entries.map(logEvent),
        endPosition: page.entries.at(-1)?.position ?? args.after ?? null,
        hasMore: page.hasMore,
      };
    }),
    point: guard((_root: unknown, args: { at?: PointInput | null }, context: ApiContext) => {
      requireReader(context.caller(), context.config.openReads);
      return resolvePointInput(context.register, args.at, 'at') ?? context.register.itemsAt.resolve(undefined);
    }),
    readModelStatus: guard(async (_root: unknown, _args: unknown, context: ApiContext) => {
      requireReader(context.caller(), context.config.openReads);
      const { failure: _failure, ...report } = await context.register.status();
      return { ...report, state: report.state.toUpperCase() };
    }),
    vocabulary: guard((_root: unknown, _args: unknown, context: ApiContext) => {
      requireReader(context.caller(), context.config.openReads);
      return vocabularyOf(items, context);
    }),
    viewer: guard((_root: unknown, _args: unknown, context: ApiContext) => {
      const caller = context.caller();
      const canWrite = caller.role === 'editor' || caller.role === 'secretariat';
      const canAudit = caller.role === 'auditor' || caller.role === 'secretariat';
      return { principal: caller.principal, role: caller.role, codeBodies: caller.codeBodies, canWrite, canAudit };
    }),
  };
}

/** The configured vocabulary, with the statuses each kind of item can have. */
function vocabularyOf(items: ItemRegistry, context: ApiContext) {
  const rules = context.config.rules;
  return {
    ...rules,
    codeBodies: rules.codeBodies.map((body) => ({ ...body, statuses: statusesOfCodeBody(rules, body.code) })),
    statuses: items.modules.flatMap(({ presenter }) =>
      presenter.statuses ? [{ kind: presenter.graphql.kindEnum, statuses: presenter.statuses(rules) }] : [],
    ),
  };
}
