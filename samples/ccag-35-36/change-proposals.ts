import { at, changeProposalCommand as cp, keyDate, planned, ukDay, type SampleStep } from './steps.ts';

/*
 * The Horizon Scanning Log of the CCAG #36 pack, with the history that leads to it.
 *
 * "Existing" CPs (and everything the pack does not file as new) are raised before #35 on
 * their date raised; the pack's "New" REC CPs are added to the log on 20/11/2024 ("Update
 * 20/11: Added to Horizon scanning log"), each keeping its date raised. Every "Update
 * 20/11" text is a dated update added on 20/11/2024.
 *
 * "Before" values the pack does not print, chosen to fit what it says happened:
 * - R0209: Under Development with decision date TBC at #35 (REC shows TBC until a CP goes
 *   to its decision-maker); sent to the Authority on 06/11/2024 with decision 11/12/2024.
 * - I0204: Under Development at #35; withdrawn on 20/11/2024 following CR-056.
 * - DCP445: Voting at #35 (the DCUSA voting period ended on 7 November); its Final Change
 *   Report went to the Authority with the other SCR reports on 08/11/2024 (milestone 9518),
 *   when its stakeholder positions gained DCUSA's reply to the one comment.
 * - P478 (BSC): the pack names it but prints no row. Its title is Elexon's; its date raised
 *   (01/08/2024, alongside R0209) is a stand-in. Report Phase with decision date TBC at
 *   #35; its Final Modification Report was submitted to Ofgem on 07/11/2024.
 * - DCR0001 (DIP): raised when its Initial Assessment was published (19/11/2024, a stand-in
 *   for the date raised, which the pack does not give), in consultation from 25/11/2024.
 * - R0098, R0108, R0150: the pack lists only their titles under the REC release of 08
 *   November 2024. Their dates raised are stand-ins; they were Approved at #35 and are
 *   Implemented by that release.
 * - DCP444, R0201, R0202: status and decision date unchanged since #35.
 */

const CCAG36 = 'CCAG #36 pack, Horizon Scanning Log';
const UPDATE_DAY = '2024-11-20';
const SCR_PROGRAMME_DECISION = ['cp:BSC:P478', 'cp:REC:R0209', 'cp:DCUSA:DCP445'] as const;
const REC_RELEASE = 'REC release 08 November 2024';

const dcusa: SampleStep[] = [
  cp(
    'RaiseChangeProposal',
    at(ukDay('03/09/2024')),
    {
      codeBody: 'DCUSA',
      ref: 'DCP444',
      title: 'Additional settlement runs',
      summary:
        'To describe how settlement runs, that will cause Supercustomer DUoS Reports (REP-002/A/B) to be created and sent ' +
        'under MHHS, that were not previously created as D0030/D0314 flows, will be handled.',
      stakeholderPositions: 'The Sponsor has withdrawn the change proposal',
      raisedOn: ukDay('03/09/2024'),
      status: 'New',
      decisionDate: planned('December 2024'),
      mhhsImpact: 'Depends on the solution',
    },
    `${CCAG36} (DCUSA)`,
  ),

  cp(
    'RaiseChangeProposal',
    at(ukDay('04/09/2024')),
    {
      codeBody: 'DCUSA',
      ref: 'DCP445',
      title: 'Implementation of Market-wide Half Hourly Settlement (MHHS) Arrangements',
      summary:
        'This Change Proposal will ensure that the appropriate obligations, processes and provisions for the new MHHS ' +
        'arrangements, which have been developed and consulted on as part of the MHHS Programme, are introduced into the DCUSA.',
      stakeholderPositions: dcp445Positions(false),
      raisedOn: ukDay('04/09/2024'),
      status: 'Voting',
      decisionDate: planned('11 December 2024'),
      mhhsImpact: 'Yes, this is the change proposal to support MHHS',
    },
    `${CCAG36} (DCUSA); status at #35 chosen: in its voting period`,
  ),

  cp(
    'ChangeChangeProposalStatus',
    at('2024-11-08'),
    {
      codeBody: 'DCUSA',
      ref: 'DCP445',
      status: 'Awaiting Authority approval',
    },
    'Voting ended 07/11 with all voters in support; Final Change Report submitted 08/11 (milestone 9518)',
  ),

  cp(
    'EditChangeProposal',
    at('2024-11-08', '09:05'),
    {
      codeBody: 'DCUSA',
      ref: 'DCP445',
      stakeholderPositions: dcp445Positions(true),
    },
    `${CCAG36} (DCUSA): reply to the consultation comment`,
  ),
];

function dcp445Positions(withReply: boolean): string {
  const consultation =
    'The change proposal was supported by stakeholders. Only one comment received:\n' +
    '“There is a reference to “REP002” in Schedule 16, para 128, which we think should be to “REP-002B” to reference ' +
    'the correct message and align with the definition of Supercustomer DUoS Report”.';
  const reply =
    'This comment is correct. It is a minor error and was omitted when the message was split. ' + 'Awaiting feedback from the Authority.';
  return withReply ? `${consultation}\n${reply}` : consultation;
}

const recExisting: SampleStep[] = [
  cp(
    'RaiseChangeProposal',
    at(ukDay('02/08/2024')),
    {
      codeBody: 'REC',
      ref: 'R0201',
      title: 'Creation of a Tool to Manually Correct ERDS/CSS Discrepancies',
      summary:
        'There is currently a tool utilised by DNOs to manually correct registration data to align the Registered Supplier ' +
        'in ERDS with the data held in CSS. The MHHS Design does not allow for retrospective amendment of Supplier ' +
        'Registration - there is no equivalent tool for manual correction post MHHS go live (M10). Therefore, post MHHS ' +
        'implementation, any issues which prevent CSS data being reflected in ERDS cannot be corrected.',
      stakeholderPositions: 'Supportive',
      raisedOn: ukDay('02/08/2024'),
      status: 'Under Development',
      decisionDate: planned('TBC'),
      mhhsImpact: 'Design impact being delivered by BAU',
    },
    `${CCAG36} (REC, existing)`,
  ),

  cp(
    'RaiseChangeProposal',
    at(ukDay('02/08/2024'), '09:05'),
    {
      codeBody: 'REC',
      ref: 'R0209',
      title: 'Implementation of MHHS Arrangements',
      summary: 'This change is the main Significant Code Review CP for the REC to implement the MHHS arrangements.',
      stakeholderPositions: 'Supportive',
      raisedOn: ukDay('02/08/2024'),
      status: 'Under Development',
      decisionDate: planned('TBC'),
      mhhsImpact: 'Direct impact',
    },
    `${CCAG36} (REC, existing); status and decision date at #35 chosen`,
  ),

  cp(
    'RaiseChangeProposal',
    at(ukDay('08/08/2024')),
    {
      codeBody: 'REC',
      ref: 'R0202',
      title: 'Performance Assurance Reporting Catalogue Updates (MHHS)',
      summary:
        'The Performance Assurance Report Catalogue (PARC) requires updating following an impact assessment that ' +
        'identifies the requirements to support changes being introduced by MHHS.',
      stakeholderPositions: 'TBC',
      raisedOn: ukDay('08/08/2024'),
      status: 'Under Development',
      decisionDate: planned('TBC'),
      mhhsImpact: 'Supports MHHS implementation',
    },
    `${CCAG36} (REC, existing)`,
  ),

  cp(
    'RaiseChangeProposal',
    at(ukDay('15/08/2024')),
    {
      codeBody: 'REC',
      ref: 'I0204',
      title: 'Sequence Order of CSS00200 Message',
      summary:
        'As each CSS00200 message is a refresh of all the current & future dated Metering Service (MEM) and Smart Meter ' +
        'Data Retriever (SMDR) appointments the ordering that the messages are loaded into CSS must be correct. If loaded ' +
        'out of order, the wrong active MEM/MDR appointment can be recorded. Currently there is no mechanism to control ' +
        'the correct ordering of the messages. This issue will explore the options to resolve this.',
      stakeholderPositions: 'TBC',
      raisedOn: ukDay('15/08/2024'),
      status: 'Under Development',
      decisionDate: planned('TBC'),
      mhhsImpact: 'Supports MHHS implementation',
    },
    `${CCAG36} (REC, existing); status at #35 chosen`,
  ),

  cp(
    'ChangeChangeProposalStatus',
    at(ukDay('06/11/2024')),
    {
      codeBody: 'REC',
      ref: 'R0209',
      status: 'Awaiting Authority decision',
    },
    'The Change Report (Final Recommendation) was sent to the Authority for decision on 06/11/2024',
  ),

  cp(
    'SetDecisionDate',
    at(ukDay('06/11/2024'), '09:05'),
    {
      codeBody: 'REC',
      ref: 'R0209',
      decisionDate: planned('11/12/2024'),
    },
    'Authority decision due at M7 (11/12/2024)',
  ),

  cp(
    'AddChangeProposalUpdate',
    at(UPDATE_DAY),
    {
      codeBody: 'REC',
      ref: 'R0201',
      on: UPDATE_DAY,
      text: 'Party impact assessment has been published, closing on 29/11. Solution documentation can be found on the REC Portal CP page.',
    },
    `${CCAG36}: Update 20/11`,
  ),

  cp(
    'AddChangeProposalUpdate',
    at(UPDATE_DAY),
    {
      codeBody: 'REC',
      ref: 'R0202',
      on: UPDATE_DAY,
      text:
        'A re-baselined Change Proposal Plan has been approved which pushes back the impact assessment period to Q1 2025 ' +
        'as the DIP reporting arrangements are still being developed preventing the DIP Manager from completing its assessment.',
    },
    `${CCAG36}: Update 20/11`,
  ),

  // The update first: a withdrawn CP takes no further updates.
  cp(
    'AddChangeProposalUpdate',
    at(UPDATE_DAY),
    {
      codeBody: 'REC',
      ref: 'I0204',
      on: UPDATE_DAY,
      text:
        'This issue has been withdrawn following Programme CR-056 approval. Updates to the REC will be progressed ' +
        'alongside other impacting MHHS design updates required for M8/M10 implementation.',
    },
    `${CCAG36}: Update 20/11`,
  ),

  cp(
    'WithdrawChangeProposal',
    at(UPDATE_DAY, '09:05'),
    {
      codeBody: 'REC',
      ref: 'I0204',
      on: UPDATE_DAY,
      statement: 'This issue has been withdrawn following Programme CR-056 approval.',
    },
    `${CCAG36}: Update 20/11`,
  ),

  cp(
    'AddChangeProposalUpdate',
    at(UPDATE_DAY),
    {
      codeBody: 'REC',
      ref: 'R0209',
      on: UPDATE_DAY,
      text: 'The Change Report (Final Recommendation) was sent to the Authority for decision on 06/11/2024.',
    },
    `${CCAG36}: Update 20/11`,
  ),
];

/** The pack's "New" REC CPs, added to the log on 20/11 with their original dates raised. */
const recNew: SampleStep[] = [
  ...addedToLog(
    {
      codeBody: 'REC',
      ref: 'I0190',
      title: 'Related Meter Point RMP status rules',
      summary:
        'The issue is to look at how MPAN relationship validation is managed within the registration systems, which is ' +
        'inconsistent with the current code drafting in Schedule 28. Note that initial analysis suggests this issue is ' +
        'limited in the current market, with c. 20 MPAN relationships currently impacted. It has also been identified that ' +
        'allowing MPANs with different RMP statuses to be related may cause issues with the auto registration processes ' +
        'that will operate under MHHS.',
      stakeholderPositions: 'TBC',
      raisedOn: ukDay('02/08/2024'),
      status: 'Initial Assessment',
      decisionDate: planned('TBC'),
      mhhsImpact: 'Of interest',
    },
    'Added to Horizon scanning log. Initial assessment being progressed.',
  ),

  ...addedToLog(
    {
      codeBody: 'REC',
      ref: 'R0193',
      title: 'Add Enumeration Values to the DI51035 - Communications Provider Data Item',
      summary:
        "This change is a supporting change to P442 ' Reporting to EMRS of chargeable volumes for SVA Metering Systems " +
        'that record both exempt and licensed supply" for the industry to maintain an ongoing list of valid Communications ' +
        'Providers after it is removed from MDD, Enumeration Values will be added to the Communication Provider Data Item ' +
        '(DI51035/J1709) which is a REC-owned data item.',
      stakeholderPositions: 'Supportive',
      raisedOn: ukDay('08/08/2024'),
      status: 'Voting',
      decisionDate: planned('27/11/2024'),
      mhhsImpact: 'Of interest',
    },
    'Added to Horizon Scanning log. The Change Report (Final Recommendation) was published on 19/11 for decision by the ' +
      'Technical Expert Panel on 27/11.',
  ),

  ...addedToLog(
    {
      codeBody: 'REC',
      ref: 'I0222',
      title: 'ESME ID Update Rejections',
      summary:
        'Issue raised to address the inability to update ESME IDs as part of Data Cleanse and Metering Activities due to ' +
        'the MPRS Validation Rules currently in place.',
      stakeholderPositions: 'TBC',
      raisedOn: ukDay('15/08/2024'),
      status: 'New',
      decisionDate: planned('TBC'),
      mhhsImpact: 'Of interest',
    },
    'Added to Horizon scanning log.',
  ),
];

function addedToLog(row: Parameters<typeof cp<'RaiseChangeProposal'>>[2], update: string): SampleStep[] {
  const { codeBody, ref } = row;
  return [
    cp('RaiseChangeProposal', at(UPDATE_DAY), row, `${CCAG36} (REC, new): added to the log 20/11`),
    cp('AddChangeProposalUpdate', at(UPDATE_DAY, '09:05'), { codeBody, ref, on: UPDATE_DAY, text: update }, `${CCAG36}: Update 20/11`),
  ];
}

/** P478, R0209 and DCP445 implement one programme decision: each names the other two. */
const scrProgrammeDecision: SampleStep[] = [
  cp(
    'RaiseChangeProposal',
    at(ukDay('01/08/2024')),
    {
      codeBody: 'BSC',
      ref: 'P478',
      title: 'Implementation of Market-wide Half Hourly Settlement (MHHS) Arrangements',
      summary:
        'The BSC Significant Code Review modification for MHHS: introduces into the BSC, its Code Subsidiary Documents and ' +
        'Configurable Items the obligations, processes and provisions for the MHHS arrangements developed and consulted on ' +
        'by the MHHS Programme.',
      raisedOn: ukDay('01/08/2024'),
      status: 'Report Phase',
      decisionDate: planned('TBC'),
      mhhsImpact: 'Direct impact',
    },
    'CCAG #36 pack, BSC M8 milestones (P478); title from Elexon, date raised a stand-in',
  ),

  ...SCR_PROGRAMME_DECISION.map((id) => {
    const [, codeBody, ref] = id.split(':') as [string, string, string];
    return cp(
      'RelateChangeProposalToChangeProposals',
      at(ukDay('04/09/2024'), '09:05'),
      {
        codeBody,
        ref,
        add: SCR_PROGRAMME_DECISION.filter((other) => other !== id),
      },
      'P478, R0209 and DCP445 implement the one MHHS programme decision (Ofgem M7)',
    );
  }),

  cp(
    'ChangeChangeProposalStatus',
    at(ukDay('07/11/2024')),
    {
      codeBody: 'BSC',
      ref: 'P478',
      status: 'Awaiting Authority decision',
    },
    'CCAG #36 pack, BSC M8: Final SCR Modification Report submitted to Ofgem on 7 November 2024',
  ),

  cp(
    'SetDecisionDate',
    at(ukDay('07/11/2024'), '09:05'),
    {
      codeBody: 'BSC',
      ref: 'P478',
      decisionDate: planned('11/12/2024'),
    },
    'Ofgem decisions on or before M7 (11/12/2024)',
  ),
];

const dip: SampleStep[] = [
  cp(
    'RaiseChangeProposal',
    at('2024-11-19'),
    {
      codeBody: 'DIP',
      ref: 'DCR0001',
      title: 'Align the DIP Rules to the MHHS Design',
      summary:
        'DCR0001 proposes that the DIP Rules be updated to include five missing NFRs, as identified during a traceability ' +
        'exercise. It will progress as a Tier Two DIP CR (decision by DIP Manager) with an industry consultation.',
      raisedOn: '2024-11-19',
      status: 'Initial Assessment',
      decisionDate: planned('6 January 2025'),
      mhhsImpact: 'Direct impact',
      keyDates: [
        keyDate('Initial Assessment published', '19 November 2024'),
        keyDate('Industry Consultation (15WDs)', '25 November 2024 – 12 December 2024'),
        keyDate('Final Assessment published', '30 December 2024'),
        keyDate('Decision published', '6 January 2025'),
        keyDate('Proposed Implementation Date', '27 February 2025'),
      ],
    },
    'CCAG #36 pack, DIP Manager milestone reporting: DCR0001 raised and Initial Assessment Report published',
  ),

  cp(
    'ChangeChangeProposalStatus',
    at('2024-11-25'),
    {
      codeBody: 'DIP',
      ref: 'DCR0001',
      status: 'Consultation',
    },
    'Industry Consultation (15WDs) opened 25 November 2024',
  ),
];

const recRelease: SampleStep[] = [
  ...[
    { ref: 'R0098', title: 'Optional fuzzy searching in EES', raisedOn: '2023-03-15' },
    { ref: 'R0108', title: 'Enabling EES searches using a Unique Property Reference Number', raisedOn: '2023-05-10' },
    {
      ref: 'R0150',
      title: 'On-site Aggregation as a method to facilitate Third Party Access - BSC P455',
      raisedOn: '2023-12-06',
    },
  ].flatMap(({ ref, title, raisedOn }) => [
    cp(
      'RaiseChangeProposal',
      at(raisedOn),
      {
        codeBody: 'REC',
        ref,
        title,
        summary: `${title}. Delivered in the ${REC_RELEASE}; detail on the Release pages of the REC portal.`,
        raisedOn,
        status: 'Approved',
        mhhsImpact: 'Of interest',
      },
      'CCAG #36 pack, REC releases with Horizon Scanning log changes included; date raised a stand-in',
    ),
    cp(
      'AssignChangeProposalToRelease',
      at(ukDay('08/11/2024')),
      { codeBody: 'REC', ref, release: REC_RELEASE },
      'CCAG #36 pack: REC release of 08 November 2024',
    ),
    cp(
      'ChangeChangeProposalStatus',
      at(ukDay('08/11/2024'), '09:05'),
      { codeBody: 'REC', ref, status: 'Implemented' },
      'Implemented by the REC release of 08 November 2024',
    ),
  ]),
];

export const changeProposalSteps: readonly SampleStep[] = [
  ...dcusa,
  ...recExisting,
  ...recNew,
  ...scrProgrammeDecision,
  ...dip,
  ...recRelease,
];
