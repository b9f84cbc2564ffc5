import { at, milestoneCommand as milestone, planned, type SampleStep } from './steps.ts';

/*
 * Every milestone table of the CCAG #36 pack. All are baselined before #35 (on 16/10/2024,
 * a stand-in for when the #35 pack's tables were prepared) as the pack prints them, except
 * where it says something moved since:
 * - Ofgem M7 6460-6463 and 9518 are Complete at #36. At #35 they had the forecasts the
 *   pack still shows; the ones whose window was open on 23/10 (6460, 6461) were In
 *   progress, the rest Green. Each completes on its last forecast day. 6460's forecast days
 *   (13/10 and 09/10) fall before #35, yet the pack reports its completion only now: it is
 *   recorded on the first day after #35, with the day it completed.
 * - 4088 (Ofgem decisions, M7) was Green at #35 and In progress from 08/11/2024, once every
 *   code body had submitted its final report (9518).
 * - REC M8 3700 is printed "Tue 27/02/24" (BSC's is "Tue 27/02/25"); kept as printed.
 */

const TABLES_PREPARED = at('2024-10-16');
const SCR_PROGRAMME_DECISION = ['cp:BSC:P478', 'cp:REC:R0209', 'cp:DCUSA:DCP445'];
const LAST_DATE_TO_RAISE_CP = 'Last date to raise CP before M8';
const RESOURCING = 'Impacted codes make resourcing provisions and prepare to implement new Code via internal code body change processes';

interface Row {
  readonly ref: string | null;
  readonly description: string;
  readonly baseline: string;
  /** Omitted: the forecast is the baseline. */
  readonly forecast?: string;
  readonly status?: 'Green' | 'In progress';
  readonly relatedChangeProposals?: readonly string[];
}

function table(workstream: string, reason: string, rows: readonly Row[]): SampleStep[] {
  return rows.map((row) =>
    milestone(
      'BaselineMilestone',
      TABLES_PREPARED,
      {
        workstream,
        ref: row.ref,
        description: row.description,
        baselineDate: planned(row.baseline),
        ...(row.forecast === undefined ? {} : { forecastDate: planned(row.forecast) }),
        status: row.status ?? 'Green',
        relatedChangeProposals: [...(row.relatedChangeProposals ?? [])],
      },
      reason,
    ),
  );
}

const programme = table('PROGRAMME', 'CCAG #36 pack, MHHS Programme code workstream summary', [
  {
    ref: 'T2-RE-0600',
    description: 'Ofgem decisions on M6 baselined code modification proposals (M7)',
    baseline: '11/12/24',
    relatedChangeProposals: SCR_PROGRAMME_DECISION,
  },
  { ref: 'T2-RE-0650', description: 'Code changes delivered (M8)', baseline: '24/09/25' },
]);

const ofgemM7 = table('OFGEM-M7', 'CCAG #36 pack, Ofgem M7 delivery summary; status at #35 chosen', [
  {
    ref: '6460',
    description: 'Consultation close-out for representations',
    baseline: 'Wed 09/10/24',
    forecast: 'Sun 13/10/24 for BSC; Wed 09/10/24 for REC',
    status: 'In progress',
  },
  {
    ref: '6461',
    description: 'Each Code Body reviews consultation response and drafts Modification Report',
    baseline: 'Wed 23/10/24',
    forecast: '14/10/24-30/10/24 for BSC; 10/10/24-31/10/24 for REC',
    status: 'In progress',
  },
  {
    ref: '6462',
    description: 'Final Modification Reports sent to Panels for decisions',
    baseline: 'Thu 24/10/24',
    forecast: 'Wed 30/10/24 for BSC; Thu 31/10/24 for REC',
  },
  {
    ref: '6463',
    description: 'Modification Panel decisions',
    baseline: 'Thu 07/11/24',
    forecast: 'Thu 07/11/24 for BSC; Tue 05/11/24 for REC',
  },
  {
    ref: '9518',
    description: 'Code Bodies Submit Final Modification/Change Reports',
    baseline: 'Fri 08/11/24',
    forecast: 'Thu 07/11/24 for BSC and REC; Fri 08/11/24 for DCUSA',
  },
  {
    ref: '4088',
    description: 'Ofgem decisions on M6 baselined code modification proposals (M7)',
    baseline: 'Wed 11/12/24',
    relatedChangeProposals: SCR_PROGRAMME_DECISION,
  },
]);

const m8Tail: readonly Row[] = [
  { ref: '3702', description: 'Release preparation (e.g. preparing release documentation)', baseline: 'Fri 24/09/25' },
  { ref: '3703', description: 'Implement new code on day of code release', baseline: 'Fri 24/09/25' },
  { ref: '3707', description: 'Code changes delivered (M8)', baseline: 'Fri 24/09/25' },
];

const recM8 = table('REC-M8', 'CCAG #36 pack, REC milestone reporting', [
  { ref: '3700', description: RESOURCING, baseline: 'Tue 27/02/24' },
  { ref: null, description: LAST_DATE_TO_RAISE_CP, baseline: 'tbc' },
  ...m8Tail,
]);

const bscM8 = table('BSC-M8', 'CCAG #36 pack, BSC M8 milestones', [
  { ref: '2224', description: 'Deliver MHHS Code Changes', baseline: 'Tue 12/11/24', relatedChangeProposals: ['cp:BSC:P478'] },
  { ref: '3700', description: RESOURCING, baseline: 'Tue 27/02/25' },
  { ref: null, description: LAST_DATE_TO_RAISE_CP, baseline: 'Mon 09/06/25' },
  ...m8Tail,
]);

const dipM8 = table('DIP-M8', 'CCAG #36 pack, DIP Manager milestone reporting', [
  { ref: '3707', description: 'Code changes delivered (M8)', baseline: 'Fri 24/09/25' },
]);

const M7_REPORT = 'CCAG #36 pack, Ofgem M7 delivery summary';

const m7Progress: SampleStep[] = [
  milestone(
    'CompleteMilestone',
    at('2024-10-24'),
    { workstream: 'OFGEM-M7', key: '6460', on: '2024-10-13' },
    `${M7_REPORT}: complete (BSC consultation closed 13/10/24), first reported after CCAG #35`,
  ),
  milestone(
    'CompleteMilestone',
    at('2024-10-31'),
    { workstream: 'OFGEM-M7', key: '6461', on: '2024-10-31' },
    `${M7_REPORT}: modification reports drafted`,
  ),
  milestone(
    'CompleteMilestone',
    at('2024-10-31', '09:05'),
    { workstream: 'OFGEM-M7', key: '6462', on: '2024-10-31' },
    `${M7_REPORT}: final reports sent to Panels`,
  ),
  milestone(
    'CompleteMilestone',
    at('2024-11-07'),
    { workstream: 'OFGEM-M7', key: '6463', on: '2024-11-07' },
    `${M7_REPORT}: REC and BSC Panels recommended approval of the SCR mods`,
  ),
  milestone(
    'CompleteMilestone',
    at('2024-11-08', '09:10'),
    { workstream: 'OFGEM-M7', key: '9518', on: '2024-11-08' },
    `${M7_REPORT}: all three code bodies submitted Final Modification/Change Reports`,
  ),
  milestone(
    'ReportMilestoneStatus',
    at('2024-11-08', '09:15'),
    { workstream: 'OFGEM-M7', key: '4088', status: 'In progress' },
    `${M7_REPORT}: Ofgem has received all Final Reports and is preparing decisions`,
  ),
];

export const milestoneSteps: readonly SampleStep[] = [...programme, ...ofgemM7, ...recM8, ...bscM8, ...dipM8, ...m7Progress];
