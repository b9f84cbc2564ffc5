import { isClosed, type ChangeProposalView } from '../../change-proposal/view.ts';
import { writtenUpdate } from '../../change-proposal/update-wording.ts';
import { placedFirst } from '../../core/display-order.ts';
import { codeBodiesInPackOrder, horizonScanningHeading, releasesTitle, type HorizonScanningPart } from '../layout.ts';
import type { PackContext } from '../context.ts';
import { decisionDateText, fullYearDay, longDateText } from '../dates.ts';
import { cells, type PackBlock, type PackRecord, type PackSection, type PackTable } from '../model.ts';

/** "Update 20/11 – ...": the prefix is the register's, written once (the command strips a typed one). */
export const updateText: (update: ChangeProposalView['updates'][number]) => string = writtenUpdate;

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
    const groups: { name: HorizonScanningPart; cps: ChangeProposalView[] }[] = [
      { name: 'Existing', cps: ofBody.filter((cp) => !ctx.isNew(cp.id)) },
      { name: 'New', cps: ofBody.filter((cp) => ctx.isNew(cp.id)) },
    ];
    for (const group of groups) {
      if (group.cps.length === 0) continue;
      blocks.push({ kind: 'text', style: 'heading', text: horizonScanningHeading(body.code, group.name) });
      blocks.push(...group.cps.map(changeProposalRecord));
    }
  }
  if (blocks.length === 0) blocks.push({ kind: 'text', text: 'No change proposals are on the log.' });
  return { id: 'horizon-scanning', title: 'Horizon Scanning Log', blocks };
}

/**
 * A release as its list is headed, "08 November 2024 –": the page's title names the code body,
 * so a name that starts with it ("REC release 08 November 2024") is printed without it.
 */
function releaseHeading(release: string, codeBodies: readonly string[]): string {
  const prefix = codeBodies.length === 1 ? `${codeBodies[0]} release ` : undefined;
  const named = prefix && release.toLowerCase().startsWith(prefix.toLowerCase()) ? release.slice(prefix.length) : release;
  return `${named} –`;
}

/** Releases with Horizon Scanning log changes included: each release and the CPs it carries. */
export function releasesSection(ctx: PackContext): PackSection | undefined {
  const released = ctx.views<ChangeProposalView>('changeProposal').filter((cp) => cp.release !== null);
  const releases = [...new Set(released.map((cp) => cp.release!))].sort();
  if (releases.length === 0) return undefined;
  const codeBodies = codeBodiesInPackOrder([...new Set(released.map((cp) => cp.codeBody))].map((code) => ({ code }))).map((b) => b.code);
  return {
    id: 'releases',
    title: releasesTitle(codeBodies),
    blocks: releases.map((release) => ({
      kind: 'list' as const,
      title: releaseHeading(release, codeBodies),
      items: released
        .filter((cp) => cp.release === release)
        .sort(inLogOrder)
        .map((cp) => `${cp.ref} - ${cp.title}`),
    })),
  };
}

/**
 * A CP's key dates (DCR0001's consultation and decision timeline) as the pack's Event/Date
 * table, headed `title` (the pack puts DCR0001's on a slide titled as its workstream's summary).
 */
export function keyDateTables(ctx: PackContext, codeBody: string, title: string): PackTable[] {
  return ctx
    .views<ChangeProposalView>('changeProposal')
    .filter((cp) => cp.codeBody === codeBody && cp.keyDates.length > 0)
    .sort(inLogOrder)
    .map((cp) => ({
      kind: 'table',
      id: `key-dates:${cp.codeBody}:${cp.ref}`,
      title,
      columns: ['Event', 'Date'],
      widths: [1, 1],
      rows: cp.keyDates.map((k) => cells(k.event, longDateText(k.date))),
    }));
}
