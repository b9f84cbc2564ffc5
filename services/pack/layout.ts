/*
 * Where the pack puts what: the agenda items of the CCAG #36 pack that carry register
 * tables, and the workstreams each reports. A workstream the layout does not name is
 * reported under the last item, so a new workstream is never left out of the pack.
 */

export interface ReportingItem {
  readonly id: string;
  readonly title: string;
  readonly workstreams: readonly string[];
  /** The M7 and M8 tables print a day with its weekday ("Wed 11/12/24"); the programme's does not. */
  readonly weekday: boolean;
}

export const reportingItems: readonly ReportingItem[] = [
  { id: 'reporting', title: 'Reporting Milestones, CCAG Risks and Code Activities', workstreams: ['PROGRAMME'], weekday: false },
  { id: 'm7', title: 'M7 Delivery Update', workstreams: ['OFGEM-M7'], weekday: true },
  { id: 'm8', title: 'M8 Code Implementation Update', workstreams: ['REC-M8', 'BSC-M8', 'DIP-M8'], weekday: true },
];

/** The workstreams of each reporting item, every configured workstream placed once. */
export function workstreamsByItem(configured: readonly string[]): Map<string, string[]> {
  const placed = new Set(reportingItems.flatMap((item) => item.workstreams));
  const byItem = new Map(reportingItems.map((item) => [item.id, item.workstreams.filter((w) => configured.includes(w))]));
  byItem.get(reportingItems.at(-1)!.id)!.push(...configured.filter((w) => !placed.has(w)));
  return byItem;
}

/** Band colours of the heat grid, highest band first (the pack's red, orange, amber, green). */
export const bandColours = ['FF0000', 'FFC000', 'FFFF00', '92D050'] as const;
export const markColour = '1F3864';
/** The pack's navy for titles and table headers. */
export const packNavy = '1F3864';
export const packAccent = '00A3AD';
