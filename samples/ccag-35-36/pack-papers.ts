import {
  at,
  meetingCommand as meeting,
  riskThemeCommand as riskTheme,
  workstreamReportCommand as report,
  type SampleStep,
} from './steps.ts';

/*
 * What the CCAG #36 pack says beyond its tables of items: its cover, its next steps and
 * forward plan, the code workstream summaries and the top risk theme.
 *
 * Chosen where the pack is silent:
 * - Every workstream report is Green: the pack prints no RAG, and each one reads "on track".
 * - The reports, the cover, the next steps and the forward plan are recorded on 20/11/2024,
 *   when the pack's updates were gathered; the risk theme on 16/10/2024, with the tables of
 *   #35 (the pack does not say it is new).
 * - The forward plan's column for 22 January names no milestone or activity, as printed.
 */

const PACK_DAY = '2024-11-20';
const COVER = 'CCAG #36 pack, cover';
const NEXT_STEPS = 'CCAG #36 pack, summary and next steps';
const STANDING_ITEMS = ['Headline report and actions', 'Programme updates', 'Horizon Scanning Log', 'CCAG Reporting', 'Next steps'];

const papers: SampleStep[] = [
  meeting(
    'RecordMeetingDocument',
    at(PACK_DAY, '10:20'),
    { number: 36, reference: 'MHHS-DEL3283', version: 'Version 1.0', classification: 'Document Classification: Public' },
    COVER,
  ),
  meeting(
    'RecordMeetingNextSteps',
    at(PACK_DAY, '10:25'),
    {
      number: 36,
      nextSteps: [
        'Secretariat to confirm actions and decisions from meeting',
        'Next CCAG meeting 18 December 2024 at 2pm (afternoon meeting)',
        'Date of CDWG1 meeting is 10 December 2024 (to cancel)',
      ],
    },
    NEXT_STEPS,
  ),
  ...[
    { number: 36, activities: ['SCR Update'], agendaItems: ['M7 Updates', 'M8 Updates', 'Incremental code change'] },
    { number: 37, activities: ['SCR Update'], agendaItems: ['M7 Updates', 'M8 Updates', 'Incremental code change'] },
    { number: 38, activities: [], agendaItems: ['M8 Updates', 'Incremental code change update'] },
  ].map((column) =>
    meeting('RecordForwardPlan', at(PACK_DAY, '10:30'), { ...column, standingItems: STANDING_ITEMS }, `${NEXT_STEPS}: forward plan`),
  ),
];

const REPORTS = 'CCAG #36 pack, code workstream reporting';

const reports: SampleStep[] = [
  {
    workstream: 'PROGRAMME',
    reason: 'MHHS Programme – Code Workstream Summary',
    overallStatus: [
      'All SCR Modifications have been sent for Ofgem decision',
      'M8 activities are on track, and the M8 Milestone has moved in line with the M10 delivery date of 24/09/25',
      'Post-M6/PreM8 Code change process agreed in principle',
    ],
    monthlySummary: [
      'Supporting and monitoring of M7 activities – all on track',
      'Supporting and monitoring M8 BSC/REC/DCUSA implementation activities',
      "Progressed 'incremental' Code change post-M6/pre-M8 plan",
    ],
    nextMonthDeliverables: [
      'Support and monitor M7 SCR Modifications Ofgem decision',
      'Support M8 BSC/REC/DCUSA implementation activities',
    ],
  },
  {
    workstream: 'OFGEM-M7',
    reason: 'MHHS Programme – Ofgem M7 Delivery Summary November 2024',
    overallStatus: [
      'M7 remains on track: Ofgem has received Final Reports from the code bodies on all the SCR modifications and is preparing decisions',
    ],
    monthlySummary: [
      'Following discussions on 5 and 6 November respectively, the REC and BSC Panels agreed to recommend approval of the SCR mods',
      'The DCUSA Voting Period ended on 7 November and all voters supported the modification',
      'All three code bodies submitted Final Modification/Change Reports on or before the deadline in the Programme Plan',
    ],
    nextMonthDeliverables: ['Ofgem to publish decisions on or before the M7 milestone of 11 December'],
  },
  {
    workstream: 'REC-M8',
    reason: 'MHHS Code Workstream – REC Milestone Reporting',
    overallStatus: [
      'M8 on track for Sept 2025 (based on proposed CR55 dates).',
      'M8 scope includes REC changes covered by the SCR, implementation of REC consequential CPs* that are progressed outside of the SCR and REC CAT 3 changes**',
    ],
    monthlySummary: [
      'REC CP R0209 - Implementation of Market-wide Half Hourly Settlement (MHHS) Arrangements - REC Portal recommended by REC Change Board and sent to Authority for approval.',
      'REC CP R0202 - Performance Assurance Report Catalogue Updates (MHHS) issued for IA (required for M8) and ongoing engagement with required data providers.',
      'Reviewed CR55 extended Change Freeze impacts on delivery of other REC CPs during 2025.',
      'Assessed IR8.2 to IR8.5 to identify four required REC changes for M8 (three to EMDS and one to ERDS Service Definition). To be added to central Programme log for visibility in early 2025.',
    ],
    nextMonthDeliverables: [
      'Publish Authority decision on R0209.',
      'Review and update CAT 3 Plan to account for CR55.',
      'Continue to work with Programme on M6 Work Off plan and post M10 change process.',
    ],
  },
  {
    workstream: 'BSC-M8',
    reason: 'MHHS Programme – BSC M8 Milestones',
    overallStatus: [
      'Final SCR Modification Report was submitted to Ofgem on 7 November 2024',
      'On track to deliver BSC Code artifacts by M8',
    ],
    monthlySummary: [
      'Agreed changes to redlining from the P478 consultation with MHSP and Ofgem which were included in the Final P478 Mod Report',
      'Gathered final Panel views on 6 November',
    ],
    nextMonthDeliverables: ['To continue to develop and agree changes needed for M8 outside of the P478 Modification'],
  },
  {
    workstream: 'DIP-M8',
    reason: 'MHHS Code Workstream – DIP Manager Milestone Reporting',
    overallStatus: ['DIP Manager Governance went live on 01 October 24 – Governance Framework and Change process'],
    monthlySummary: [
      'DCR0001 raised and Initial Assessment Report published - DIP CR to align DIP Rules to MHHS Design',
      'DIP Change Report published',
      'DIN analysis ongoing – no requirement for a DIP CR to align DIP Rules to MHHS Design noted so far',
    ],
    nextMonthDeliverables: ['DIP CR drafting relating to Programme CR054 – Change to Non Functionals for LDSOs complete'],
  },
].map(({ reason, ...texts }, i) =>
  report('SubmitWorkstreamReport', at(PACK_DAY, `11:0${i}`), { meeting: 36, rag: 'Green', ...texts }, `${REPORTS}: ${reason}; RAG chosen`),
);

const themes: SampleStep[] = [
  riskTheme(
    'RaiseRiskTheme',
    at('2024-10-16', '09:30'),
    {
      theme: 'Top risks to the Code Workstream',
      summary:
        'The main risk to Code delivery is late changes, which Code needs to reflect, e.g. through PCRs and/or testing or issues during the SCR process',
      mitigationApproach: [
        'Monitoring triggers to Design and Code change and ensuring there are mechanisms to make changes within the Programme timescales',
        "Front load SCR processes, so that issues are identified earlier and within timescales that don't delay the milestone timescales",
      ],
      raisedOn: '2024-10-16',
    },
    'CCAG #36 pack, top Programme risks related to CCAG: theme; date raised a stand-in',
  ),
];

export const packPaperSteps: readonly SampleStep[] = [...papers, ...reports, ...themes];
