import { changeProposalReport } from './report.ts';
import { displayOrderLine } from '../core/display-order.ts';
import { changeProposalSheet } from './sheet.ts';
import type { ItemPresenter, MovementLine } from '../core/presenter.ts';
import { containsText, inListIgnoringCase } from '../core/presenter.ts';
import { plannedDateObject } from '../core/phrases.ts';
import { formatPlannedDate } from '../../schema/planned-date-text.ts';
import type { PlannedDate } from '../../schema/values.ts';
import { changeProposalStatus } from '../../schema/values.ts';
import { changeProposalViewSchema, isClosed, type ChangeProposalView } from './view.ts';

/** How the pack shows a change proposal's decision date: full-year days ("11/12/2024"). */
function decisionDateText(date: PlannedDate): string {
  if (date.kind === 'date') {
    const [y, m, d] = date.date.split('-');
    return `${d}/${m}/${y}`;
  }
  return formatPlannedDate(date);
}

export const changeProposalPresenter: ItemPresenter<ChangeProposalView> = {
  viewSchema: changeProposalViewSchema,
  names: { plural: 'change proposals', file: 'change-proposals', aliases: ['cp'] },
  graphql: {
    typeName: 'ChangeProposal',
    kindEnum: 'CHANGE_PROPOSAL',
    one: 'changeProposal',
    list: 'changeProposals',
    relatesChangeProposals: true,
    movementField: 'horizonScanning',
    // The pack's Horizon Scanning Log splits new proposals from existing ones.
    movementSection: (items: readonly MovementLine[]) => ({
      new: items.filter((p) => p.change === 'NEW'),
      existing: items.filter((p) => p.change !== 'NEW'),
    }),
  },
  ref: (cp) => cp.ref,
  label: (cp) => `${cp.codeBody} ${cp.ref}`,
  shape: (cp) => ({
    decisionDate: plannedDateObject(cp.decisionDate),
    keyDates: cp.keyDates.map((k) => ({ event: k.event, date: plannedDateObject(k.date) })),
  }),
  matches: (cp, f) =>
    (!f['codeBodies'] || (f['codeBodies'] as string[]).includes(cp.codeBody)) &&
    inListIgnoringCase(f['statuses'], cp.status) &&
    containsText(cp.mhhsImpact, f['mhhsImpact']) &&
    (!f['text'] || [cp.ref, cp.title, cp.summary].some((t) => containsText(t, f['text']))),
  describeNew: () => 'Added to the Horizon Scanning Log',
  describeChanges({ before, after, moved, say }) {
    const closure = ['status', 'withdrawal', 'statusBeforeClosure'];
    if (moved('status')) {
      if (after.status === 'Withdrawn') say('Withdrawn', ...closure);
      else if (isClosed(before.status) && !isClosed(after.status)) say(`Reinstated as ${after.status}`, ...closure);
      else say(`Status changed from ${before.status} to ${after.status}`, ...closure);
    } else if (moved('withdrawal') && after.withdrawal !== null) {
      say('Withdrawn', ...closure);
    }
    if (moved('decisionDate')) {
      say(`Decision date moved from ${decisionDateText(before.decisionDate)} to ${decisionDateText(after.decisionDate)}`, 'decisionDate');
    }
    if (moved('updates')) {
      const added = after.updates.length - before.updates.length;
      say(added === 1 ? 'Update added' : added > 1 ? `${added} updates added` : 'Updates revised', 'updates');
    }
    if (moved('title')) say('Title revised', 'title');
    if (moved('summary')) say('Summary revised', 'summary');
    if (moved('stakeholderPositions')) say('Stakeholder positions revised', 'stakeholderPositions');
    if (moved('mhhsImpact')) say(`MHHS impact changed to "${after.mhhsImpact}"`, 'mhhsImpact');
    if (moved('keyDates')) say('Key dates revised', 'keyDates');
    if (moved('displayOrder')) say(displayOrderLine(before.displayOrder, after.displayOrder), 'displayOrder');
    if (moved('release')) say(after.release ? `Assigned to release ${after.release}` : 'Removed from its release', 'release');
  },
  classify: (after, moved) => (after.status === 'Withdrawn' && (moved('status') || moved('withdrawal')) ? 'WITHDRAWN' : 'CHANGED'),
  codeBodyOf: (data) => (typeof data['codeBody'] === 'string' ? data['codeBody'] : undefined),
  reportTables: changeProposalReport,
  sheet: changeProposalSheet,
  statuses: () => changeProposalStatus.options,
};
