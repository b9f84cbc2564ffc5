import { describe, expect, it } from 'vitest';
import { changeProposalCommandSchemas, changeProposalDecider, type ChangeProposalEvent } from '../../services/change-proposal/index.ts';
import { milestoneCommandSchemas, milestoneDecider, type MilestoneEvent } from '../../services/milestone/index.ts';
import { milestoneReport } from '../../services/milestone/report.ts';
import { defaultRegisterRules } from '../../schema/rules.ts';
import { commandsOf, deciderSpec } from '../support/decider-spec.ts';

/* The pack's own order where it is not a sort: REC M8 lists 3700, the unnumbered CP deadline, 3702... */

const milestones = commandsOf(milestoneCommandSchemas);
const cps = commandsOf(changeProposalCommandSchemas);

const baselined3700: MilestoneEvent = {
  type: 'MilestoneBaselined',
  data: {
    workstream: 'REC-M8',
    ref: '3700',
    key: '3700',
    description: 'Impacted codes make resourcing provisions',
    baselineDate: { kind: 'date', date: '2024-02-27' },
    forecastDate: { kind: 'date', date: '2024-02-27' },
    status: 'Green',
    relatedChangeProposals: [],
  },
};
const raisedI0204: ChangeProposalEvent = {
  type: 'ChangeProposalRaised',
  data: {
    codeBody: 'REC',
    ref: 'I0204',
    title: 'Sequence Order of CSS00200 Message',
    summary: 'As each CSS00200 message is a refresh ...',
    stakeholderPositions: 'TBC',
    raisedOn: '2024-08-15',
    status: 'Under Development',
    decisionDate: { kind: 'tbc' },
    mhhsImpact: 'Supports MHHS implementation',
    keyDates: [],
    release: null,
    relatedChangeProposals: [],
  },
};
const withdrawnI0204: ChangeProposalEvent = {
  type: 'ChangeProposalWithdrawn',
  data: { on: '2024-11-20', statement: 'Withdrawn following Programme CR-056 approval', from: 'Under Development' },
};

describe('a milestone placed in its table', () => {
  it('is placed, moved, and placed again where it stands writes nothing', () => {
    const spec = deciderSpec(milestoneDecider);
    const place = (displayOrder: number) =>
      milestones.command('SetMilestoneDisplayOrder', { workstream: 'REC-M8', key: '3700', displayOrder });
    spec
      .given([baselined3700])
      .when(place(1))
      .then([{ type: 'MilestoneDisplayOrderSet', data: { from: null, to: 1 } }]);
    const placed: MilestoneEvent = { type: 'MilestoneDisplayOrderSet', data: { from: null, to: 1 } };
    spec
      .given([baselined3700, placed])
      .when(place(5))
      .then([{ type: 'MilestoneDisplayOrderSet', data: { from: 1, to: 5 } }]);
    spec.given([baselined3700, placed]).when(place(1)).thenNothing();
    spec
      .given([baselined3700, placed])
      .when(place(5))
      .thenState((after) => expect(after?.displayOrder).toBe(5));
  });

  it('takes a whole number from 1 only', () => {
    for (const displayOrder of [0, -1, 1.5, '2', null]) {
      expect(
        milestones.badPaths('SetMilestoneDisplayOrder', { workstream: 'REC-M8', key: '3700', displayOrder }),
        String(displayOrder),
      ).toEqual(['displayOrder']);
    }
  });
});

describe('a change proposal placed in the log', () => {
  it('is placed even once withdrawn, since the log still lists it', () => {
    const spec = deciderSpec(changeProposalDecider);
    spec
      .given([raisedI0204, withdrawnI0204])
      .when(cps.command('SetChangeProposalDisplayOrder', { codeBody: 'REC', ref: 'I0204', displayOrder: 3 }))
      .then([{ type: 'ChangeProposalDisplayOrderSet', data: { from: null, to: 3 } }]);
  });

  it('names every bad field', () => {
    expect(cps.badPaths('SetChangeProposalDisplayOrder', { codeBody: 'XYZ', ref: 'I0204', displayOrder: 0 }).sort()).toEqual([
      'codeBody',
      'displayOrder',
    ]);
  });
});

describe("the movement report keeps the pack's order", () => {
  it('lists placed milestones by display order before unplaced ones (by baseline date)', () => {
    const view = (key: string, baseline: string, displayOrder: number | null) => ({
      id: `milestone:REC-M8:${key}`,
      workstream: 'REC-M8',
      ref: key,
      key,
      description: key,
      baselineDate: { kind: 'date' as const, date: baseline },
      forecastDate: { kind: 'date' as const, date: baseline },
      status: 'Green' as const,
      completedOn: null,
      rebaselines: [],
      relatedChangeProposals: [],
      displayOrder,
    });
    const item = (v: ReturnType<typeof view>) => ({
      id: v.id,
      change: 'UNCHANGED' as const,
      fields: [],
      summary: [],
      before: { view: v },
      after: { view: v },
    });
    const [table] = milestoneReport(
      [
        item(view('3707', '2025-09-24', 3)),
        item(view('3700', '2025-02-27', 1)),
        item(view('9999', '2024-01-01', null)),
        item(view('3702', '2025-09-24', 2)),
      ],
      { rules: defaultRegisterRules, since: 'CCAG #35' },
    );
    expect(table!.rows.map((row) => row[0])).toEqual(['3700', '3702', '3707', '9999']);
  });
});
