import { slotMinutes } from '../../meeting/agenda.ts';
import type { PackContext } from '../context.ts';
import { agendaItemOfSection } from '../layout.ts';
import type { PackSection, PackSectionLead } from '../model.ts';

/**
 * What the agenda says of the item a section belongs to, as the pack opens the item's pages
 * ("INFORMATION: Summarise meeting actions ...", "Chair & Secretariat", "5 mins"). A section whose item
 * the agenda does not have, or has without any of it, opens without a lead.
 */
export function withLead(ctx: PackContext, section: PackSection): PackSection {
  const pattern = agendaItemOfSection[section.id];
  const item = pattern ? ctx.meeting.agenda.find((i) => pattern.test(i.title)) : undefined;
  if (!item || (!item.objective && !item.type && !item.lead && !item.time)) return section;
  const lead: PackSectionLead = {
    ...(item.type ? { type: item.type } : {}),
    ...(item.objective ? { objective: item.objective } : {}),
    ...(item.lead ? { lead: item.lead } : {}),
    ...(item.time ? { time: `${slotMinutes(item.time)} mins` } : {}),
  };
  return { ...section, lead };
}
