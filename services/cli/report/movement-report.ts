import type { Register } from '../../register.ts';
import { formatActionOwner, type ActionOwner } from '../../action/owner.ts';
import { cellDay, cellText, type ReportTable } from '../../core/report.ts';
import type { CorrectionEntry } from '../../../projections/movement/movement.ts';
import type { Point, ResolvedPoint } from '../../../projections/register/queries.ts';
import { meetingId } from '../../../schema/ids.ts';
import type { PlannedDate } from '../../../schema/values.ts';
import type { MeetingView } from '../../meeting/view.ts';
import { formatPlannedDate, formatUkDate } from '../../../schema/planned-date-text.ts';
import { describePoint } from '../points.ts';

export type { ReportTable };

export interface MovementReport {
  readonly title: string;
  readonly tables: readonly ReportTable[];
}

/**
 * The "movement since last CCAG" tables of the pack, computed from the register between two
 * points, headed by both points' boundary positions and digests so the published report
 * pins the exact history it describes. Each kind of item with report tables gives its own,
 * in the registry's order.
 */
export async function buildMovementReport(
  register: Register,
  fromPoint: Point | undefined,
  toPoint: Point | undefined,
): Promise<MovementReport> {
  const from = register.itemsAt.resolve(fromPoint);
  const to = register.itemsAt.resolve(toPoint);
  const reported = register.items.modules.filter((m) => m.presenter.reportTables);
  const movement = register.movement(from, to, { kinds: reported.map((m) => m.kind) });
  const betweenMeetings = fromPoint !== undefined && 'meeting' in fromPoint;
  const title = betweenMeetings
    ? `Movement since last CCAG: ${describePoint(fromPoint)} → ${describePoint(toPoint)}`
    : `Register movement: ${describePoint(fromPoint)} → ${describePoint(toPoint)}`;
  const context = { rules: register.rules, since: describePoint(fromPoint) };
  return {
    title,
    tables: [
      await pointsTable(register, [
        ['From', fromPoint, from],
        ['To', toPoint, to],
      ]),
      ...reported.flatMap(({ kind, presenter }) =>
        presenter.reportTables!(
          movement.items.filter((m) => m.kind === kind),
          context,
        ),
      ),
      correctionsTable(register, movement.corrections, to),
    ],
  };
}

// ---------------------------------------------------------------- points

async function pointsTable(register: Register, points: readonly [string, Point | undefined, ResolvedPoint][]): Promise<ReportTable> {
  const rows: string[][] = [];
  for (const [label, point, resolved] of points) {
    if (point !== undefined && 'meeting' in point) {
      const meeting = register.itemsAt.item(meetingId(point.meeting))?.view as MeetingView | undefined;
      const treeHead = meeting?.treeHead;
      rows.push([
        label,
        describePoint(point),
        cellDay(meeting?.heldOn),
        cellText(meeting?.boundaryPosition),
        cellText(meeting?.digest),
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

// ---------------------------------------------------------------- corrections

/** The item as the pack names it, at the later point. */
function labelOf(register: Register, kind: string, id: string, to: ResolvedPoint): string {
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
      cellText(c.reason),
      cellText(c.actor),
      timestamp(c.recordedAt),
    ]),
    notes: corrections.length === 0 ? ['No corrections between the two points.'] : [],
  };
}

// ---------------------------------------------------------------- cell text

const isoDay = /^\d{4}-\d{2}-\d{2}$/;

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
  return cellText(v);
}

function timestamp(iso: string): string {
  return `${formatUkDate(iso.slice(0, 10))} ${iso.slice(11, 16)} UTC`;
}
