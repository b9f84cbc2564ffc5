import { isClosed, type ChangeProposalView } from '../../change-proposal/view.ts';
import { placedFirst } from '../../core/display-order.ts';
import { codeBodiesInPackOrder } from '../layout.ts';
import type { PackContext } from '../context.ts';
import { decisionDateText, formatUkDate, fullYearDay, longDateText } from '../dates.ts';
import { cells, type PackBlock, type PackRecord, type PackSection, type PackTable } from '../model.ts';

/** "Update 20/11 – ...": the prefix is the register's, written once (the command strips a typed one). */
export function updateText(update: ChangeProposalView['updates'][number]): string {
  return `Update ${formatUkDate(update.on).slice(0, 5)} – ${update.text}`;
}

/** One CP as the pack's block: title, summary with its dated updates, positions, then the four facts. */
export function changeProposalRecord(cp: ChangeProposalView): PackRecord {
  return {
    kind: 'record',
    id: `cp:${cp.codeBody}:${cp.ref}`,
    lines: [
      [{ label: 'Change Title', value: `${cp.ref} – ${cp.title}` }],
      [{ label: 'Change Summary', value: [cp.summary, ...cp.updates.map(updateText)].join('\n') }],
      [{ label: 'Stakeholder positions', value: cp.stakeholderPositions ?? 'TBC' }],
      [
        { label: 'Date raised', value: fullYearDay(cp.raisedOn) },
        { label: 'Status', value: cp.status },
        { label: 'Decision date', value: decisionDateText(cp.decisionDate) },
        { label: 'MHHS Impact', value: cp.mhhsImpact },
      ],
    ],
  };
}

/** Implemented CPs have left the log for the releases that carried them. */
const onTheLog = (cp: ChangeProposalView) => cp.status !== 'Implemented';

const byRaised = (a: ChangeProposalView, b: ChangeProposalView) =>
  a.raisedOn.localeCompare(b.raisedOn) || a.ref.localeCompare(b.ref, 'en', { numeric: true });

/** The log's own order where its CPs are placed (the pack's order is not a sort); unplaced ones after, by date raised. */
const inLogOrder = placedFirst<ChangeProposalView>((cp) => cp.displayOrder, byRaised);

/**
 * The Horizon Scanning Log per code body, in the pack's order (layout.ts): the CPs on the log at
 * the meeting that were already there at the last one ("Existing"), then those added since
 * ("New"). A CP closed before the last meeting and unchanged since is no longer shown.
 */
export function horizonScanningSection(ctx: PackContext): PackSection {
  const shown = ctx
    .views<ChangeProposalView>('changeProposal')
    .filter(onTheLog)
    .filter((cp) => !(isClosed(cp.status) && ctx.movementOf('changeProposal', cp.id)?.change === 'UNCHANGED'));
  const blocks: PackBlock[] = [];
  for (const body of codeBodiesInPackOrder(ctx.rules.codeBodies)) {
    const ofBody = shown.filter((cp) => cp.codeBody === body.code).sort(inLogOrder);
    if (ofBody.length === 0) continue;
    const groups = [
      { name: 'Existing', cps: ofBody.filter((cp) => !ctx.isNew(cp.id)) },
      { name: 'New', cps: ofBody.filter((cp) => ctx.isNew(cp.id)) },
    ];
    for (const group of groups) {
      if (group.cps.length === 0) continue;
      blocks.push({ kind: 'text', style: 'heading', text: `${body.code} Change Updates: ${group.name}` });
      blocks.push(...group.cps.map(changeProposalRecord));
    }
  }
  if (blocks.length === 0) blocks.push({ kind: 'text', text: 'No change proposals are on the log.' });
  return { id: 'horizon-scanning', title: 'Horizon Scanning Log', blocks };
}

/** Releases with Horizon Scanning Log changes included: each release and the CPs it carries. */
export function releasesSection(ctx: PackContext): PackSection | undefined {
  const released = ctx.views<ChangeProposalView>('changeProposal').filter((cp) => cp.release !== null);
  const releases = [...new Set(released.map((cp) => cp.release!))].sort();
  if (releases.length === 0) return undefined;
  return {
    id: 'releases',
    title: 'Releases with Horizon Scanning Log changes included',
    blocks: releases.map((release) => ({
      kind: 'list' as const,
      title: release,
      items: released
        .filter((cp) => cp.release === release)
        .sort(inLogOrder)
        .map((cp) => `${cp.ref} - ${cp.title}`),
    })),
  };
}

/** A CP's key dates (DCR0001's consultation and decision timeline) as the pack's Event/Date table. */
export function keyDateTables(ctx: PackContext, codeBody: string): PackTable[] {
  return ctx
    .views<ChangeProposalView>('changeProposal')
    .filter((cp) => cp.codeBody === codeBody && cp.keyDates.length > 0)
    .sort(inLogOrder)
    .map((cp) => ({
      kind: 'table',
      id: `key-dates:${cp.codeBody}:${cp.ref}`,
      title: `${cp.ref} key dates`,
      columns: ['Event', 'Date'],
      widths: [1, 1],
      rows: cp.keyDates.map((k) => cells(k.event, longDateText(k.date))),
    }));
}
