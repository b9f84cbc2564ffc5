import type { ItemKind } from '../core/decider.ts';
import { NotFoundError } from '../core/errors.ts';
import { kindOfItemId, meetingId } from '../../schema/ids.ts';
import { computeMovement, type ItemMovement } from '../../projections/movement/movement.ts';
import type { LogEntry } from '../../projections/log-index/queries.ts';
import type { ResolvedPoint } from '../../projections/register/queries.ts';
import { verifyChains } from '../core/verify.ts';
import { verifyMeetingDigests } from '../verification.ts';
import { requireAuditor, requireReader } from '../access.ts';
import type { ApiContext } from './context.ts';
import { guard } from './guard.ts';
import { resolvePointInput, type PointInput } from './points.ts';
import { refOf, toItemObject, type ItemObject } from './views.ts';

type Filter = Record<string, unknown> | null | undefined;

const contains = (haystack: unknown, needle: string) =>
  typeof haystack === 'string' && haystack.toLowerCase().includes(needle.toLowerCase());

const filters: Record<Exclude<ItemKind, 'meeting'>, (item: ItemObject, filter: Record<string, unknown>) => boolean> = {
  changeProposal: (cp, f) =>
    (!f['codeBodies'] || (f['codeBodies'] as string[]).includes(cp['codeBody'] as string)) &&
    (!f['statuses'] || (f['statuses'] as string[]).includes(cp['status'] as string)) &&
    (!f['mhhsImpact'] || contains(cp['mhhsImpact'], f['mhhsImpact'] as string)) &&
    (!f['text'] || ['ref', 'title', 'summary'].some((k) => contains(cp[k], f['text'] as string))),
  milestone: (m, f) =>
    (!f['workstreams'] || (f['workstreams'] as string[]).includes(m['workstream'] as string)) &&
    (!f['statuses'] || (f['statuses'] as string[]).includes(m['status'] as string)) &&
    (!f['ref'] || m['ref'] === f['ref']),
  risk: (r, f) =>
    (!f['bands'] || (f['bands'] as string[]).includes(r['band'] as string)) && (!f['status'] || r['status'] === f['status']),
  action: (a, f) =>
    (!f['statuses'] || (f['statuses'] as string[]).includes(a['status'] as string)) &&
    (!f['owner'] || contains((a['owner'] as { text: string }).text, f['owner'] as string)) &&
    (f['overdue'] === undefined || f['overdue'] === null || a['overdue'] === f['overdue']),
};

/** The day a point stands at, for "overdue": a meeting's date, a time's day, or today. */
function dayAt(context: ApiContext, point: ResolvedPoint | undefined): string {
  if (point?.meeting !== undefined) {
    const meeting = context.register.queries.item(meetingId(point.meeting));
    const day = meeting?.view['heldOn'] ?? meeting?.view['date'];
    if (typeof day === 'string') return day;
  }
  return (point?.recordedAt ?? new Date().toISOString()).slice(0, 10);
}

function listOf(kind: Exclude<ItemKind, 'meeting'>) {
  return guard((_root: unknown, args: { filter?: Filter; at?: PointInput | null }, context: ApiContext) => {
    requireReader(context.caller(), context.config.openReads);
    const point = resolvePointInput(context.register, args.at, 'at');
    const today = dayAt(context, point);
    const items = point
      ? context.register.queries.items(kind, point.seq).map((item) => toItemObject(item, context.config.rules, point.seq, today))
      : context.current.of(kind, today);
    return args.filter ? items.filter((item) => filters[kind](item, args.filter!)) : items;
  });
}

function oneOf(kind: ItemKind) {
  return guard((_root: unknown, args: { id: string; at?: PointInput | null }, context: ApiContext) => {
    requireReader(context.caller(), context.config.openReads);
    const point = resolvePointInput(context.register, args.at, 'at');
    if (kindOfItemId(args.id) !== kind) return null;
    const item = context.register.queries.item(args.id, point?.seq);
    return item ? toItemObject(item, context.config.rules, point?.seq, dayAt(context, point)) : null;
  });
}

function logEvent(entry: LogEntry) {
  // A correction (and a risk's closure) carries its reason in the event itself; the options' reason is in metadata.
  const dataReason = (entry.data as { reason?: unknown } | null)?.reason;
  return {
    ...entry,
    reason: entry.reason ?? (typeof dataReason === 'string' ? dataReason : null),
    prevHash: (entry.metadata['prevHash'] as string | null | undefined) ?? null,
    hash: (entry.metadata['hash'] as string | undefined) ?? null,
  };
}

function movementItem(m: ItemMovement) {
  return {
    id: m.id,
    kind: m.kind,
    ref: refOf(m.kind, m.after.view),
    change: m.change,
    fields: m.fields,
    summary: m.summary,
    versionBefore: m.before?.version ?? null,
    versionAfter: m.after.version,
  };
}

export const queryResolvers = {
  changeProposals: listOf('changeProposal'),
  changeProposal: oneOf('changeProposal'),
  milestones: listOf('milestone'),
  milestone: oneOf('milestone'),
  risks: listOf('risk'),
  risk: oneOf('risk'),
  actions: listOf('action'),
  action: oneOf('action'),
  meetings: guard((_root: unknown, _args: unknown, context: ApiContext) => {
    requireReader(context.caller(), context.config.openReads);
    return [...context.current.of('meeting', '')].sort((a, b) => (a['number'] as number) - (b['number'] as number));
  }),
  movement: guard((_root: unknown, args: { from: PointInput; to?: PointInput | null }, context: ApiContext) => {
    requireReader(context.caller(), context.config.openReads);
    const from = resolvePointInput(context.register, args.from, 'from')!;
    const to = resolvePointInput(context.register, args.to, 'to') ?? context.register.queries.resolve(undefined);
    const movement = computeMovement(context.register.readModel.db, context.register.queries, from, to);
    const of = (kind: ItemKind) => movement.items.filter((i) => i.kind === kind).map(movementItem);
    const proposals = of('changeProposal');
    return {
      from: movement.from,
      to: movement.to,
      horizonScanning: {
        new: proposals.filter((p) => p.change === 'NEW'),
        existing: proposals.filter((p) => p.change !== 'NEW'),
      },
      milestones: of('milestone'),
      risks: of('risk'),
      actions: of('action'),
      meetings: of('meeting'),
      corrections: movement.corrections,
    };
  }),
  history: guard((_root: unknown, args: { id: string }, context: ApiContext) => {
    requireReader(context.caller(), context.config.openReads);
    const entries = context.register.log.history(args.id);
    if (entries.length === 0) throw new NotFoundError('Item', args.id);
    return entries.map(logEvent);
  }),
  events: guard((_root: unknown, args: { after?: string | null; first?: number | null }, context: ApiContext) => {
    requireAuditor(context.caller());
    const first = Math.min(Math.max(args.first ?? 100, 0), 1000);
    const page = context.register.log.page(args.after ?? undefined, first);
    return {
      events: page.entries.map(logEvent),
      endPosition: page.entries.at(-1)?.position ?? args.after ?? null,
      hasMore: page.hasMore,
    };
  }),
  point: guard((_root: unknown, args: { at?: PointInput | null }, context: ApiContext) => {
    requireReader(context.caller(), context.config.openReads);
    return resolvePointInput(context.register, args.at, 'at') ?? context.register.queries.resolve(undefined);
  }),
  verification: guard(async (_root: unknown, _args: unknown, context: ApiContext) => {
    requireAuditor(context.caller());
    const chains = await verifyChains(context.register.store);
    const badDigests = chains.ok ? await verifyMeetingDigests(context.register) : [];
    return {
      ok: chains.ok && badDigests.length === 0,
      eventsChecked: chains.eventsChecked,
      streams: chains.streams,
      firstBad: chains.firstBad ? { ...chains.firstBad, eventId: chains.firstBad.id } : null,
      badDigests,
    };
  }),
  readModelStatus: guard(async (_root: unknown, _args: unknown, context: ApiContext) => {
    requireReader(context.caller(), context.config.openReads);
    return context.register.runner.lag();
  }),
  vocabulary: guard((_root: unknown, _args: unknown, context: ApiContext) => {
    requireReader(context.caller(), context.config.openReads);
    return context.config.rules;
  }),
};
