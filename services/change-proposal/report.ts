import { byViewKey, cellPlanned, omittedNote, type ReportContext, type ReportedItem, type ReportTable } from '../core/report.ts';
import { writtenUpdate } from './update-wording.ts';
import { isClosed, type ChangeProposalView } from './view.ts';
import { placedFirst } from '../core/display-order.ts';

const columns = ['Change', 'Title', 'Status', 'Decision date', 'MHHS impact', 'What changed'];

/** Updates added between the points, as the pack prints them: "Update 20/11 – ...". */
function newUpdates(m: ReportedItem<ChangeProposalView>): string[] {
  if (m.change === 'NEW' || !m.fields.some((f) => f.field === 'updates')) return [];
  const before = m.before?.view.updates ?? [];
  return m.after.view.updates.slice(before.length).map(writtenUpdate);
}

/** The Horizon Scanning Log, new and existing, as the pack splits it. */
export function changeProposalReport(items: readonly ReportedItem<ChangeProposalView>[], { since }: ReportContext): ReportTable[] {
  const closedUnchanged = items.filter((m) => m.change === 'UNCHANGED' && isClosed(m.after.view.status));
  // By code body; within one, in the log's own order where its CPs are placed.
  const byCodeBody = byViewKey<ChangeProposalView>((cp) => cp.codeBody);
  const inLogOrder = placedFirst<ReportedItem<ChangeProposalView>>(
    (m) => m.after.view.displayOrder,
    byViewKey((cp) => cp.ref),
  );
  const shown = items.filter((m) => !closedUnchanged.includes(m)).sort((a, b) => byCodeBody(a, b) || inLogOrder(a, b));
  const row = (m: ReportedItem<ChangeProposalView>) => {
    const cp = m.after.view;
    return [
      `${cp.codeBody} ${cp.ref}`,
      cp.title,
      cp.status,
      cellPlanned(cp.decisionDate),
      cp.mhhsImpact,
      [...m.summary, ...newUpdates(m)].join('\n'),
    ];
  };
  return [
    { title: 'Horizon Scanning Log: new', columns, rows: shown.filter((m) => m.change === 'NEW').map(row), notes: [] },
    {
      title: 'Horizon Scanning Log: existing',
      columns,
      rows: shown.filter((m) => m.change !== 'NEW').map(row),
      notes: omittedNote(closedUnchanged.length, 'withdrawn or rejected change proposal', since),
    },
  ];
}
