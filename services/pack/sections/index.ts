import type { PackContext } from '../context.ts';
import { reportingItems, workstreamsByItem } from '../layout.ts';
import type { PackBlock, PackSection } from '../model.ts';
import { actionsSection } from './actions.ts';
import { agendaSection } from './agenda.ts';
import { coverSection } from './cover.ts';
import { withLead } from './lead.ts';
import { horizonScanningSection, keyDateTables, releasesSection } from './horizon-scanning.ts';
import { milestoneTable } from './milestones.ts';
import { nextStepsSection } from './next-steps.ts';
import { riskThemesTable } from './risk-themes.ts';
import { riskTable } from './risks.ts';
import { workstreamSlideTitle, workstreamSummaryTable } from './workstream-summary.ts';

/**
 * A reporting item's page, per workstream as the pack has it: the workstream's summary (its
 * report to this meeting), its milestone table, then the key dates of its code body. Each is
 * headed with the workstream's slide title, as the pack's slides are; the milestone table
 * under its summary shares the summary's. The programme's page ends with the risk themes and
 * the key risks.
 */
function reportingSection(ctx: PackContext, item: (typeof reportingItems)[number], workstreams: readonly string[]): PackSection {
  const blocks: PackBlock[] = [];
  for (const id of workstreams) {
    const title = workstreamSlideTitle(ctx, id);
    const summary = workstreamSummaryTable(ctx, id);
    if (summary) blocks.push(summary);
    const table = milestoneTable(ctx, id, { weekday: item.weekday, ...(summary ? {} : { title }) });
    if (table) blocks.push(table);
    const codeBody = ctx.rules.workstreams.find((w) => w.id === id)?.codeBody;
    if (codeBody) blocks.push(...keyDateTables(ctx, codeBody, title));
  }
  if (item.id === 'reporting') {
    const themes = riskThemesTable(ctx);
    if (themes) blocks.push(themes);
    blocks.push(riskTable(ctx));
  }
  if (blocks.length === 0) blocks.push({ kind: 'text', text: 'Nothing on the register for this item.' });
  return { id: item.id, title: item.title, blocks };
}

/** The pack's register sections in the pack's order (the last page is added by the builder). */
export function packSections(ctx: PackContext): PackSection[] {
  const byItem = workstreamsByItem(ctx.rules.workstreams.map((w) => w.id));
  const releases = releasesSection(ctx);
  const sections = [
    coverSection(ctx),
    agendaSection(ctx),
    actionsSection(ctx),
    horizonScanningSection(ctx),
    ...(releases ? [releases] : []),
    ...reportingItems.map((item) => reportingSection(ctx, item, byItem.get(item.id) ?? [])),
    nextStepsSection(ctx),
  ];
  return sections.map((section) => withLead(ctx, section));
}
