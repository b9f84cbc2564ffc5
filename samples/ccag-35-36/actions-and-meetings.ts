import { at, actionCommand as action, holdMeeting, meetingCommand as meeting, ukDay, type SampleStep } from './steps.ts';

/*
 * CCAG #35 (23/10/2024) raised four actions; the #36 pack recommends all four closed.
 * They are recorded before #35 is held, because holding a meeting freezes its pack after
 * its outcomes. Each is recommended closed on the day its update names (PSG on 06/11, QWG
 * on 12/11), else on 20/11/2024, when the pack's updates were gathered.
 *
 * Meetings: #35 was scheduled at #34 (25/09/2024, a stand-in) and #36 at #35; #37 and #38
 * come from the #36 pack's next steps. #36's agenda was first the forward plan's, then the
 * pack's own.
 */

const MEETING_35 = ukDay('23/10/2024');
const MEETING_36 = ukDay('27/11/2024');
const ACTIONS = 'CCAG #36 pack, minutes and actions';
const NEXT_STEPS = 'CCAG #36 pack, summary and next steps';

const STANDING_ITEMS = ['Headline report and actions', 'Programme updates', 'Horizon Scanning Log', 'CCAG Reporting', 'Next steps'];

/** The pack's agenda table, as printed (the Page column is the pack's layout, not register content). */
const CCAG36_AGENDA = [
  { title: 'Welcome', lead: 'Chair', time: '10:00-10:05 5 mins' },
  {
    title: 'Minutes and Actions',
    objective: 'Approve minutes of previous meeting and review outstanding actions',
    type: 'Decision',
    lead: 'Chair & Secretariat',
    time: '10:05-10:15 10 mins',
  },
  {
    title: 'Horizon Scanning Log',
    objective: 'Updates from all Code Bodies and the Programme on changes which may impact MHHS Programme',
    type: 'Discussion',
    lead: 'Programme & Code Bodies',
    time: '10:15-10:35 20 mins',
  },
  {
    title: 'Reporting Milestones, CAG Risks and Code activities',
    objective: 'Programme milestone status, risks and Post M6/Pre M8 Code Change Activities',
    type: 'Information',
    lead: 'Programme (Andrew Margan)',
    time: '10:35-10:50 15 mins',
  },
  {
    title: 'M7 Delivery Update',
    objective: 'Provide an update on Ofgem M7 delivery',
    type: 'Information',
    lead: 'Ofgem (Andy McFaul)',
    time: '10:50-11:00 10 mins',
  },
  {
    title: 'M8 Code Implementation Update',
    objective: 'Provide an update on Code Body M8 Implementation',
    type: 'Information',
    lead: 'Code Bodies (Andrew Wallace, Jacob Snowden, DIP Manager)',
    time: '11:00-11:15 15 mins',
  },
  {
    title: 'Programme Updates',
    objective: 'Updates from MHHS Programme governance groups and the wider Programme',
    type: 'Information',
    lead: 'Programme (Secretariat)',
    time: '11:15-11:15 0 mins',
  },
  {
    title: 'Summary and Next Steps',
    objective: 'Summarise meeting actions and next steps',
    type: 'Information',
    lead: 'Chair & Secretariat',
    time: '11:15-11:20 5 mins',
  },
  {
    title: 'Appendices',
    objective: 'Appendix 1 - M7 Delivery and M8 Implementation POAP\nAppendix 2 - MHHS related REC Category 3 POAP',
  },
] as const;

const raised: SampleStep[] = [
  {
    ref: 'CCAG35-01',
    text:
      'Code Bodies to bring a cross-code plan back to CCAG to understand how REC, DCUSA and DIP rules will be aligned ' +
      'to design and programme updates.',
    owner: { party: 'Code Bodies', person: null },
  },
  {
    ref: 'CCAG35-02',
    text: 'Code Bodies to confirm impacts to their releases following the recommendation of CR055.',
    owner: { party: 'Code Bodies', person: null },
  },
  {
    ref: 'CCAG35-03',
    text: 'Programme to confirm which PSG the post M6 DIN item update will be taken to following an update at TORWG.',
    owner: { party: 'Programme', person: 'Claire Silk' },
  },
  {
    ref: 'CCAG35-04',
    text:
      'REC to investigate the impact to Qualification of design updates and how that aligns to code drafting and ' +
      'participant Qualification.',
    owner: { party: 'REC', person: 'Andrew Wallace' },
  },
].map(({ ref, text, owner }, i) =>
  action(
    'RaiseAction',
    at(MEETING_35, `11:0${i}`),
    {
      ref,
      raisedOn: MEETING_35,
      text,
      owner,
      dueDate: ukDay('27/11/24'),
    },
    `${ACTIONS}: raised at CCAG #35`,
  ),
);

const recommendedClosed: SampleStep[] = [
  { ref: 'CCAG35-03', on: '2024-11-06', update: 'Principles were presented at the November PSG.' },
  { ref: 'CCAG35-04', on: '2024-11-12', update: 'Update provided at QWG on 12 November.' },
  { ref: 'CCAG35-01', on: '2024-11-20', update: 'See item number 4 for update.' },
  { ref: 'CCAG35-02', on: '2024-11-20', update: 'To be played back in meeting' },
].map(({ ref, on, update }) => action('RecommendActionClosed', at(on), { ref, update }, `${ACTIONS}: recommended closed`));

const meetings: SampleStep[] = [
  meeting(
    'ScheduleMeeting',
    at('2024-09-25'),
    {
      number: 35,
      date: MEETING_35,
      agenda: [
        'Headline report and actions',
        'Programme updates, including the progress of CR055',
        'Horizon Scanning Log',
        'M6 reporting: post-M6 code change process and top Programme risks relating to CCAG',
        'M7 delivery',
        'M8 code implementation',
      ],
    },
    'CCAG #36 pack, governance group updates: what CCAG 23 October 2024 covered',
  ),

  meeting(
    'ScheduleMeeting',
    at(MEETING_35, '11:30'),
    {
      number: 36,
      date: MEETING_36,
      agenda: ['M7 Updates', 'M8 Updates', 'Incremental code change', ...STANDING_ITEMS],
    },
    `${NEXT_STEPS}: forward plan for 27 November`,
  ),

  holdMeeting(35, MEETING_35, at(MEETING_35, '15:00'), 'CCAG #35 held; its pack is frozen here'),

  meeting('PlanMeetingAgenda', at('2024-11-20', '10:00'), { number: 36, agenda: [...CCAG36_AGENDA] }, 'CCAG #36 pack, agenda'),

  meeting(
    'ScheduleMeeting',
    at('2024-11-20', '10:05'),
    {
      number: 37,
      date: ukDay('18/12/2024'),
      agenda: ['M7 Updates', 'M8 Updates', 'Incremental code change', ...STANDING_ITEMS],
    },
    `${NEXT_STEPS}: next CCAG 18 December 2024 at 2pm`,
  ),

  meeting(
    'ScheduleMeeting',
    at('2024-11-20', '10:10'),
    {
      number: 38,
      date: ukDay('22/01/2025'),
      agenda: ['M8 Updates', 'Incremental code change update', ...STANDING_ITEMS],
    },
    `${NEXT_STEPS}: meeting of 22 January`,
  ),

  holdMeeting(36, MEETING_36, at(MEETING_36, '15:00'), 'CCAG #36 held; its pack is frozen here'),
];

export const actionAndMeetingSteps: readonly SampleStep[] = [...raised, ...recommendedClosed, ...meetings];
