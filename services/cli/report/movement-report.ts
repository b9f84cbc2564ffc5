import type { ItemKind } from '../../core/decider.ts';
import type { Register } from '../../register.ts';
import { formatActionOwner, type ActionOwner } from '../../action/owner.ts';
import type { CorrectionEntry, ItemMovement } from '../../../projections/movement/movement.ts';
import type { Point, ResolvedPoint } from '../../../projections/register/queries.ts';
import { meetingId } from '../../../schema/ids.ts';
import { riskBandOf } from '../../../schema/rules.ts';
import type { PlannedDate } from '../../../schema/values.ts';
import { formatPlannedDate, formatUkDate, plannedDateSortKey } from '../../../schema/planned-date-text.ts';
import { describePoint } from '../points.ts';

/** A table as the pack lays it out; every cell is plain text (renderers escape it). */
export interface ReportTable {
  readonly title: string;
  readonly columns: readonly string[];
  readonly rows: readonly (readonly string[])[];
  readonly notes: readonly string[];
}

export interface MovementReport {
  readonly title: string;
  readonly tables: readonly ReportTable[];
}

type View = Record<string, unknown>;

const reportedKinds: readonly ItemKind[] = ['changeProposal', 'milestone', 'risk', 'action'];

/**
 * The "movement since last CCAG" tables of the pack, computed from the register between two
 * points, headed by both points' boundary positions and digests so the published report
 * pins the exact history it describes.
 */
export async function buildMovementReport(register: Register, fromPoint: Point | undefined, toPoint: Point | undefined): Promise<MovementReport> {
  const from = register.itemsAt.resolve(fromPoint);
  const to = register.itemsAt.resolve(toPoint);
  const movement = register.movement(from, to, { kinds: reportedKinds });
  const byKind = (kind: ItemKind) => movement.items.filter((m) => m.kind === kind);
  const betweenMeetings = fromPoint !== undefined && 'meeting' in fromPoint;
  const title = betweenMeetings
    ? `Movement since last CCAG: ${describePoint(fromPoint)} → ${describePoint(toPoint)}`
    : `Register movement: ${describePoint(fromPoint)} → ${describePoint(toPoint)}`;
  return {
    title,
    tables: [
      await pointsTable(register, [
        ['From', fromPoint, from],
        ['To', toPoint, to],
      ]),
      ...changeProposalTables(byKind('changeProposal'), describePoint(fromPoint)),
      ...milestoneTables(register, byKind('milestone')),
      riskTable(register, byKind('risk'), describePoint(fromPoint)),
      actionTable(byKind('action'), describePoint(fromPoint)),
      correctionsTable(register, movement.corrections, to),
    ],
  };
}

// ---------------------------------------------------------------- points

async function pointsTable(register: Register, points: readonly [string, Point | undefined, ResolvedPoint][]): Promise<ReportTable> {
  const rows: string[][] = [];
  for (const [label, point, resolved] of points) {
    if (point !== undefined && 'meeting' in point) {
      const meeting = register.itemsAt.item(meetingId(point.meeting))?.view ?? {};
      const treeHead = meeting['treeHead'];
      rows.push([
        label,
        describePoint(point),
        day(meeting['heldOn']),
        text(meeting['boundaryPosition']),
        text(meeting['digest']),
        treeHead ? JSON.stringify(treeHead) : '',
        'recorded when the meeting was held',
      ]);
    } else {
      const head = register.transparency.signedHead(resolved.seq);
      rows.push([label, describePoint(point), '', resolved.position ?? '0', head.rootHash, JSON.stringify(head), 'signed for this report']);
    }
  }
  const key = register.transparency.key;
  return {
    title: 'Register points',
    columns: ['Point', 'Register at', 'Held on', 'Boundary position', 'Digest (Merkle root)', 'Signed tree head', 'Digest'],
    rows,
    notes: [
      `Tree heads are signed with the register's Ed25519 key ${key.publicKey} (key id ${key.keyId}).`,
      "Run \"ccag verify --since '<signed tree head>'\" to prove today's log still extends a head above: nothing it covered was changed or removed.",
    ],
  };
}

// ---------------------------------------------------------------- Horizon Scanning Log

const cpColumns = ['Change', 'Title', 'Status', 'Decision date', 'MHHS impact', 'What changed'];

function changeProposalTables(items: readonly ItemMovement[], since: string): ReportTable[] {
  const closedUnchanged = items.filter((m) => m.change === 'UNCHANGED' && ['Withdrawn', 'Rejected'].includes(String(m.after.view['status'])));
  const shown = items.filter((m) => !closedUnchanged.includes(m)).sort(byView((v) => `${text(v['codeBody'])} ${text(v['ref'])}`));
  const row = (m: ItemMovement) => {
    const v = m.after.view;
    return [
      `${text(v['codeBody'])} ${text(v['ref'])}`,
      text(v['title']),
      text(v['status']),
      planned(v['decisionDate']),
      text(v['mhhsImpact']),
      [...m.summary, ...newUpdates(m)].join('\n'),
    ];
  };
  return [
    { title: 'Horizon Scanning Log: new', columns: cpColumns, rows: shown.filter((m) => m.change === 'NEW').map(row), notes: [] },
    {
      title: 'Horizon Scanning Log: existing',
      columns: cpColumns,
      rows: shown.filter((m) => m.change !== 'NEW').map(row),
      notes: omitted(closedUnchanged.length, 'withdrawn or rejected change proposal', since),
    },
  ];
}

/** Updates added between the points, as the pack prints them: "Update 20/11 – ...". */
function newUpdates(m: ItemMovement): string[] {
  if (m.change === 'NEW' || !m.fields.some((f) => f.field === 'updates')) return [];
  const before = (m.before?.view['updates'] as { on: string; text: string }[] | undefined) ?? [];
  const after = (m.after.view['updates'] as { on: string; text: string }[] | undefined) ?? [];
  return after.slice(before.length).map((u) => `Update ${formatUkDate(u.on).slice(0, 5)} – ${u.text}`);
}

// ---------------------------------------------------------------- milestones

const milestoneColumns = ['Mstn Ref', 'Drafting Milestones', 'Baseline date', 'Forecast date', 'Status', 'Movement'];

function milestoneTables(register: Register, items: readonly ItemMovement[]): ReportTable[] {
  const known = register.rules.workstreams.map((w) => ({ id: w.id, name: w.name }));
  const others = [...new Set(items.map((m) => String(m.after.view['workstream'])))]
    .filter((id) => !known.some((w) => w.id === id))
    .map((id) => ({ id, name: id }));
  return [...known, ...others]
    .map((workstream) => ({ workstream, rows: items.filter((m) => m.after.view['workstream'] === workstream.id) }))
    .filter(({ rows }) => rows.length > 0)
    .map(({ workstream, rows }) => ({
      title: `Milestones: ${workstream.name}`,
      columns: milestoneColumns,
      rows: [...rows].sort(byMilestoneDate).map((m) => {
        const v = m.after.view;
        return [text(v['ref']), text(v['description']), planned(v['baselineDate']), planned(v['forecastDate']), text(v['status']), m.summary.join('\n')];
      }),
      notes: [],
    }));
}

function byMilestoneDate(a: ItemMovement, b: ItemMovement): number {
  const key = (m: ItemMovement) => plannedDateSortKey(m.after.view['baselineDate'] as PlannedDate) ?? '9999';
  return key(a).localeCompare(key(b)) || String(a.after.view['key']).localeCompare(String(b.after.view['key']), 'en', { numeric: true });
}

// ---------------------------------------------------------------- risks

function riskTable(register: Register, items: readonly ItemMovement[], since: string): ReportTable {
  const closedUnchanged = items.filter((m) => m.change === 'UNCHANGED' && m.after.view['status'] === 'Closed');
  const shown = items
    .filter((m) => !closedUnchanged.includes(m))
    .sort((a, b) => Number(b.change === 'NEW') - Number(a.change === 'NEW') || score(b) - score(a) || a.id.localeCompare(b.id, 'en', { numeric: true }));
  return {
    title: 'Top Programme Risks related to CCAG',
    columns: ['Risk ID', 'Risk Description', 'Score', 'Band', 'Current score movement since last CCAG', 'Mitigation Plan'],
    rows: shown.map((m) => {
      const v = m.after.view;
      const closed = v['status'] === 'Closed' ? ' (closed)' : '';
      return [
        text(v['riskId']),
        text(v['description']),
        `${score(m)}${closed}`,
        riskBandOf(register.rules, score(m)),
        m.summary.join('\n'),
        ((v['mitigationPlan'] as string[] | undefined) ?? []).map((step, i) => `${i + 1}) ${step}`).join('\n'),
      ];
    }),
    notes: omitted(closedUnchanged.length, 'closed risk', since),
  };
}

const score = (m: ItemMovement) => Number(m.after.view['score']);

// ---------------------------------------------------------------- actions

function actionTable(items: readonly ItemMovement[], since: string): ReportTable {
  const closedUnchanged = items.filter((m) => m.change === 'UNCHANGED' && m.after.view['status'] === 'Closed');
  const shown = items.filter((m) => !closedUnchanged.includes(m)).sort(byView((v) => String(v['ref'])));
  return {
    title: 'Actions',
    columns: ['Ref', 'Date Raised', 'Action', 'Owner', 'Due Date', 'Update', 'Status/Movement'],
    rows: shown.map((m) => {
      const v = m.after.view;
      const status = String(v['status']);
      const movement = m.summary.filter((line) => line !== status);
      return [
        text(v['ref']),
        day(v['raisedOn']),
        text(v['text']),
        formatActionOwner(v['owner'] as ActionOwner),
        day(v['dueDate']),
        text(v['update']),
        [status, ...movement].join('\n'),
      ];
    }),
    notes: omitted(closedUnchanged.length, 'closed action', since),
  };
}

// ---------------------------------------------------------------- corrections

/** The item as the pack names it, at the later point. */
function labelOf(register: Register, kind: ItemKind, id: string, to: ResolvedPoint): string {
  const view = register.itemsAt.item(id, to.seq)?.view;
  return view ? register.items.presenterOf(kind).label(view) : id;
}

function correctionsTable(register: Register, corrections: readonly CorrectionEntry[], to: ResolvedPoint): ReportTable {
  return {
    title: 'Corrections (data-entry fixes, not movement)',
    columns: ['Item', 'Correction', 'Fields', 'Reason', 'By', 'Recorded'],
    rows: corrections.map((c) => [
      labelOf(register, c.kind, c.id, to),
      c.eventType,
      c.fields.map((f) => `${f.field}: ${value(f.from)} → ${value(f.to)}`).join('\n'),
      text(c.reason),
      text(c.actor),
      timestamp(c.recordedAt),
    ]),
    notes: corrections.length === 0 ? ['No corrections between the two points.'] : [],
  };
}

// ---------------------------------------------------------------- cell text

const isoDay = /^\d{4}-\d{2}-\d{2}$/;

function text(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  return typeof v === 'number' || typeof v === 'boolean' ? String(v) : JSON.stringify(v);
}

/** Days as the pack prints them, dd/mm/yy. */
function day(v: unknown): string {
  return typeof v === 'string' && isoDay.test(v) ? formatUkDate(v) : text(v);
}

function planned(v: unknown): string {
  return v && typeof v === 'object' ? formatPlannedDate(v as PlannedDate, 'uk') : text(v);
}

/** A corrected field's value in the pack's terms. */
function value(v: unknown): string {
  if (v === null || v === undefined) return '(none)';
  if (typeof v === 'string') return isoDay.test(v) ? formatUkDate(v) : v;
  if (Array.isArray(v)) return v.every((x) => typeof x === 'string') ? v.join('; ') : JSON.stringify(v);
  if (typeof v === 'object') {
    if ('kind' in v) return formatPlannedDate(v as PlannedDate, 'uk');
    if ('party' in v) return formatActionOwner(v as ActionOwner);
    return JSON.stringify(v);
  }
  return text(v);
}

function timestamp(iso: string): string {
  return `${formatUkDate(iso.slice(0, 10))} ${iso.slice(11, 16)} UTC`;
}

function byView(key: (v: View) => string) {
  return (a: ItemMovement, b: ItemMovement) => key(a.after.view).localeCompare(key(b.after.view), 'en', { numeric: true });
}

function omitted(count: number, what: string, since: string): string[] {
  if (count === 0) return [];
  return [`${count} ${what}${count === 1 ? '' : 's'} unchanged since ${since} ${count === 1 ? 'is' : 'are'} not shown.`];
}
