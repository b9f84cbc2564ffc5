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
  // The item's page title as the pack prints it ("Reporting Milestone"), not as its agenda words it.
  { id: 'reporting', title: 'Reporting Milestone, CCAG Risks and Code Activities', workstreams: ['PROGRAMME'], weekday: false },
  { id: 'm7', title: 'M7 Delivery Update', workstreams: ['OFGEM-M7'], weekday: true },
  { id: 'm8', title: 'M8 Code Implementation Update', workstreams: ['REC-M8', 'BSC-M8', 'DIP-M8'], weekday: true },
];

/**
 * The code bodies in the order the pack reports them on the Horizon Scanning Log. The
 * configured order (REC first) is the register's vocabulary, not the pack's: CCAG #36 prints
 * DCUSA before REC, and CCAG #35 took "National Grid ESO, DCUSA, REC and BSC" in that order.
 * A code body not named here follows, in the configured order, so none is left out.
 */
export const horizonScanningOrder: readonly string[] = ['CUSC', 'GC', 'DCUSA', 'REC', 'BSC'];

/** The configured code bodies in the pack's order. */
export function codeBodiesInPackOrder<T extends { readonly code: string }>(configured: readonly T[]): T[] {
  const rank = (code: string) => {
    const i = horizonScanningOrder.indexOf(code);
    return i === -1 ? horizonScanningOrder.length : i;
  };
  // Array.prototype.sort is stable: the unnamed keep their configured order.
  return [...configured].sort((a, b) => rank(a.code) - rank(b.code));
}

/** A code body's part of the Horizon Scanning Log: on it at the last meeting, or added since. */
export type HorizonScanningPart = 'Existing' | 'New';

/**
 * The heading of a code body's Horizon Scanning Log pages, as the CCAG #36 pack titles them:
 * "Horizon Scanning REC Change Updates: Existing", and DCUSA's own "Horizon Scanning Code Body
 * Change Update DCUSA". That page holds all DCUSA printed (it does not say which part); the
 * register keeps the parts apart, so CPs added since the last meeting get it with ": New".
 */
const horizonScanningHeadings: Record<string, (part: HorizonScanningPart) => string> = {
  DCUSA: (part) => `Horizon Scanning Code Body Change Update DCUSA${part === 'New' ? ': New' : ''}`,
};

export function horizonScanningHeading(codeBody: string, part: HorizonScanningPart): string {
  return horizonScanningHeadings[codeBody]?.(part) ?? `Horizon Scanning ${codeBody} Change Updates: ${part}`;
}

/**
 * The release pages' title, "REC Releases with Horizon Scanning log changes included", naming
 * the code bodies whose releases carried the log's CPs.
 */
export const releasesTitle = (codeBodies: readonly string[]) =>
  `${codeBodies.join(' and ')} Releases with Horizon Scanning log changes included`;

/**
 * The title of a workstream's summary slide, as the CCAG #36 pack heads each one (the M7
 * summary names the meeting's month). A workstream not named here is headed with its name.
 */
const summaryTitles: Record<string, (month: string) => string> = {
  PROGRAMME: () => 'MHHS Programme – Code Workstream Summary',
  'OFGEM-M7': (month) => `MHHS Programme – Ofgem M7 Delivery Summary ${month}`,
  'REC-M8': () => 'MHHS Code Workstream – REC Milestone Reporting',
  'BSC-M8': () => 'MHHS Programme – BSC M8 Milestones',
  'DIP-M8': () => 'MHHS Code Workstream – DIP Manager Milestone Reporting',
};

export function workstreamSummaryTitle(workstream: { readonly id: string; readonly name: string }, month: string): string {
  return summaryTitles[workstream.id]?.(month) ?? `MHHS Code Workstream – ${workstream.name}`;
}

/**
 * The agenda item each section belongs to, by its title as agendas word it (CCAG #36's
 * agenda says "CAG Risks" where its page says "CCAG Risks"): the section opens with that
 * item's type, objective, lead and time.
 */
export const agendaItemOfSection: Readonly<Record<string, RegExp>> = {
  actions: /^minutes and actions\b/i,
  'horizon-scanning': /^horizon scanning\b/i,
  reporting: /^reporting milestones?\b/i,
  m7: /^m7\b/i,
  m8: /^m8\b/i,
  'next-steps': /\bnext steps$/i,
};

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
/** A workstream's overall status as the pack colours it (the band greens and ambers of the heat grid). */
export const ragColours: Readonly<Record<string, string>> = { Green: '92D050', Amber: 'FFC000', Red: 'FF0000' };

/** The cover's line under the programme's name. */
export const packTagline = 'Industry-led, Elexon facilitated';

/** The pack's navy for titles and table headers. */
export const packNavy = '1F3864';
export const packAccent = '00A3AD';
