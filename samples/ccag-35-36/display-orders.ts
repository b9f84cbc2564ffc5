import { at, changeProposalCommand as cp, milestoneCommand as milestone, type SampleStep } from './steps.ts';

/*
 * The pack's own order of rows, where it is not a sort. Milestones are placed in their
 * table's order when the tables are prepared (16/10/2024), so #35 already lists them so.
 * Change proposals are numbered per code body in the pack's order: the existing ones (and
 * the release's list, R0150, R0098, R0108) before #35, the three new REC ones when they are
 * added to the log on 20/11/2024, after the existing REC ones.
 */

const TABLES_PREPARED = at('2024-10-16', '10:00');
const PLACED = 'CCAG #36 pack: its order of rows';

const milestoneTables: Record<string, readonly string[]> = {
  PROGRAMME: ['T2-RE-0600', 'T2-RE-0650'],
  'OFGEM-M7': ['6460', '6461', '6462', '6463', '9518', '4088'],
  'REC-M8': ['3700', 'Last date to raise CP before M8', '3702', '3703', '3707'],
  'BSC-M8': ['2224', '3700', 'Last date to raise CP before M8', '3702', '3703', '3707'],
  'DIP-M8': ['3707'],
};

const milestones: SampleStep[] = Object.entries(milestoneTables).flatMap(([workstream, keys]) =>
  keys.map((key, i) => milestone('SetMilestoneDisplayOrder', TABLES_PREPARED, { workstream, key, displayOrder: i + 1 }, PLACED)),
);

const placed = (codeBody: string, refs: readonly string[], effectiveAt: string, first = 1): SampleStep[] =>
  refs.map((ref, i) => cp('SetChangeProposalDisplayOrder', effectiveAt, { codeBody, ref, displayOrder: first + i }, PLACED));

const changeProposals: SampleStep[] = [
  ...placed('DCUSA', ['DCP444', 'DCP445'], TABLES_PREPARED),
  ...placed('REC', ['R0201', 'R0202', 'I0204', 'R0209', 'R0150', 'R0098', 'R0108'], TABLES_PREPARED),
  ...placed('BSC', ['P478'], TABLES_PREPARED),
  ...placed('REC', ['I0190', 'R0193', 'I0222'], at('2024-11-20', '09:10'), 8),
  ...placed('DIP', ['DCR0001'], at('2024-11-19', '09:05')),
];

export const displayOrderSteps: readonly SampleStep[] = [...milestones, ...changeProposals];
