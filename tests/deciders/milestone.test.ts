import { describe, expect, it } from 'vitest';
import { commandsOf, deciderSpec } from '../support/decider-spec.ts';
import { InvalidTransitionError, NotFoundError, ValidationError } from '../../services/core/errors.ts';
import { defaultRegisterRules as rules } from '../../schema/rules.ts';
import type { PlannedDate } from '../../schema/values.ts';
import {
  milestoneCommandSchemas,
  milestoneDecider,
  milestoneEventDefinitions,
  milestoneModule,
  type MilestoneCommand,
  type MilestoneCommandData,
  type MilestoneCommandType,
  type MilestoneEvent,
  type MilestoneView,
} from '../../services/milestone/index.ts';

const spec = deciderSpec(milestoneDecider);
const day = (date: string) => ({ kind: 'date', date }) as const;
const TBC = { kind: 'tbc' } as const;
const perParty = (...parts: [string[], PlannedDate & { kind: 'date' | 'range' }][]): PlannedDate => ({
  kind: 'perParty',
  parts: parts.map(([parties, date]) => ({ parties, date })),
});

type Baselined = Extract<MilestoneEvent, { type: 'MilestoneBaselined' }>;
const baselined = (data: Partial<Baselined['data']> & Pick<Baselined['data'], 'workstream' | 'key'>): Baselined => ({
  type: 'MilestoneBaselined',
  data: {
    ref: data.key,
    description: `Milestone ${data.key}`,
    baselineDate: day('2025-09-24'),
    forecastDate: day('2025-09-24'),
    status: 'Green',
    relatedChangeProposals: [],
    ...data,
  },
});

/** Ofgem's M7 decisions, as the Programme reports them. */
const T2 = { workstream: 'PROGRAMME', key: 'T2-RE-0600' } as const;
const t2Baselined = baselined({
  ...T2,
  description: 'Ofgem decisions on M6 baselined code modification proposals (M7)',
  baselineDate: day('2024-12-11'),
  forecastDate: day('2024-12-11'),
});

/** 6460, reported under Ofgem M7 with forecasts that differ per code body. */
const M6460 = { workstream: 'OFGEM-M7', key: '6460' } as const;
const m6460Baselined = baselined({
  ...M6460,
  description: 'Consultation close-out for representations',
  baselineDate: day('2024-10-09'),
  forecastDate: day('2024-10-09'),
  status: 'Amber',
});

const M4088 = { workstream: 'OFGEM-M7', key: '4088' } as const;
const m4088Baselined = baselined({ ...M4088, baselineDate: day('2024-12-11'), forecastDate: day('2024-12-11'), status: 'In progress' });
const m4088Completed: MilestoneEvent = { type: 'MilestoneCompleted', data: { on: '2024-12-11', from: 'In progress' } };

const { command, badPaths } = commandsOf(milestoneCommandSchemas, rules);
const parse = <T extends MilestoneCommandType>(type: T, input: unknown) => command(type, input).data as MilestoneCommandData<T>;

describe('baselining a milestone', () => {
  it('keys it by its reference, and forecasts the baseline when no forecast is given (T2-RE-0600)', () => {
    const data = parse('BaselineMilestone', {
      workstream: 'PROGRAMME',
      ref: 'T2-RE-0600',
      description: 'Ofgem decisions on M6 baselined code modification proposals (M7)',
      baselineDate: day('2024-12-11'),
    });
    expect(milestoneModule.streamOf({ type: 'BaselineMilestone', data })).toBe('milestone:PROGRAMME:T2-RE-0600');
    spec.given([]).when({ type: 'BaselineMilestone', data }).then([t2Baselined]);
  });

  it('keys one without a reference by its description ("Last date to raise CP before M8")', () => {
    const data = parse('BaselineMilestone', {
      workstream: 'REC-M8',
      ref: null,
      description: 'Last date to raise CP before M8',
      baselineDate: TBC,
      forecastDate: TBC,
      status: 'Green',
    });
    expect(milestoneModule.streamOf({ type: 'BaselineMilestone', data })).toBe('milestone:REC-M8:last-date-to-raise-cp-before-m8');
    spec
      .given([])
      .when({ type: 'BaselineMilestone', data })
      .then([
        baselined({
          workstream: 'REC-M8',
          ref: null,
          key: 'last-date-to-raise-cp-before-m8',
          description: 'Last date to raise CP before M8',
          baselineDate: TBC,
          forecastDate: TBC,
        }),
      ]);
  });

  it('keeps 3707 under REC, BSC and DIP Manager M8 as three milestones', () => {
    const streams = ['REC-M8', 'BSC-M8', 'DIP-M8'].map((workstream) =>
      milestoneModule.streamOf({
        type: 'BaselineMilestone',
        data: parse('BaselineMilestone', {
          workstream,
          ref: '3707',
          description: 'Code changes delivered (M8)',
          baselineDate: day('2025-09-24'),
        }),
      }),
    );
    expect(streams).toEqual(['milestone:REC-M8:3707', 'milestone:BSC-M8:3707', 'milestone:DIP-M8:3707']);
  });

  it('takes forecasts that differ per party (6460)', () => {
    const forecastDate = perParty([['BSC'], day('2024-10-13')], [['REC'], day('2024-10-09')]);
    spec
      .given([])
      .when({
        type: 'BaselineMilestone',
        data: parse('BaselineMilestone', {
          workstream: 'OFGEM-M7',
          ref: '6460',
          description: 'Consultation close-out for representations',
          baselineDate: day('2024-10-09'),
          forecastDate,
        }),
      })
      .thenState((m) => expect(m?.forecastDate).toEqual(forecastDate));
  });

  it('refuses to baseline the same milestone twice', () => {
    spec
      .given([t2Baselined])
      .when({ type: 'BaselineMilestone', data: { ...t2Baselined.data, ref: 'T2-RE-0600', forecastDate: undefined } })
      .thenThrows(InvalidTransitionError, /already been baselined/);
  });

  it('refuses a key that is not the reference', () => {
    spec
      .given([])
      .when({ type: 'BaselineMilestone', data: { ...t2Baselined.data, key: 'T2-RE-0650' } })
      .thenThrows(ValidationError, /keyed by it/);
  });
});

describe('a milestone that does not exist yet', () => {
  const commands: MilestoneCommand[] = [
    { type: 'ForecastMilestone', data: { ...T2, forecastDate: day('2025-01-15') } },
    { type: 'RebaselineMilestone', data: { ...T2, baselineDate: day('2025-01-15'), reason: 'CR55' } },
    { type: 'ReportMilestoneStatus', data: { ...T2, status: 'Amber' } },
    { type: 'CompleteMilestone', data: { ...T2, on: '2024-12-11' } },
    { type: 'EditMilestoneDescription', data: { ...T2, description: 'x' } },
    { type: 'RelateMilestoneToChangeProposals', data: { ...T2, add: ['cp:REC:R0209'], remove: [] } },
    { type: 'CorrectMilestone', data: { ...T2, fields: { description: 'x' }, reason: 'typo' } },
  ];
  it.each(commands)('is not found by $type', (command) => {
    spec
      .given([])
      .when(command)
      .thenThrows(NotFoundError, /Milestone milestone:PROGRAMME:T2-RE-0600 does not exist/);
  });
});

describe('forecasts and re-baselines', () => {
  it('records a forecast change, leaving the baseline alone', () => {
    const forecastDate = perParty([['BSC'], day('2024-10-13')], [['REC'], day('2024-10-09')]);
    spec
      .given([m6460Baselined])
      .when({ type: 'ForecastMilestone', data: { ...M6460, forecastDate } })
      .then([{ type: 'MilestoneForecastChanged', data: { from: day('2024-10-09'), to: forecastDate } }]);
    spec
      .given([m6460Baselined])
      .when({ type: 'ForecastMilestone', data: { ...M6460, forecastDate } })
      .thenState((m) => expect(m).toMatchObject({ baselineDate: day('2024-10-09'), forecastDate, rebaselines: [] }));
  });

  it('takes a forecast range per party (6461)', () => {
    const range = (from: string, to: string) => ({ kind: 'range', from: day(from), to: day(to) }) as const;
    const forecastDate = perParty([['BSC'], range('2024-10-14', '2024-10-30')], [['REC'], range('2024-10-10', '2024-10-31')]);
    spec
      .given([baselined({ workstream: 'OFGEM-M7', key: '6461', baselineDate: day('2024-10-23'), forecastDate: day('2024-10-23') })])
      .when({ type: 'ForecastMilestone', data: { workstream: 'OFGEM-M7', key: '6461', forecastDate } })
      .then([{ type: 'MilestoneForecastChanged', data: { from: day('2024-10-23'), to: forecastDate } }]);
  });

  it('writes nothing when the forecast is unchanged', () => {
    spec
      .given([t2Baselined])
      .when({ type: 'ForecastMilestone', data: { ...T2, forecastDate: day('2024-12-11') } })
      .thenNothing();
  });

  it('re-baselines as its own event, with the reason, keeping the forecast', () => {
    spec
      .given([t2Baselined])
      .when({ type: 'RebaselineMilestone', data: { ...T2, baselineDate: day('2025-01-15'), reason: 'CR55 approved' } })
      .then([{ type: 'MilestoneRebaselined', data: { from: day('2024-12-11'), to: day('2025-01-15'), reason: 'CR55 approved' } }]);
    spec
      .given([t2Baselined])
      .when({ type: 'RebaselineMilestone', data: { ...T2, baselineDate: day('2025-01-15'), reason: 'CR55 approved' } })
      .thenState((m) =>
        expect(m).toMatchObject({
          baselineDate: day('2025-01-15'),
          forecastDate: day('2024-12-11'),
          rebaselines: [{ from: day('2024-12-11'), to: day('2025-01-15'), reason: 'CR55 approved' }],
        }),
      );
  });

  it('writes nothing when re-baselined to the same date', () => {
    spec
      .given([t2Baselined])
      .when({ type: 'RebaselineMilestone', data: { ...T2, baselineDate: day('2024-12-11'), reason: 'no change' } })
      .thenNothing();
  });
});

describe('status and completion', () => {
  it('records a reported status with where it came from', () => {
    spec
      .given([t2Baselined])
      .when({ type: 'ReportMilestoneStatus', data: { ...T2, status: 'Amber' } })
      .then([{ type: 'MilestoneStatusReported', data: { from: 'Green', to: 'Amber' } }]);
  });

  it('writes nothing when the status is unchanged', () => {
    spec
      .given([t2Baselined])
      .when({ type: 'ReportMilestoneStatus', data: { ...T2, status: 'Green' } })
      .thenNothing();
  });

  it('completes 4088 on a day, remembering the status it had', () => {
    spec
      .given([m4088Baselined])
      .when({ type: 'CompleteMilestone', data: { ...M4088, on: '2024-12-11' } })
      .then([m4088Completed]);
    spec
      .given([m4088Baselined])
      .when({ type: 'CompleteMilestone', data: { ...M4088, on: '2024-12-11' } })
      .thenState((m) => expect(m).toMatchObject({ status: 'Complete', completedOn: '2024-12-11' }));
  });

  const refusedOnceComplete: MilestoneCommand[] = [
    { type: 'ForecastMilestone', data: { ...M4088, forecastDate: day('2025-01-15') } },
    { type: 'RebaselineMilestone', data: { ...M4088, baselineDate: day('2025-01-15'), reason: 'late' } },
    { type: 'ReportMilestoneStatus', data: { ...M4088, status: 'Red' } },
    { type: 'CompleteMilestone', data: { ...M4088, on: '2024-12-12' } },
  ];
  it.each(refusedOnceComplete)('a complete milestone refuses $type', (command) => {
    spec
      .given([m4088Baselined, m4088Completed])
      .when(command)
      .thenThrows(InvalidTransitionError, /is complete/);
  });

  it('a complete milestone can still be corrected', () => {
    spec
      .given([m4088Baselined, m4088Completed])
      .when({ type: 'CorrectMilestone', data: { ...M4088, fields: { completedOn: '2024-12-10' }, reason: 'Ofgem decided a day early' } })
      .then([{ type: 'MilestoneCorrected', data: { fields: { completedOn: '2024-12-10' }, reason: 'Ofgem decided a day early' } }]);
  });
});

describe('description and related CPs', () => {
  it('edits the description, keeping the key', () => {
    spec
      .given([t2Baselined])
      .when({ type: 'EditMilestoneDescription', data: { ...T2, description: 'Ofgem decisions on SCR modifications (M7)' } })
      .thenState((m) =>
        expect(m).toMatchObject({
          id: 'milestone:PROGRAMME:T2-RE-0600',
          key: 'T2-RE-0600',
          description: 'Ofgem decisions on SCR modifications (M7)',
        }),
      );
    spec
      .given([t2Baselined])
      .when({ type: 'EditMilestoneDescription', data: { ...T2, description: t2Baselined.data.description } })
      .thenNothing();
  });

  it('relates 3707 to the CPs it delivers, and unrelates them', () => {
    const rec3707 = { workstream: 'REC-M8', key: '3707' } as const;
    spec
      .given([baselined({ ...rec3707, relatedChangeProposals: ['cp:REC:R0202'] })])
      .when({
        type: 'RelateMilestoneToChangeProposals',
        data: { ...rec3707, add: ['cp:REC:R0209', 'cp:REC:R0202'], remove: ['cp:REC:R0202'] },
      })
      .thenThrows(ValidationError, /also in add/);
    spec
      .given([baselined({ ...rec3707, relatedChangeProposals: ['cp:REC:R0202'] })])
      .when({
        type: 'RelateMilestoneToChangeProposals',
        data: { ...rec3707, add: ['cp:REC:R0209'], remove: ['cp:REC:R0202', 'cp:REC:R0201'] },
      })
      .then([{ type: 'MilestoneRelatedChangeProposalsChanged', data: { added: ['cp:REC:R0209'], removed: ['cp:REC:R0202'] } }]);
    spec
      .given([baselined({ ...rec3707, relatedChangeProposals: ['cp:REC:R0209'] })])
      .when({ type: 'RelateMilestoneToChangeProposals', data: { ...rec3707, add: ['cp:REC:R0209'], remove: ['cp:REC:R0202'] } })
      .thenNothing();
  });
});

describe('corrections', () => {
  it('records only the fields that differ', () => {
    spec
      .given([t2Baselined])
      .when({
        type: 'CorrectMilestone',
        data: {
          ...T2,
          fields: { description: t2Baselined.data.description, baselineDate: day('2024-12-12'), ref: 'T2-RE-0600' },
          reason: 'mistyped baseline',
        },
      })
      .then([{ type: 'MilestoneCorrected', data: { fields: { baselineDate: day('2024-12-12') }, reason: 'mistyped baseline' } }]);
  });

  it('a corrected baseline is not a re-baseline', () => {
    spec
      .given([t2Baselined])
      .when({ type: 'CorrectMilestone', data: { ...T2, fields: { baselineDate: day('2024-12-12') }, reason: 'typo' } })
      .thenState((m) => expect(m).toMatchObject({ baselineDate: day('2024-12-12'), rebaselines: [] }));
  });

  it('writes nothing when nothing differs; needs a field and a reason', () => {
    spec
      .given([t2Baselined])
      .when({ type: 'CorrectMilestone', data: { ...T2, fields: { status: 'Green' }, reason: 'check' } })
      .thenNothing();
    spec
      .given([t2Baselined])
      .when({ type: 'CorrectMilestone', data: { ...T2, fields: {}, reason: 'nothing' } })
      .thenThrows(ValidationError, /fields/);
    spec
      .given([t2Baselined])
      .when({ type: 'CorrectMilestone', data: { ...T2, fields: { status: 'Amber' }, reason: '' } })
      .thenThrows(ValidationError, /reason/);
  });

  it('keeps Complete and the completion day together', () => {
    spec
      .given([t2Baselined])
      .when({ type: 'CorrectMilestone', data: { ...T2, fields: { status: 'Complete' }, reason: 'it was complete' } })
      .thenThrows(ValidationError, /completedOn: a Complete milestone needs the day/);
    spec
      .given([m4088Baselined, m4088Completed])
      .when({ type: 'CorrectMilestone', data: { ...M4088, fields: { status: 'In progress' }, reason: 'not yet' } })
      .thenThrows(ValidationError, /completedOn null/);
    spec
      .given([m4088Baselined, m4088Completed])
      .when({ type: 'CorrectMilestone', data: { ...M4088, fields: { status: 'In progress', completedOn: null }, reason: 'not yet' } })
      .thenState((m) => expect(m).toMatchObject({ status: 'In progress', completedOn: null }));
  });
});

describe('command schemas', () => {
  const t2Input = { workstream: 'PROGRAMME', ref: 'T2-RE-0600', description: 'Ofgem decisions (M7)', baselineDate: day('2024-12-11') };

  it('trims, and defaults status to Green and ref to null', () => {
    const data = parse('BaselineMilestone', {
      workstream: ' BSC-M8 ',
      description: ' Last date to raise CP before M8 ',
      baselineDate: day('2025-06-09'),
    });
    expect(data).toEqual({
      workstream: 'BSC-M8',
      ref: null,
      description: 'Last date to raise CP before M8',
      baselineDate: day('2025-06-09'),
      status: 'Green',
      relatedChangeProposals: [],
    });
  });

  it('reports an unknown workstream at workstream', () => {
    expect(badPaths('BaselineMilestone', { ...t2Input, workstream: 'REC-M9' })).toEqual(['workstream']);
    expect(badPaths('ForecastMilestone', { workstream: 'NESO', key: '3707', forecastDate: TBC })).toEqual(['workstream']);
  });

  it('names every bad field at once', () => {
    expect(
      badPaths('BaselineMilestone', {
        workstream: 'M8',
        ref: 'T2 RE 0600',
        description: ' ',
        baselineDate: { kind: 'date', date: '11/12/24' },
        status: 'Purple',
        relatedChangeProposals: ['R0209'],
      }).sort(),
    ).toEqual(['baselineDate.date', 'description', 'ref', 'relatedChangeProposals.0', 'status', 'workstream']);
  });

  it('sends Complete to CompleteMilestone', () => {
    expect(() => parse('ReportMilestoneStatus', { ...M4088, status: 'Complete' })).toThrow(/status: use CompleteMilestone/);
    expect(badPaths('BaselineMilestone', { ...t2Input, status: 'Complete' })).toEqual(['status']);
  });

  it('reports a key that is not the reference, and a description that cannot make a key', () => {
    expect(badPaths('BaselineMilestone', { ...t2Input, key: 'T2-RE-0650' })).toEqual(['key']);
    expect(badPaths('BaselineMilestone', { ...t2Input, ref: null, description: '—' })).toEqual(['description']);
    expect(parse('BaselineMilestone', { ...t2Input, ref: null, key: 'm8-cut-off', description: '—' }).key).toBe('m8-cut-off');
  });

  it('re-baselining needs a reason', () => {
    expect(badPaths('RebaselineMilestone', { ...T2, baselineDate: day('2025-01-15') })).toEqual(['reason']);
    expect(badPaths('RebaselineMilestone', { ...T2, baselineDate: day('2025-01-15'), reason: '  ' })).toEqual(['reason']);
  });

  it('rejects a misspelt field rather than ignoring it', () => {
    expect(badPaths('ForecastMilestone', { ...T2, forcastDate: TBC }).sort()).toEqual(['forcastDate', 'forecastDate']);
  });

  it('treats null as "not given" for key, forecast, status and relations', () => {
    expect(parse('BaselineMilestone', { ...t2Input, key: null, forecastDate: null, status: null, relatedChangeProposals: null })).toEqual({
      ...t2Input,
      status: 'Green',
      relatedChangeProposals: [],
    });
    expect(parse('CorrectMilestone', { ...M4088, fields: { status: null, ref: null, completedOn: null }, reason: 'x' }).fields).toEqual({
      ref: null,
      completedOn: null,
    });
  });

  it('every command names its milestone by workstream and key', () => {
    for (const type of Object.keys(milestoneCommandSchemas) as MilestoneCommandType[]) {
      const expected = type === 'BaselineMilestone' ? ['workstream', 'description'] : ['workstream', 'key'];
      expect(badPaths(type, {}), type).toEqual(expect.arrayContaining(expected));
    }
  });

  it('a correction names a field and a reason; a remove cannot also be an add', () => {
    expect(badPaths('CorrectMilestone', { ...T2, fields: {} }).sort()).toEqual(['fields', 'reason']);
    expect(badPaths('CorrectMilestone', { ...T2, fields: { completedOn: '11/13/24' }, reason: 'x' })).toEqual(['fields.completedOn']);
    expect(
      badPaths('RelateMilestoneToChangeProposals', { ...T2, add: ['cp:REC:R0209'], remove: ['cp:REC:R0209', 'cp:REC:X'] }).sort(),
    ).toEqual(['remove.0', 'remove.1']);
  });
});

describe('the view and the module', () => {
  it('evolveView gives the milestone as the workstream reports it', () => {
    const forecastDate = perParty([['BSC'], day('2024-10-13')], [['REC'], day('2024-10-09')]);
    const events: MilestoneEvent[] = [
      m6460Baselined,
      { type: 'MilestoneForecastChanged', data: { from: day('2024-10-09'), to: forecastDate } },
      { type: 'MilestoneRebaselined', data: { from: day('2024-10-09'), to: day('2024-10-10'), reason: 'consultation extended' } },
      { type: 'MilestoneRelatedChangeProposalsChanged', data: { added: ['cp:BSC:P478', 'cp:REC:R0209'], removed: [] } },
      { type: 'MilestoneCompleted', data: { on: '2024-10-13', from: 'Amber' } },
      {
        type: 'MilestoneCorrected',
        data: { fields: { description: 'Consultation close-out for representations (SCR)' }, reason: 'wording' },
      },
      { type: 'MilestoneDisplayOrderSet', data: { from: null, to: 1 } },
    ];
    const view = events.reduce<MilestoneView | null>(milestoneModule.evolveView, null);
    expect(view).toEqual({
      id: 'milestone:OFGEM-M7:6460',
      workstream: 'OFGEM-M7',
      ref: '6460',
      key: '6460',
      description: 'Consultation close-out for representations (SCR)',
      baselineDate: day('2024-10-10'),
      forecastDate,
      status: 'Complete',
      completedOn: '2024-10-13',
      rebaselines: [{ from: day('2024-10-09'), to: day('2024-10-10'), reason: 'consultation extended' }],
      relatedChangeProposals: ['cp:BSC:P478', 'cp:REC:R0209'],
      displayOrder: 1,
    });
  });

  it('writes to the stream named by the milestone id', () => {
    expect(milestoneModule.streamOf({ type: 'CompleteMilestone', data: { workstream: 'OFGEM-M7', key: '9518', on: '2024-11-08' } })).toBe(
      'milestone:OFGEM-M7:9518',
    );
    expect(milestoneModule.itemIdOf('milestone:OFGEM-M7:9518', m4088Completed)).toBe('milestone:OFGEM-M7:9518');
  });

  it('defines every event once, at version 1, with only the correction marked as one', () => {
    const types = milestoneEventDefinitions.map((d) => d.type);
    expect(new Set(types).size).toBe(types.length);
    expect(milestoneEventDefinitions.every((d) => d.version === 1)).toBe(true);
    expect(milestoneEventDefinitions.filter((d) => d.correction).map((d) => d.type)).toEqual(['MilestoneCorrected']);
  });

  it('every event the decider decides passes its stored schema (9518)', () => {
    const M9518 = { workstream: 'OFGEM-M7', key: '9518' } as const;
    const commands: MilestoneCommand[] = [
      {
        type: 'BaselineMilestone',
        data: {
          workstream: 'OFGEM-M7',
          ref: '9518',
          description: 'Code Bodies Submit Final Modification/Change Reports',
          baselineDate: day('2024-11-08'),
          status: 'Green',
          relatedChangeProposals: ['cp:BSC:P478'],
        },
      },
      {
        type: 'ForecastMilestone',
        data: { ...M9518, forecastDate: perParty([['BSC', 'REC'], day('2024-11-07')], [['DCUSA'], day('2024-11-08')]) },
      },
      { type: 'RebaselineMilestone', data: { ...M9518, baselineDate: { kind: 'month', year: 2024, month: 11 }, reason: 'replanned' } },
      { type: 'ReportMilestoneStatus', data: { ...M9518, status: 'In progress' } },
      { type: 'EditMilestoneDescription', data: { ...M9518, description: 'Code Bodies submit Final Modification Reports' } },
      { type: 'RelateMilestoneToChangeProposals', data: { ...M9518, add: ['cp:REC:R0209'], remove: ['cp:BSC:P478'] } },
      { type: 'CompleteMilestone', data: { ...M9518, on: '2024-11-08' } },
      { type: 'SetMilestoneDisplayOrder', data: { ...M9518, displayOrder: 5 } },
      { type: 'CorrectMilestone', data: { ...M9518, fields: { ref: null, completedOn: '2024-11-07' }, reason: 'typo' } },
    ];
    let state = milestoneDecider.initialState();
    const schemaOf = new Map(milestoneEventDefinitions.map((d) => [d.type, d.schema]));
    const seen = new Set<string>();
    for (const command of commands) {
      const events = milestoneDecider.decide(command, state);
      expect(events, command.type).toHaveLength(1);
      for (const event of events) {
        expect(schemaOf.get(event.type)?.safeParse(event.data).error, event.type).toBeUndefined();
        seen.add(event.type);
        state = milestoneDecider.evolve(state, event);
      }
    }
    expect([...seen].sort()).toEqual([...schemaOf.keys()].sort());
  });
});
