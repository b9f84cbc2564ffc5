/*
 * The CCAG #36 pack's tables, quoted from ../shared/seeds/000_72c04868285d3aea.txt (the pack
 * as published) cell by cell, for what the register holds. Kept as the seed writes it: where
 * the register writes a cell differently on purpose, the test says so by name
 * (`registerSpelling` in pack-seed.test.ts), never by editing a quote here.
 */

export interface SeedChangeProposal {
  readonly ref: string;
  readonly title: string;
  /** The "Change Summary" cell's paragraphs: the summary, then its dated updates. */
  readonly summary: readonly string[];
  readonly stakeholderPositions: readonly string[];
  readonly dateRaised: string;
  readonly status: string;
  readonly decisionDate: string;
  readonly mhhsImpact: string;
}

/** Minutes and Actions: "Review of outstanding actions". */
export const seedActions = {
  columns: ['Ref', 'Date Raised', 'Action', 'Owner', 'Due Date', 'Update'],
  rows: [
    [
      'CCAG35-01',
      '23/10/2024',
      'Code Bodies to bring a cross-code plan back to CCAG to understand how REC, DCUSA and DIP rules will be aligned to design and programme updates.',
      'Code Bodies',
      '27/11/24',
      'RECOMMENDED CLOSED: See item number 4 for update.',
    ],
    [
      'CCAG35-02',
      '23/10/2024',
      'Code Bodies to confirm impacts to their releases following the recommendation of CR055.',
      'Code Bodies',
      '27/11/24',
      'RECOMMENDED CLOSED: To be played back in meeting',
    ],
    [
      'CCAG35-03',
      '23/10/2024',
      'Programme to confirm which PSG the post M6 DIN item update will be taken to following an update at TORWG.',
      'Programme (Claire Silk)',
      '27/11/24',
      'RECOMMENDED CLOSED: Principles were presented at the November PSG.',
    ],
    [
      'CCAG35-04',
      '23/10/2024',
      'REC to investigate the impact to Qualification of design updates and how that aligns to code drafting and participant Qualification.',
      'REC (Andrew Wallace)',
      '27/11/24',
      'RECOMMENDED CLOSED: Update provided at QWG on 12 November.',
    ],
  ],
} as const;

/**
 * The Horizon Scanning Log's page titles per code body, Existing and New, as the seed heads
 * them. DCUSA's one page ("Horizon Scanning Code Body Change Update DCUSA") holds its CPs on the
 * log at the last meeting; REC's pages are "Existing" then "New" (two slides each, one title).
 */
export const seedHorizonScanningHeadings: Readonly<Record<string, { existing?: string; new?: string }>> = {
  DCUSA: { existing: 'Horizon Scanning Code Body Change Update DCUSA' },
  REC: { existing: 'Horizon Scanning REC Change Updates: Existing', new: 'Horizon Scanning REC Change Updates: New' },
};

/** Horizon Scanning Log, per code body, Existing and New, in the pack's order. */
export const seedHorizonScanning: Readonly<
  Record<string, { existing: readonly SeedChangeProposal[]; new: readonly SeedChangeProposal[] }>
> = {
  DCUSA: {
    existing: [
      {
        ref: 'DCP444',
        title: 'Additional settlement runs',
        summary: [
          'To describe how settlement runs, that will cause Supercustomer DUoS Reports (REP-002/A/B) to be created and sent under MHHS, that were not previously created as D0030/D0314 flows, will be handled.',
        ],
        stakeholderPositions: ['The Sponsor has withdrawn the change proposal'],
        dateRaised: '03/09/2024',
        status: 'New',
        decisionDate: 'December 2024',
        mhhsImpact: 'Depends on the solution',
      },
      {
        ref: 'DCP445',
        title: 'Implementation of Market-wide Half Hourly Settlement (MHHS) Arrangements',
        summary: [
          'This Change Proposal will ensure that the appropriate obligations, processes and provisions for the new MHHS arrangements, which have been developed and consulted on as part of the MHHS Programme, are introduced into the DCUSA.',
        ],
        stakeholderPositions: [
          'The change proposal was supported by stakeholders. Only one comment received:',
          '“There is a reference to “REP002” in Schedule 16, para 128, which we think should be to “REP-002B” to reference the correct message and align with the definition of Supercustomer DUoS Report”.',
          'This comment is correct. It is a minor error and was omitted when the message was split. Awaiting feedback from the Authority.',
        ],
        dateRaised: '04/09/2024',
        status: 'Awaiting Authority approval',
        decisionDate: '11 December 2024',
        mhhsImpact: 'Yes, this is the change proposal to support MHHS',
      },
    ],
    new: [],
  },
  REC: {
    existing: [
      {
        ref: 'R0201',
        title: 'Creation of a Tool to Manually Correct ERDS/CSS Discrepancies',
        summary: [
          'There is currently a tool utilised by DNOs to manually correct registration data to align the Registered Supplier in ERDS with the data held in CSS. The MHHS Design does not allow for retrospective amendment of Supplier Registration - there is no equivalent tool for manual correction post MHHS go live (M10). Therefore, post MHHS implementation, any issues which prevent CSS data being reflected in ERDS cannot be corrected.',
          'Update 20/11 – Party impact assessment has been published, closing on 29/11. Solution documentation can be found on the REC Portal CP page.',
        ],
        stakeholderPositions: ['Supportive'],
        dateRaised: '02/08/2024',
        status: 'Under Development',
        decisionDate: 'TBC',
        mhhsImpact: 'Design impact being delivered by BAU',
      },
      {
        ref: 'R0202',
        title: 'Performance Assurance Reporting Catalogue Updates (MHHS)',
        summary: [
          'The Performance Assurance Report Catalogue (PARC) requires updating following an impact assessment that identifies the requirements to support changes being introduced by MHHS.',
          'Update 20/11 – A re-baselined Change Proposal Plan has been approved which pushes back the impact assessment period to Q1 2025 as the DIP reporting arrangements are still being developed preventing the DIP Manager from completing its assessment.',
        ],
        stakeholderPositions: ['TBC'],
        dateRaised: '08/08/2024',
        status: 'Under Development',
        decisionDate: 'TBC',
        mhhsImpact: 'Supports MHHS implementation',
      },
      {
        ref: 'I0204',
        title: 'Sequence Order of CSS00200 Message',
        summary: [
          'As each CSS00200 message is a refresh of all the current & future dated Metering Service (MEM) and Smart Meter Data Retriever (SMDR) appointments the ordering that the messages are loaded into CSS must be correct. If loaded out of order, the wrong active MEM/MDR appointment can be recorded. Currently there is no mechanism to control the correct ordering of the messages. This issue will explore the options to resolve this.',
          'Update 20/11 – This issue has been withdrawn following Programme CR-056 approval. Updates to the REC will be progressed alongside other impacting MHHS design updates required for M8/M10 implementation.',
        ],
        stakeholderPositions: ['TBC'],
        dateRaised: '15/08/2024',
        status: 'Withdrawn',
        decisionDate: 'TBC',
        mhhsImpact: 'Supports MHHS implementation',
      },
      {
        ref: 'R0209',
        title: 'Implementation of MHHS Arrangements',
        summary: [
          'This change is the main Significant Code Review CP for the REC to implement the MHHS arrangements.',
          'Update 20/11 – The Change Report (Final Recommendation) was sent to the Authority for decision on 06/11/2024.',
        ],
        stakeholderPositions: ['Supportive'],
        dateRaised: '02/08/2024',
        status: 'Awaiting Authority decision',
        decisionDate: '11/12/2024',
        mhhsImpact: 'Direct impact',
      },
    ],
    new: [
      {
        ref: 'I0190',
        title: 'Related Meter Point RMP status rules',
        summary: [
          'The issue is to look at how MPAN relationship validation is managed within the registration systems, which is inconsistent with the current code drafting in Schedule 28. Note that initial analysis suggests this issue is limited in the current market, with c. 20 MPAN relationships currently impacted. It has also been identified that allowing MPANs with different RMP statuses to be related may cause issues with the auto registration processes that will operate under MHHS.',
          'Update 20/11: Added to Horizon scanning log. Initial assessment being progressed.',
        ],
        stakeholderPositions: ['TBC'],
        dateRaised: '02/08/2024',
        status: 'Initial Assessment',
        decisionDate: 'TBC',
        mhhsImpact: 'Of interest',
      },
      {
        ref: 'R0193',
        title: 'Add Enumeration Values to the DI51035 - Communications Provider Data Item',
        summary: [
          'This change is a supporting change to P442 \' Reporting to EMRS of chargeable volumes for SVA Metering Systems that record both exempt and licensed supply" for the industry to maintain an ongoing list of valid Communications Providers after it is removed from MDD, Enumeration Values will be added to the Communication Provider Data Item (DI51035/J1709) which is a REC-owned data item.',
          'Update 20/11 – Added to Horizon Scanning log. The Change Report (Final Recommendation) was published on 19/11 for decision by the Technical Expert Panel on 27/11.',
        ],
        stakeholderPositions: ['Supportive'],
        dateRaised: '08/08/2024',
        status: 'Voting',
        decisionDate: '27/11/2024',
        mhhsImpact: 'Of interest',
      },
      {
        ref: 'I0222',
        title: 'ESME ID Update Rejections',
        summary: [
          'Issue raised to address the inability to update ESME IDs as part of Data Cleanse and Metering Activities due to the MPRS Validation Rules currently in place. Update 20/11: Added to Horizon scanning log.',
        ],
        stakeholderPositions: ['TBC'],
        dateRaised: '15/08/2024',
        status: 'New',
        decisionDate: 'TBC',
        mhhsImpact: 'Of interest',
      },
    ],
  },
};

const milestoneColumns = ['Mstn Ref', 'Drafting Milestones', 'Baseline date', 'Forecast date', 'Status'];

/** Each workstream's milestone table, rows in the pack's order. */
export const seedMilestones: Readonly<Record<string, { columns: readonly string[]; rows: readonly (readonly string[])[] }>> = {
  PROGRAMME: {
    columns: milestoneColumns,
    rows: [
      ['T2-RE-0600', 'Ofgem decisions on M6 baselined code modification proposals (M7)', '11/12/24', '11/12/24', 'Green'],
      ['T2-RE-0650', 'Code changes delivered (M8)', '24/09/25', '24/09/25', 'Green'],
    ],
  },
  'OFGEM-M7': {
    columns: ['Mstn Ref', 'Drafting Milestones', 'Baseline date', 'Forecast dates', 'Status'],
    rows: [
      ['6460', 'Consultation close-out for representations', 'Wed 09/10/24', 'Sun 13/10/24 for BSC; Wed 09/10/24 for REC', 'Complete'],
      [
        '6461',
        'Each Code Body reviews consultation response and drafts Modification Report',
        'Wed 23/10/24',
        '14/10/24-30/10/24 for BSC; 10/10/24-31/10/24 for REC',
        'Complete',
      ],
      [
        '6462',
        'Final Modification Reports sent to Panels for decisions',
        'Thu 24/10/24',
        'Wed 30/10/24 for BSC; Thu 31/10/24 for REC',
        'Complete',
      ],
      ['6463', 'Modification Panel decisions', 'Thu 07/11/24', 'Thu 07/11/24 for BSC; Tue 05/11/24 for REC', 'Complete'],
      [
        '9518',
        'Code Bodies Submit Final Modification/Change Reports',
        'Fri 08/11/24',
        'Thu 07/11/24 for BSC and REC; Fri 08/11/24 for DCUSA',
        'Complete',
      ],
      ['4088', 'Ofgem decisions on M6 baselined code modification proposals (M7)', 'Wed 11/12/24', 'Wed 11/12/24', 'In progress'],
    ],
  },
  'REC-M8': {
    columns: ['Ref', 'Drafting Milestones', 'Baseline date', 'Forecast date', 'Status'],
    rows: [
      [
        '3700',
        'Impacted codes make resourcing provisions and prepare to implement new Code via internal code body change processes',
        'Tue 27/02/24',
        'Tue 27/02/24',
        'Green',
      ],
      ['', 'Last date to raise CP before M8', 'tbc', 'tbc', 'Green'],
      ['3702', 'Release preparation (e.g. preparing release documentation)', 'Fri 24/09/25', 'Fri 24/09/25', 'Green'],
      ['3703', 'Implement new code on day of code release', 'Fri 24/09/25', 'Fri 24/09/25', 'Green'],
      ['3707', 'Code changes delivered (M8)', 'Fri 24/09/25', 'Fri 24/09/25', 'Green'],
    ],
  },
  'BSC-M8': {
    columns: milestoneColumns,
    rows: [
      ['2224', 'Deliver MHHS Code Changes', 'Tue 12/11/24', 'Tue 12/11/24', 'Green'],
      [
        '3700',
        'Impacted codes make resourcing provisions and prepare to implement new Code via internal code body change processes',
        'Tue 27/02/25',
        'Tue 27/02/25',
        'Green',
      ],
      ['', 'Last date to raise CP before M8', 'Mon 09/06/25', 'Mon 09/06/25', 'Green'],
      ['3702', 'Release preparation (e.g. preparing release documentation)', 'Fri 24/09/25', 'Fri 24/09/25', 'Green'],
      ['3703', 'Implement new code on day of code release', 'Fri 24/09/25', 'Fri 24/09/25', 'Green'],
      ['3707', 'Code changes delivered (M8)', 'Fri 24/09/25', 'Fri 24/09/25', 'Green'],
    ],
  },
  'DIP-M8': {
    columns: milestoneColumns,
    rows: [['3707', 'Code changes delivered (M8)', 'Fri 24/09/25', 'Fri 24/09/25', 'Green']],
  },
};

/**
 * Key Risks, in the pack's order. The pack draws its score grid rather than writing it:
 * only R920's score (10, "Score reduced from 20 to 10") can be read from it; the others'
 * scores are the sample's stand-ins (samples/ccag-35-36/risks.ts) and are checked from the
 * register, not from here.
 */
export const seedRisks = {
  /** The header's first cell, over Risk ID and Risk Description. */
  title: 'Key Risks',
  /** The header's row under it, over the bands and the score columns. */
  scoreHeading: 'Risk Score Assessment',
  rows: [
    {
      id: 'R966',
      description:
        'There is a risk that Code Drafting over and above the M6 baseline will be required for Service Management to ensure industry parties are appropriately obligated to take action',
      movement: 'New item',
      mitigation: '1) Plan for analysis of Helix Service Management deliverables and likely Code drafting activity',
    },
    {
      id: 'R202',
      description:
        'There is a risk that Programme testing (CIT/SIT) may identify changes to baselined code and require code updates and further code releases after initial code changes have been approved',
      movement: 'No change',
      mitigation:
        '1) Monthly meeting in place between Test and Code to monitor likely volume of changes to Design and by association Code 2) To ensure the change control process is followed correctly and test item volume known by Code team 3) Ongoing engagement on how code change will be managed',
    },
    {
      id: 'R485',
      description:
        'There is a risk that the Design or queries related to Design are not completed or provided in time and as a result do not provide the information required to enable Code drafting delivery',
      movement: 'No change',
      mitigation:
        '1) Design process (DIN Process) set up to resolve Design queries 2) Amend Code Drafting Plan to accommodate outstanding Design areas 3) Monitor DIN Volumes 4) Code is baselined against a point in time and after this time, changes are picked up by a CR or post M6 agreed process.',
    },
    {
      id: 'R920',
      description:
        "There is a risk that Code Drafting (specifically the Energy Market Data Specification) does not reflect the intended MHHS design. This risk is specific to Swagger's alignment with for example DES138.",
      movement: 'Score reduced from 20 to 10',
      mitigation:
        'The Programme recognises the risk in the context of Code drafting, It has always been the intention of the Programme to keep both documents aligned where appropriate, PP have been told to develop against Swagger where inconsistencies are identified. the DIN process has worked effectively to address any misalignment and this will continue going forward.',
    },
  ],
  /** The header's bands over the score columns 30..1. */
  bands: [
    { name: 'Critical', from: 30, to: 26 },
    { name: 'High', from: 25, to: 21 },
    { name: 'Medium', from: 20, to: 16 },
    { name: 'Low', from: 15, to: 1 },
  ],
  readable: { R920: { score: 10, band: 'Low' } },
} as const;

/** DIP Manager milestone reporting: DCR0001's timeline, on a second slide titled as the DIP summary's. */
export const seedKeyDates = {
  DCR0001: {
    title: 'MHHS Code Workstream – DIP Manager Milestone Reporting',
    columns: ['Event', 'Date'],
    rows: [
      ['Initial Assessment published', '19 November 2024'],
      ['Industry Consultation (15WDs)', '25 November 2024 – 12 December 2024'],
      ['Final Assessment published', '30 December 2024'],
      ['Decision published', '6 January 2025'],
      ['Proposed Implementation Date', '27 February 2025'],
    ],
  },
} as const;

/**
 * The cover, line by line. The seed's "MHHS PROGRAMME" is the programme's logo in capitals;
 * the title and the date are the meeting's.
 */
export const seedCover = {
  programme: 'MHHS PROGRAMME',
  tagline: 'Industry-led, Elexon facilitated',
  title: 'Cross Code Advisory Group #36',
  date: '27 November 2024',
  version: 'Version 1.0',
  reference: 'MHHS-DEL3283',
  classification: 'Document Classification: Public',
} as const;

/**
 * The agenda table. The Appendices' objective is two italic lines in the seed
 * (`<i>Appendix 1 - ...</i> <i>Appendix 2 - ...</i>`), quoted a line each.
 */
export const seedAgenda = {
  columns: ['#', 'Item', 'Objective', 'Type', 'Lead', 'Time', 'Page'],
  rows: [
    ['1', 'Welcome', '', '', 'Chair', '10:00-10:05 5 mins', ''],
    [
      '2',
      'Minutes and Actions',
      'Approve minutes of previous meeting and review outstanding actions',
      'Decision',
      'Chair & Secretariat',
      '10:05-10:15 10 mins',
      '3',
    ],
    [
      '3',
      'Horizon Scanning Log',
      'Updates from all Code Bodies and the Programme on changes which may impact MHHS Programme',
      'Discussion',
      'Programme & Code Bodies',
      '10:15-10:35 20 mins',
      '5',
    ],
    [
      '4',
      'Reporting Milestones, CAG Risks and Code activities',
      'Programme milestone status, risks and Post M6/Pre M8 Code Change Activities',
      'Information',
      'Programme (Andrew Margan)',
      '10:35-10:50 15 mins',
      '12',
    ],
    [
      '5',
      'M7 Delivery Update',
      'Provide an update on Ofgem M7 delivery',
      'Information',
      'Ofgem (Andy McFaul)',
      '10:50-11:00 10 mins',
      '16',
    ],
    [
      '6',
      'M8 Code Implementation Update',
      'Provide an update on Code Body M8 Implementation',
      'Information',
      'Code Bodies (Andrew Wallace, Jacob Snowden, DIP Manager)',
      '11:00-11:15 15 mins',
      '18',
    ],
    [
      '7',
      'Programme Updates',
      'Updates from MHHS Programme governance groups and the wider Programme',
      'Information',
      'Programme (Secretariat)',
      '11:15-11:15 0 mins',
      '23',
    ],
    [
      '8',
      'Summary and Next Steps',
      'Summarise meeting actions and next steps',
      'Information',
      'Chair & Secretariat',
      '11:15-11:20 5 mins',
      '27',
    ],
    [
      '9',
      'Appendices',
      'Appendix 1 - M7 Delivery and M8 Implementation POAP\nAppendix 2 - MHHS related REC Category 3 POAP',
      '',
      '',
      '',
      '29',
    ],
  ],
} as const;

export interface SeedWorkstreamSummary {
  /** The slide's title. */
  readonly title: string;
  /** The three boxes' headings as that slide writes them ("Month Summary", "Next Month Deliverable"). */
  readonly headings: readonly [string, string, string];
  readonly overallStatus: readonly string[];
  readonly monthlySummary: readonly string[];
  readonly nextMonthDeliverables: readonly string[];
}

/**
 * Each workstream's summary slide, bullets in order. The seed prints no RAG (the slides
 * colour it): the sample's stand-in is checked from the register, not from here. The REC
 * summary's two CP names are links in the seed (`[...](#)`, with escaped brackets): quoted
 * as their text.
 */
export const seedWorkstreamSummaries: Readonly<Record<string, SeedWorkstreamSummary>> = {
  PROGRAMME: {
    title: 'MHHS Programme – Code Workstream Summary',
    headings: ['Overall Status', 'Monthly Summary', 'Next Month Deliverables'],
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
  'OFGEM-M7': {
    title: 'MHHS Programme – Ofgem M7 Delivery Summary November 2024',
    headings: ['Overall Status', 'Month Summary', 'Next Month Deliverable'],
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
  'REC-M8': {
    title: 'MHHS Code Workstream – REC Milestone Reporting',
    headings: ['Overall Status', 'Month Summary', 'Next Month Deliverables'],
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
  'BSC-M8': {
    title: 'MHHS Programme – BSC M8 Milestones',
    headings: ['Overall Status', 'Month Summary', 'Next Month Deliverables'],
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
  'DIP-M8': {
    title: 'MHHS Code Workstream – DIP Manager Milestone Reporting',
    headings: ['Overall Status', 'Month Summary', 'Next Month Deliverables'],
    overallStatus: ['DIP Manager Governance went live on 01 October 24 – Governance Framework and Change process'],
    monthlySummary: [
      'DCR0001 raised and Initial Assessment Report published - DIP CR to align DIP Rules to MHHS Design',
      'DIP Change Report published',
      'DIN analysis ongoing – no requirement for a DIP CR to align DIP Rules to MHHS Design noted so far',
    ],
    nextMonthDeliverables: ['DIP CR drafting relating to Programme CR054 – Change to Non Functionals for LDSOs complete'],
  },
};

/** "Top Programme Risks related to CCAG": the theme table; the mitigation approach is a bullet list (`<ul>`) in the seed. */
export const seedRiskThemes = {
  title: 'Top Programme Risks related to CCAG',
  columns: ['Theme', 'Summary', 'Mitigation Approach Overview'],
  rows: [
    {
      theme: 'Top risks to the Code Workstream',
      summary:
        'The main risk to Code delivery is late changes, which Code needs to reflect, e.g. through PCRs and/or testing or issues during the SCR process',
      mitigationApproach: [
        'Monitoring triggers to Design and Code change and ensuring there are mechanisms to make changes within the Programme timescales',
        "Front load SCR processes, so that issues are identified earlier and within timescales that don't delay the milestone timescales",
      ],
    },
  ],
} as const;

/** The release page: its title, then each release's heading ("08 November 2024 –") over its CPs, in the pack's order. */
export const seedReleasesTitle = 'REC Releases with Horizon Scanning log changes included';
export const seedReleases = {
  '08 November 2024 –': [
    'R0150 - On-site Aggregation as a method to facilitate Third Party Access - BSC P455',
    'R0098 - Optional fuzzy searching in EES',
    'R0108 - Enabling EES searches using a Unique Property Reference Number',
  ],
} as const;

/** "Next steps". The seed sets the two dates in bold (`**...**`): quoted without the markup. */
export const seedNextSteps = [
  'Secretariat to confirm actions and decisions from meeting',
  'Next CCAG meeting 18 December 2024 at 2pm (afternoon meeting)',
  'Date of CDWG1 meeting is 10 December 2024 (to cancel)',
] as const;

const standingItems = ['Headline report and actions', 'Programme updates', 'Horizon Scanning Log', 'CCAG Reporting', 'Next steps'];

/** The forward plan: a column per meeting, each cell a bullet list (`<ul>` of "• ..." in the seed). */
export const seedForwardPlan = {
  columns: ['Meeting dates', '27 November', '18 December', '22 January'],
  rows: [
    ['Relevant milestones or activities', ['SCR Update'], ['SCR Update'], []],
    [
      'Agenda items',
      ['M7 Updates', 'M8 Updates', 'Incremental code change'],
      ['M7 Updates', 'M8 Updates', 'Incremental code change'],
      ['M8 Updates', 'Incremental code change update'],
    ],
    ['Standing items', standingItems, standingItems, standingItems],
  ],
} as const satisfies { columns: readonly string[]; rows: readonly (readonly [string, ...(readonly string[])[]])[] };

/**
 * How each agenda item's first page opens: "TYPE: objective", the lead, the time. Three
 * pages word it otherwise than the agenda table does (pack-seed.test.ts names them).
 */
export const seedItemPages: Readonly<Record<string, readonly [string, string, string]>> = {
  actions: ['DECISION: Approve minutes of previous meeting and review outstanding actions', 'Chair & Secretariat', '10 mins'],
  'horizon-scanning': [
    'DISCUSSION: Updates from all Code Bodies and the Programme on changes which may impact MHHS Programme',
    'Programme & Code Bodies',
    '20 mins',
  ],
  reporting: ['INFORMATION: Programme milestone status, risks and Code change update', 'Programme (Andrew Margan)', '15 mins'],
  m7: ['INFORMATION: Update for Ofgem M7 delivery', 'Ofgem (Andy McFaul)', '10 mins'],
  m8: [
    'INFORMATION: Update from Code Bodies for M8 Code Implementation/go-live',
    'Code Bodies (Andrew Wallace), (Jacob Snowden), (DIP Manager)',
    '10 mins',
  ],
  'next-steps': ['INFORMATION: Summarise meeting actions and next steps', 'Chair & Secretariat', '5 mins'],
};

/**
 * The title of each section's page, as the seed prints it (not as its agenda words the item:
 * the agenda's "Reporting Milestones, CAG Risks and Code activities" is "Reporting Milestone,
 * CCAG Risks and Code Activities" on its page).
 */
export const seedSectionTitles: Readonly<Record<string, string>> = {
  cover: seedCover.title,
  agenda: 'Agenda',
  actions: 'Minutes and Actions',
  'horizon-scanning': 'Horizon Scanning Log',
  releases: seedReleasesTitle,
  reporting: 'Reporting Milestone, CCAG Risks and Code Activities',
  m7: 'M7 Delivery Update',
  m8: 'M8 Code Implementation Update',
  'next-steps': 'Summary and Next Steps',
};
