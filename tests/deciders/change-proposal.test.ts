import { describe, expect, it } from 'vitest';
import { commandsOf, deciderSpec } from '../support/decider-spec.ts';
import { InvalidTransitionError, NotFoundError, ValidationError } from '../../services/core/errors.ts';
import { defaultRegisterRules as rules } from '../../schema/rules.ts';
import {
  changeProposalCommandSchemas,
  changeProposalDecider,
  changeProposalEventDefinitions,
  changeProposalModule,
  type ChangeProposalCommand,
  type ChangeProposalCommandData,
  type ChangeProposalCommandType,
  type ChangeProposalEvent,
  type ChangeProposalView,
} from '../../services/change-proposal/index.ts';

const spec = deciderSpec(changeProposalDecider);
const TBC = { kind: 'tbc' } as const;
const day = (date: string) => ({ kind: 'date', date }) as const;

type Raised = Extract<ChangeProposalEvent, { type: 'ChangeProposalRaised' }>;
const raised = (data: Partial<Raised['data']> & Pick<Raised['data'], 'codeBody' | 'ref'>): Raised => ({
  type: 'ChangeProposalRaised',
  data: {
    title: `${data.ref} title`,
    summary: `${data.ref} summary`,
    stakeholderPositions: 'TBC',
    raisedOn: '2024-08-02',
    status: 'New',
    decisionDate: TBC,
    mhhsImpact: 'Of interest',
    keyDates: [],
    release: null,
    relatedChangeProposals: [],
    ...data,
  },
});

const R0209 = { codeBody: 'REC', ref: 'R0209' } as const;
const r0209Raised = raised({
  ...R0209,
  title: 'Implementation of MHHS Arrangements',
  summary: 'This change is the main Significant Code Review CP for the REC to implement the MHHS arrangements.',
  stakeholderPositions: 'Supportive',
  raisedOn: '2024-08-02',
  status: 'Awaiting Authority decision',
  decisionDate: day('2024-12-11'),
  mhhsImpact: 'Direct impact',
});

const I0204 = { codeBody: 'REC', ref: 'I0204' } as const;
const i0204Raised = raised({
  ...I0204,
  title: 'Sequence Order of CSS00200 Message',
  raisedOn: '2024-08-15',
  status: 'Initial Assessment',
  mhhsImpact: 'Supports MHHS implementation',
});
const i0204Withdrawn: ChangeProposalEvent = {
  type: 'ChangeProposalWithdrawn',
  data: {
    on: '2024-11-20',
    statement: 'This issue has been withdrawn following Programme CR-056 approval.',
    from: 'Initial Assessment',
  },
};

const R0193 = { codeBody: 'REC', ref: 'R0193' } as const;
const r0193Raised = raised({ ...R0193, status: 'Voting', decisionDate: day('2024-11-27'), stakeholderPositions: 'Supportive' });
const r0193Rejected: ChangeProposalEvent = { type: 'ChangeProposalStatusChanged', data: { from: 'Voting', to: 'Rejected' } };

const DCR0001 = { codeBody: 'DIP', ref: 'DCR0001' } as const;
const dcr0001KeyDates = [
  { event: 'Initial Assessment published', date: day('2024-11-19') },
  { event: 'Industry Consultation (15WDs)', date: { kind: 'range', from: day('2024-11-25'), to: day('2024-12-12') } },
  { event: 'Final Assessment published', date: day('2024-12-30') },
  { event: 'Decision published', date: day('2025-01-06') },
  { event: 'Proposed Implementation Date', date: day('2025-02-27') },
] as const;

const { command, badPaths } = commandsOf(changeProposalCommandSchemas, rules);
const parse = <T extends ChangeProposalCommandType>(type: T, input: unknown) => command(type, input).data as ChangeProposalCommandData<T>;

describe('raising a change proposal', () => {
  it('records every field the Horizon Scanning Log shows (DCUSA DCP444)', () => {
    const data = parse('RaiseChangeProposal', {
      codeBody: 'DCUSA',
      ref: 'DCP444',
      title: 'Additional settlement runs',
      summary: 'To describe how settlement runs ... will be handled.',
      stakeholderPositions: 'The Sponsor has withdrawn the change proposal',
      raisedOn: '2024-09-03',
      status: 'New',
      decisionDate: { kind: 'month', year: 2024, month: 12 },
      mhhsImpact: 'Depends on the solution',
      relatedChangeProposals: ['cp:DCUSA:DCP445'],
    });
    spec
      .given([])
      .when({ type: 'RaiseChangeProposal', data })
      .then([
        raised({
          codeBody: 'DCUSA',
          ref: 'DCP444',
          title: 'Additional settlement runs',
          summary: 'To describe how settlement runs ... will be handled.',
          stakeholderPositions: 'The Sponsor has withdrawn the change proposal',
          raisedOn: '2024-09-03',
          status: 'New',
          decisionDate: { kind: 'month', year: 2024, month: 12 },
          mhhsImpact: 'Depends on the solution',
          relatedChangeProposals: ['cp:DCUSA:DCP445'],
        }),
      ]);
  });

  it('defaults status to New, decision date to TBC, and leaves positions, release, key dates and relations empty', () => {
    const data = parse('RaiseChangeProposal', {
      codeBody: 'REC',
      ref: 'I0222',
      title: 'ESME ID Update Rejections',
      summary: 'Issue raised to address the inability to update ESME IDs.',
      raisedOn: '2024-08-15',
      mhhsImpact: 'Of interest',
    });
    spec
      .given([])
      .when({ type: 'RaiseChangeProposal', data })
      .then([
        raised({
          codeBody: 'REC',
          ref: 'I0222',
          title: 'ESME ID Update Rejections',
          summary: 'Issue raised to address the inability to update ESME IDs.',
          stakeholderPositions: null,
          raisedOn: '2024-08-15',
          status: 'New',
          decisionDate: TBC,
          mhhsImpact: 'Of interest',
        }),
      ]);
  });

  it('keeps DCR0001 key dates, including the consultation range', () => {
    const data = parse('RaiseChangeProposal', {
      ...DCR0001,
      title: 'Align DIP Rules to MHHS Design',
      summary: 'DIP Rules to include five missing NFRs.',
      raisedOn: '2024-11-19',
      status: 'Initial Assessment',
      mhhsImpact: 'Direct impact',
      keyDates: dcr0001KeyDates,
    });
    spec
      .given([])
      .when({ type: 'RaiseChangeProposal', data })
      .thenState((cp) => {
        expect(cp?.keyDates).toEqual(dcr0001KeyDates);
      });
  });

  it('refuses to raise the same CP twice', () => {
    spec
      .given([r0209Raised])
      .when({ type: 'RaiseChangeProposal', data: r0209Raised.data })
      .thenThrows(InvalidTransitionError, /already been raised/);
  });

  it('refuses a CP related to itself', () => {
    spec
      .given([])
      .when({ type: 'RaiseChangeProposal', data: { ...r0209Raised.data, relatedChangeProposals: ['cp:BSC:P478', 'cp:REC:R0209'] } })
      .thenThrows(ValidationError, /cp:REC:R0209 cannot be related to itself/);
  });
});

describe('a CP that does not exist yet', () => {
  const before: ChangeProposalCommand[] = [
    { type: 'EditChangeProposal', data: { ...R0209, title: 'x' } },
    { type: 'ChangeChangeProposalStatus', data: { ...R0209, status: 'Voting' } },
    { type: 'WithdrawChangeProposal', data: { ...R0209, on: '2024-11-20', statement: 'x' } },
    { type: 'ReinstateChangeProposal', data: { ...R0209 } },
    { type: 'CorrectChangeProposal', data: { ...R0209, fields: { title: 'x' }, reason: 'typo' } },
  ];
  it.each(before)('is not found by $type', (command) => {
    spec
      .given([])
      .when(command)
      .thenThrows(NotFoundError, /Change proposal cp:REC:R0209 does not exist/);
  });
});

describe('editing the details', () => {
  it('records only the fields that changed', () => {
    spec
      .given([r0209Raised])
      .when({
        type: 'EditChangeProposal',
        data: { ...R0209, title: r0209Raised.data.title, stakeholderPositions: 'Supportive, with one comment' },
      })
      .then([{ type: 'ChangeProposalDetailsEdited', data: { stakeholderPositions: 'Supportive, with one comment' } }]);
  });

  it('writes nothing when every given field already has that value', () => {
    spec
      .given([r0209Raised])
      .when({ type: 'EditChangeProposal', data: { ...R0209, mhhsImpact: 'Direct impact' } })
      .thenNothing();
  });

  it('refuses an edit that names no field', () => {
    spec
      .given([r0209Raised])
      .when({ type: 'EditChangeProposal', data: { ...R0209 } })
      .thenThrows(ValidationError, /at least one of title/);
  });
});

describe('status and decision date', () => {
  it('records a status change with where it came from (R0193 to Voting)', () => {
    spec
      .given([raised({ ...R0193, status: 'Under Development' })])
      .when({ type: 'ChangeChangeProposalStatus', data: { ...R0193, status: 'Voting' } })
      .then([{ type: 'ChangeProposalStatusChanged', data: { from: 'Under Development', to: 'Voting' } }]);
  });

  it('writes nothing when the status is already that', () => {
    spec
      .given([r0193Raised])
      .when({ type: 'ChangeChangeProposalStatus', data: { ...R0193, status: 'Voting' } })
      .thenNothing();
  });

  it('moves the decision date from a month to a day', () => {
    spec
      .given([raised({ codeBody: 'DCUSA', ref: 'DCP445', decisionDate: { kind: 'month', year: 2024, month: 12 } })])
      .when({ type: 'SetDecisionDate', data: { codeBody: 'DCUSA', ref: 'DCP445', decisionDate: day('2024-12-11') } })
      .then([{ type: 'DecisionDateChanged', data: { from: { kind: 'month', year: 2024, month: 12 }, to: day('2024-12-11') } }]);
  });

  it('writes nothing when the decision date is the same', () => {
    spec
      .given([r0209Raised])
      .when({ type: 'SetDecisionDate', data: { ...R0209, decisionDate: day('2024-12-11') } })
      .thenNothing();
  });
});

describe('updates, key dates and release', () => {
  const r0201 = { codeBody: 'REC', ref: 'R0201' } as const;
  const update = { on: '2024-11-20', text: 'Party impact assessment has been published, closing on 29/11.' };

  it('adds a dated update', () => {
    spec
      .given([raised({ ...r0201, status: 'Under Development' })])
      .when({ type: 'AddChangeProposalUpdate', data: { ...r0201, ...update } })
      .then([{ type: 'ChangeProposalUpdateAdded', data: update }]);
  });

  it('does not add the same update twice', () => {
    spec
      .given([raised(r0201), { type: 'ChangeProposalUpdateAdded', data: update }])
      .when({ type: 'AddChangeProposalUpdate', data: { ...r0201, ...update } })
      .thenNothing();
  });

  it('sets the key dates, and writes nothing when they are unchanged', () => {
    const keyDates = dcr0001KeyDates.map((k) => ({ ...k }));
    spec
      .given([raised(DCR0001)])
      .when({ type: 'SetKeyDates', data: { ...DCR0001, keyDates } })
      .then([{ type: 'KeyDatesSet', data: { keyDates } }]);
    spec
      .given([raised(DCR0001), { type: 'KeyDatesSet', data: { keyDates } }])
      .when({ type: 'SetKeyDates', data: { ...DCR0001, keyDates } })
      .thenNothing();
  });

  it('assigns to a release and takes it out again', () => {
    const inRelease = { type: 'ChangeProposalAssignedToRelease', data: { from: null, to: 'November 2024' } } as const;
    spec
      .given([raised(r0201)])
      .when({ type: 'AssignChangeProposalToRelease', data: { ...r0201, release: 'November 2024' } })
      .then([inRelease]);
    spec
      .given([raised(r0201), inRelease])
      .when({ type: 'AssignChangeProposalToRelease', data: { ...r0201, release: null } })
      .then([{ type: 'ChangeProposalAssignedToRelease', data: { from: 'November 2024', to: null } }]);
    spec
      .given([raised(r0201), inRelease])
      .when({ type: 'AssignChangeProposalToRelease', data: { ...r0201, release: 'November 2024' } })
      .thenNothing();
  });
});

describe('withdrawal, rejection and reinstatement', () => {
  it('withdraws I0204 with the date, the statement and the status it had', () => {
    spec
      .given([i0204Raised])
      .when({ type: 'WithdrawChangeProposal', data: { ...I0204, on: '2024-11-20', statement: i0204Withdrawn.data.statement } })
      .then([i0204Withdrawn]);
  });

  const refusedWhenClosed = (keys: { codeBody: string; ref: string }): ChangeProposalCommand[] => [
    { type: 'EditChangeProposal', data: { ...keys, title: 'new title' } },
    { type: 'ChangeChangeProposalStatus', data: { ...keys, status: 'Under Development' } },
    { type: 'SetDecisionDate', data: { ...keys, decisionDate: day('2025-01-06') } },
    { type: 'AddChangeProposalUpdate', data: { ...keys, on: '2024-11-21', text: 'late update' } },
    { type: 'SetKeyDates', data: { ...keys, keyDates: [] } },
    { type: 'AssignChangeProposalToRelease', data: { ...keys, release: 'February 2025' } },
    { type: 'WithdrawChangeProposal', data: { ...keys, on: '2024-11-21', statement: 'again' } },
    { type: 'RelateChangeProposalToChangeProposals', data: { ...keys, add: ['cp:REC:R0209'], remove: [] } },
  ];

  it.each(refusedWhenClosed(I0204))('a withdrawn CP refuses $type', (command) => {
    spec
      .given([i0204Raised, i0204Withdrawn])
      .when(command)
      .thenThrows(InvalidTransitionError, /withdrawn/);
  });

  it.each(refusedWhenClosed(R0193))('a rejected CP refuses $type', (command) => {
    spec
      .given([r0193Raised, r0193Rejected])
      .when(command)
      .thenThrows(InvalidTransitionError, /rejected/);
  });

  it('rejection is a status change, then the CP is closed', () => {
    spec
      .given([r0193Raised])
      .when({ type: 'ChangeChangeProposalStatus', data: { ...R0193, status: 'Rejected' } })
      .thenState((cp) => {
        expect(cp?.status).toBe('Rejected');
        expect(cp?.statusBeforeClosure).toBe('Voting');
      });
  });

  it('reinstating restores the status before withdrawal and clears the withdrawal', () => {
    spec
      .given([i0204Raised, i0204Withdrawn])
      .when({ type: 'ReinstateChangeProposal', data: { ...I0204 } })
      .thenState((cp) => {
        expect(cp).toMatchObject({ status: 'Initial Assessment', withdrawal: null, statusBeforeClosure: null });
      });
    spec
      .given([i0204Raised, i0204Withdrawn])
      .when({ type: 'ReinstateChangeProposal', data: { ...I0204 } })
      .then([{ type: 'ChangeProposalReinstated', data: { from: 'Withdrawn', to: 'Initial Assessment' } }]);
  });

  it('reinstating a rejected CP restores the status before rejection, or the one given', () => {
    spec
      .given([r0193Raised, r0193Rejected])
      .when({ type: 'ReinstateChangeProposal', data: { ...R0193 } })
      .then([{ type: 'ChangeProposalReinstated', data: { from: 'Rejected', to: 'Voting' } }]);
    spec
      .given([r0193Raised, r0193Rejected])
      .when({ type: 'ReinstateChangeProposal', data: { ...R0193, status: 'Under Development' } })
      .then([{ type: 'ChangeProposalReinstated', data: { from: 'Rejected', to: 'Under Development' } }]);
  });

  it('an open CP cannot be reinstated', () => {
    spec
      .given([r0209Raised])
      .when({ type: 'ReinstateChangeProposal', data: { ...R0209 } })
      .thenThrows(InvalidTransitionError, /nothing to reinstate/);
  });

  it('a withdrawn CP can still be corrected', () => {
    spec
      .given([i0204Raised, i0204Withdrawn])
      .when({ type: 'CorrectChangeProposal', data: { ...I0204, fields: { raisedOn: '2024-08-16' }, reason: 'date raised mistyped' } })
      .then([{ type: 'ChangeProposalCorrected', data: { fields: { raisedOn: '2024-08-16' }, reason: 'date raised mistyped' } }]);
  });
});

describe('relating CPs (P478, R0209 and DCP445 implement one programme decision)', () => {
  it('adds and removes related CPs', () => {
    spec
      .given([raised({ ...R0209, relatedChangeProposals: ['cp:REC:R0202'] })])
      .when({
        type: 'RelateChangeProposalToChangeProposals',
        data: { ...R0209, add: ['cp:BSC:P478', 'cp:DCUSA:DCP445'], remove: ['cp:REC:R0202'] },
      })
      .then([
        {
          type: 'ChangeProposalRelatedChangeProposalsChanged',
          data: { added: ['cp:BSC:P478', 'cp:DCUSA:DCP445'], removed: ['cp:REC:R0202'] },
        },
      ]);
  });

  it('reports only what changes, and nothing when nothing does', () => {
    const related = raised({ ...R0209, relatedChangeProposals: ['cp:BSC:P478'] });
    spec
      .given([related])
      .when({
        type: 'RelateChangeProposalToChangeProposals',
        data: { ...R0209, add: ['cp:BSC:P478', 'cp:DCUSA:DCP445'], remove: ['cp:REC:R0201'] },
      })
      .then([{ type: 'ChangeProposalRelatedChangeProposalsChanged', data: { added: ['cp:DCUSA:DCP445'], removed: [] } }]);
    spec
      .given([related])
      .when({ type: 'RelateChangeProposalToChangeProposals', data: { ...R0209, add: ['cp:BSC:P478'], remove: ['cp:REC:R0201'] } })
      .thenNothing();
  });

  it('never relates a CP to itself', () => {
    spec
      .given([r0209Raised])
      .when({ type: 'RelateChangeProposalToChangeProposals', data: { ...R0209, add: ['cp:REC:R0209'], remove: [] } })
      .thenThrows(ValidationError, /itself/);
  });

  it('refuses to add and remove the same CP at once', () => {
    spec
      .given([r0209Raised])
      .when({ type: 'RelateChangeProposalToChangeProposals', data: { ...R0209, add: ['cp:BSC:P478'], remove: ['cp:BSC:P478'] } })
      .thenThrows(ValidationError, /also in add/);
  });
});

describe('corrections', () => {
  it('records only the fields that differ, with the reason', () => {
    spec
      .given([r0209Raised])
      .when({
        type: 'CorrectChangeProposal',
        data: {
          ...R0209,
          fields: { title: r0209Raised.data.title, raisedOn: '2024-08-03', decisionDate: day('2024-12-11'), release: 'February 2025' },
          reason: 'copied from the wrong row',
        },
      })
      .then([
        {
          type: 'ChangeProposalCorrected',
          data: { fields: { raisedOn: '2024-08-03', release: 'February 2025' }, reason: 'copied from the wrong row' },
        },
      ]);
  });

  it('can rewrite a mistyped update', () => {
    const wrong = { on: '2024-11-02', text: 'Sent to the Authority.' };
    const right = { on: '2024-11-20', text: 'The Change Report was sent to the Authority for decision on 06/11/2024.' };
    spec
      .given([r0209Raised, { type: 'ChangeProposalUpdateAdded', data: wrong }])
      .when({ type: 'CorrectChangeProposal', data: { ...R0209, fields: { updates: [right] }, reason: 'wrong date' } })
      .thenState((cp) => expect(cp?.updates).toEqual([right]));
  });

  it('writes nothing when every given field already has that value', () => {
    spec
      .given([r0209Raised])
      .when({ type: 'CorrectChangeProposal', data: { ...R0209, fields: { mhhsImpact: 'Direct impact' }, reason: 'check' } })
      .thenNothing();
  });

  it('needs at least one field and a reason', () => {
    spec
      .given([r0209Raised])
      .when({ type: 'CorrectChangeProposal', data: { ...R0209, fields: {}, reason: 'nothing' } })
      .thenThrows(ValidationError, /fields/);
    spec
      .given([r0209Raised])
      .when({ type: 'CorrectChangeProposal', data: { ...R0209, fields: { title: 'MHHS' }, reason: '  ' } })
      .thenThrows(ValidationError, /reason/);
  });
});

describe('command schemas', () => {
  const r0209Input = {
    codeBody: 'REC',
    ref: 'R0209',
    title: 'Implementation of MHHS Arrangements',
    summary: 'The main SCR CP for the REC.',
    raisedOn: '2024-08-02',
    mhhsImpact: 'Direct impact',
  };

  it('trims text and dates', () => {
    const data = parse('RaiseChangeProposal', {
      ...r0209Input,
      ref: ' R0209 ',
      title: '  Implementation of MHHS Arrangements ',
      raisedOn: ' 2024-08-02',
    });
    expect(data).toMatchObject({ ref: 'R0209', title: 'Implementation of MHHS Arrangements', raisedOn: '2024-08-02' });
  });

  it('names every bad field at once', () => {
    expect(
      badPaths('RaiseChangeProposal', {
        ...r0209Input,
        ref: 'R209',
        title: '   ',
        raisedOn: '30/02/24',
        status: 'Pending',
        relatedChangeProposals: ['R0201'],
      }).sort(),
    ).toEqual(['raisedOn', 'ref', 'relatedChangeProposals.0', 'status', 'title']);
  });

  it('reports a ref the code body does not issue at ref', () => {
    expect(badPaths('SetDecisionDate', { codeBody: 'BSC', ref: 'R0209', decisionDate: TBC })).toEqual(['ref']);
    expect(badPaths('RaiseChangeProposal', { ...r0209Input, codeBody: 'DCUSA', ref: 'DCP44' })).toEqual(['ref']);
  });

  it('reports an unknown code body at codeBody only', () => {
    expect(badPaths('RaiseChangeProposal', { ...r0209Input, codeBody: 'XYZ' })).toEqual(['codeBody']);
  });

  it('rejects a misspelt field rather than ignoring it', () => {
    expect(badPaths('EditChangeProposal', { ...R0209, titel: 'x', title: 'y' })).toEqual(['titel']);
  });

  it('treats null as "not given" where a field has no empty value, and as "clear it" where it has', () => {
    const data = parse('RaiseChangeProposal', {
      ...r0209Input,
      stakeholderPositions: null,
      status: null,
      decisionDate: null,
      keyDates: null,
      release: null,
      relatedChangeProposals: null,
    });
    expect(data).toMatchObject({
      stakeholderPositions: null,
      status: 'New',
      decisionDate: TBC,
      keyDates: [],
      release: null,
      relatedChangeProposals: [],
    });
    expect(parse('EditChangeProposal', { ...R0209, title: null, stakeholderPositions: null })).toEqual({
      ...R0209,
      stakeholderPositions: null,
    });
    expect(badPaths('CorrectChangeProposal', { ...R0209, fields: { title: null, raisedOn: null }, reason: 'x' })).toEqual(['fields']);
    expect(parse('RelateChangeProposalToChangeProposals', { ...R0209, add: ['cp:BSC:P478'], remove: null })).toEqual({
      ...R0209,
      add: ['cp:BSC:P478'],
      remove: [],
    });
    expect(parse('AssignChangeProposalToRelease', { ...R0209 })).toEqual({ ...R0209, release: null });
  });

  it('every command names its CP by code body and reference', () => {
    for (const type of Object.keys(changeProposalCommandSchemas) as (keyof typeof changeProposalCommandSchemas)[]) {
      expect(badPaths(type, {}), type).toEqual(expect.arrayContaining(['codeBody', 'ref']));
    }
  });

  it('refuses to raise a CP as withdrawn or rejected', () => {
    expect(() => parse('RaiseChangeProposal', { ...r0209Input, status: 'Withdrawn' })).toThrow(/status: .*WithdrawChangeProposal/);
    expect(badPaths('RaiseChangeProposal', { ...r0209Input, status: 'Rejected' })).toEqual(['status']);
  });

  it('sends a withdrawal to WithdrawChangeProposal and allows a rejection', () => {
    expect(() => parse('ChangeChangeProposalStatus', { ...R0209, status: 'Withdrawn' })).toThrow(/status: use WithdrawChangeProposal/);
    expect(parse('ChangeChangeProposalStatus', { ...R0209, status: 'Rejected' }).status).toBe('Rejected');
  });

  it('checks related CP ids: shape, code body, reference, repeats and itself', () => {
    expect(
      badPaths('RaiseChangeProposal', {
        ...r0209Input,
        relatedChangeProposals: ['cp:BSC:P478', 'REC R0201', 'cp:XYZ:X1', 'cp:REC:R209', 'cp:BSC:P478', 'cp:REC:R0209'],
      }),
    ).toEqual([
      'relatedChangeProposals.1',
      'relatedChangeProposals.2',
      'relatedChangeProposals.3',
      'relatedChangeProposals.4',
      'relatedChangeProposals.5',
    ]);
  });

  it('names an add that is also a remove, and a CP related to itself', () => {
    expect(
      badPaths('RelateChangeProposalToChangeProposals', { ...R0209, add: ['cp:REC:R0209', 'cp:BSC:P478'], remove: ['cp:BSC:P478'] }).sort(),
    ).toEqual(['add.0', 'remove.0']);
  });

  it('an edit or a correction must name a field; a correction needs a reason', () => {
    expect(badPaths('EditChangeProposal', { ...R0209 })).toEqual(['']);
    expect(badPaths('CorrectChangeProposal', { ...R0209, fields: {} }).sort()).toEqual(['fields', 'reason']);
    // Status is not corrected: it moves by its own commands.
    expect(badPaths('CorrectChangeProposal', { ...R0209, fields: { status: 'New' }, reason: 'x' })).toEqual(['fields.status']);
  });

  it('reinstates only to an open status', () => {
    expect(badPaths('ReinstateChangeProposal', { ...I0204, status: 'Withdrawn' })).toEqual(['status']);
    expect(parse('ReinstateChangeProposal', { ...I0204 })).toEqual({ ...I0204 });
  });
});

describe('the view and the module', () => {
  it('evolveView gives the CP as the register shows it', () => {
    const events: ChangeProposalEvent[] = [
      raised({ ...R0209, title: 'Implementation of MHHS Arrangement', status: 'Voting', stakeholderPositions: 'Supportive' }),
      { type: 'ChangeProposalStatusChanged', data: { from: 'Voting', to: 'Awaiting Authority decision' } },
      { type: 'DecisionDateChanged', data: { from: TBC, to: day('2024-12-11') } },
      { type: 'ChangeProposalUpdateAdded', data: { on: '2024-11-20', text: 'Sent to the Authority for decision on 06/11/2024.' } },
      { type: 'ChangeProposalRelatedChangeProposalsChanged', data: { added: ['cp:BSC:P478', 'cp:DCUSA:DCP445'], removed: [] } },
      { type: 'ChangeProposalAssignedToRelease', data: { from: null, to: 'M8' } },
      { type: 'ChangeProposalCorrected', data: { fields: { title: 'Implementation of MHHS Arrangements' }, reason: 'typo' } },
      { type: 'ChangeProposalDisplayOrderSet', data: { from: null, to: 4 } },
    ];
    const view = events.reduce<ChangeProposalView | null>(changeProposalModule.evolveView, null);
    expect(view).toEqual({
      id: 'cp:REC:R0209',
      codeBody: 'REC',
      ref: 'R0209',
      title: 'Implementation of MHHS Arrangements',
      summary: 'R0209 summary',
      stakeholderPositions: 'Supportive',
      raisedOn: '2024-08-02',
      status: 'Awaiting Authority decision',
      decisionDate: day('2024-12-11'),
      mhhsImpact: 'Of interest',
      updates: [{ on: '2024-11-20', text: 'Sent to the Authority for decision on 06/11/2024.' }],
      keyDates: [],
      release: 'M8',
      relatedChangeProposals: ['cp:BSC:P478', 'cp:DCUSA:DCP445'],
      withdrawal: null,
      statusBeforeClosure: null,
      displayOrder: 4,
    });
  });

  it('shows a withdrawn CP with its withdrawal', () => {
    const view = [i0204Raised, i0204Withdrawn].reduce<ChangeProposalView | null>(changeProposalModule.evolveView, null);
    expect(view).toMatchObject({
      status: 'Withdrawn',
      withdrawal: { on: '2024-11-20', statement: i0204Withdrawn.data.statement },
      statusBeforeClosure: 'Initial Assessment',
    });
  });

  it('writes to the stream named by the CP id', () => {
    expect(changeProposalModule.streamOf({ type: 'SetDecisionDate', data: { codeBody: 'BSC', ref: 'P478', decisionDate: TBC } })).toBe(
      'cp:BSC:P478',
    );
    expect(changeProposalModule.itemIdOf('cp:BSC:P478', r0209Raised)).toBe('cp:BSC:P478');
  });

  it('defines every event once, at version 1, with only the correction marked as one', () => {
    const types = changeProposalEventDefinitions.map((d) => d.type);
    expect(new Set(types).size).toBe(types.length);
    expect(changeProposalEventDefinitions.every((d) => d.version === 1)).toBe(true);
    expect(changeProposalEventDefinitions.filter((d) => d.correction).map((d) => d.type)).toEqual(['ChangeProposalCorrected']);
  });

  it('every event the decider decides passes its stored schema', () => {
    const commands: ChangeProposalCommand[] = [
      { type: 'RaiseChangeProposal', data: { ...r0209Raised.data, relatedChangeProposals: ['cp:BSC:P478'] } },
      { type: 'EditChangeProposal', data: { ...R0209, summary: 'New summary', stakeholderPositions: null } },
      { type: 'ChangeChangeProposalStatus', data: { ...R0209, status: 'Approved' } },
      { type: 'SetDecisionDate', data: { ...R0209, decisionDate: { kind: 'quarter', year: 2025, quarter: 1 } } },
      { type: 'AddChangeProposalUpdate', data: { ...R0209, on: '2024-11-20', text: 'Update' } },
      { type: 'SetKeyDates', data: { ...R0209, keyDates: dcr0001KeyDates.map((k) => ({ ...k })) } },
      { type: 'AssignChangeProposalToRelease', data: { ...R0209, release: 'February 2025' } },
      { type: 'RelateChangeProposalToChangeProposals', data: { ...R0209, add: ['cp:DCUSA:DCP445'], remove: ['cp:BSC:P478'] } },
      { type: 'WithdrawChangeProposal', data: { ...R0209, on: '2024-12-01', statement: 'Withdrawn by the proposer' } },
      { type: 'ReinstateChangeProposal', data: { ...R0209 } },
      { type: 'ChangeChangeProposalStatus', data: { ...R0209, status: 'Rejected' } },
      { type: 'ReinstateChangeProposal', data: { ...R0209, status: 'Voting' } },
      { type: 'SetChangeProposalDisplayOrder', data: { ...R0209, displayOrder: 4 } },
      {
        type: 'CorrectChangeProposal',
        data: { ...R0209, fields: { raisedOn: '2024-08-01', stakeholderPositions: 'Supportive' }, reason: 'typo' },
      },
    ];
    let state = changeProposalDecider.initialState();
    const schemaOf = new Map(changeProposalEventDefinitions.map((d) => [d.type, d.schema]));
    const seen = new Set<string>();
    for (const command of commands) {
      const events = changeProposalDecider.decide(command, state);
      expect(events, command.type).toHaveLength(1);
      for (const event of events) {
        expect(schemaOf.get(event.type)?.safeParse(event.data).error, event.type).toBeUndefined();
        seen.add(event.type);
        state = changeProposalDecider.evolve(state, event);
      }
    }
    expect([...seen].sort()).toEqual([...schemaOf.keys()].sort());
  });
});
