import { describe, expect, it } from 'vitest';
import { InvalidTransitionError, NotFoundError, ValidationError } from '../../services/core/errors.ts';
import { riskCommandSchemas, riskDecider, riskEventDefinitions, riskModule, type RiskEvent } from '../../services/risk/index.ts';
import { commandsOf, deciderSpec } from '../support/decider-spec.ts';

const spec = deciderSpec(riskDecider);

const { command, badPaths } = commandsOf(riskCommandSchemas);

// R920 as in the CCAG #36 pack: scored 20 at CCAG 35, reduced to 10 since.
const r920Description =
  'There is a risk that Code Drafting (specifically the Energy Market Data Specification) does not reflect the intended MHHS design.';
const r920Raised: RiskEvent = {
  type: 'RiskRaised',
  data: {
    riskId: 'R920',
    description: r920Description,
    score: 20,
    mitigationPlan: ['The DIN process has worked effectively to address any misalignment'],
    raisedOn: '2024-06-12',
    relatedChangeProposals: [],
  },
};
const r920Closed: RiskEvent = { type: 'RiskClosed', data: { on: '2025-01-22', reason: 'Swagger aligned with DES138' } };

describe('raising a risk', () => {
  it('records the risk with its numbered mitigation plan (R202)', () => {
    spec
      .given([])
      .when(
        command('RaiseRisk', {
          riskId: ' R202 ',
          description: 'There is a risk that Programme testing (CIT/SIT) may identify changes to baselined code',
          score: 16,
          mitigationPlan: [
            'Monthly meeting in place between Test and Code',
            'To ensure the change control process is followed correctly',
            'Ongoing engagement on how code change will be managed',
          ],
          raisedOn: '2024-03-01',
          relatedChangeProposals: ['cp:REC:R0209'],
        }),
      )
      .then([
        {
          type: 'RiskRaised',
          data: {
            riskId: 'R202',
            description: 'There is a risk that Programme testing (CIT/SIT) may identify changes to baselined code',
            score: 16,
            mitigationPlan: [
              'Monthly meeting in place between Test and Code',
              'To ensure the change control process is followed correctly',
              'Ongoing engagement on how code change will be managed',
            ],
            raisedOn: '2024-03-01',
            relatedChangeProposals: ['cp:REC:R0209'],
          },
        },
      ]);
  });

  it('accepts an empty mitigation plan and no related change proposals (R966, a new item)', () => {
    spec
      .given([])
      .when(
        command('RaiseRisk', {
          riskId: 'R966',
          description: 'Service Management code drafting',
          score: 12,
          mitigationPlan: [],
          raisedOn: '2024-11-20',
        }),
      )
      .thenState((risk) => {
        expect(risk).toMatchObject({ id: 'risk:R966', status: 'Open', mitigationPlan: [], relatedChangeProposals: [], closedOn: null });
      });
  });

  it('refuses to raise the same risk twice', () => {
    spec
      .given([r920Raised])
      .when(command('RaiseRisk', { ...r920Raised.data }))
      .thenThrows(InvalidTransitionError, /R920 already exists/);
  });
});

describe('changing a risk that was never raised', () => {
  it.each([
    command('AssessRiskScore', { riskId: 'R920', score: 10 }),
    command('ReviseRiskMitigation', { riskId: 'R920', mitigationPlan: ['Monitor'] }),
    command('EditRiskDescription', { riskId: 'R920', description: 'x' }),
    command('CloseRisk', { riskId: 'R920', on: '2025-01-22' }),
    command('ReopenRisk', { riskId: 'R920' }),
    command('RelateRiskToChangeProposals', { riskId: 'R920', add: ['cp:REC:R0209'] }),
    command('CorrectRisk', { riskId: 'R920', fields: { score: 10 }, reason: 'typo' }),
  ])('$type is refused as not found', (cmd) => {
    spec
      .given([])
      .when(cmd)
      .thenThrows(NotFoundError, /risk:R920/);
  });
});

describe('assessing the score', () => {
  it('records the movement from the old score to the new (R920: 20 to 10)', () => {
    spec
      .given([r920Raised])
      .when(command('AssessRiskScore', { riskId: 'R920', score: 10 }))
      .then([{ type: 'RiskScoreAssessed', data: { from: 20, to: 10 } }]);
  });

  it('writes nothing when the score is unchanged (R485: no change)', () => {
    spec
      .given([r920Raised])
      .when(command('AssessRiskScore', { riskId: 'R920', score: 20 }))
      .thenNothing();
  });
});

describe('mitigation plan and description', () => {
  it('revises the mitigation plan as a whole', () => {
    spec
      .given([r920Raised])
      .when(command('ReviseRiskMitigation', { riskId: 'R920', mitigationPlan: ['Keep documents aligned', 'Develop against Swagger'] }))
      .then([{ type: 'RiskMitigationRevised', data: { mitigationPlan: ['Keep documents aligned', 'Develop against Swagger'] } }]);
  });

  it('writes nothing when the plan is the same steps in the same order', () => {
    spec
      .given([r920Raised])
      .when(
        command('ReviseRiskMitigation', {
          riskId: 'R920',
          mitigationPlan: [' The DIN process has worked effectively to address any misalignment '],
        }),
      )
      .thenNothing();
  });

  it('edits the description, and writes nothing for the same text', () => {
    spec
      .given([r920Raised])
      .when(command('EditRiskDescription', { riskId: 'R920', description: 'Swagger may not match DES138' }))
      .then([{ type: 'RiskDescriptionEdited', data: { description: 'Swagger may not match DES138' } }]);
    spec
      .given([r920Raised])
      .when(command('EditRiskDescription', { riskId: 'R920', description: `${r920Description}  ` }))
      .thenNothing();
  });
});

describe('closing and reopening', () => {
  it('closes a risk with the reason given', () => {
    spec
      .given([r920Raised])
      .when(command('CloseRisk', { riskId: 'R920', on: '2025-01-22', reason: 'Swagger aligned with DES138' }))
      .then([r920Closed]);
  });

  it('refuses a closing date before the risk was raised', () => {
    spec
      .given([r920Raised])
      .when(command('CloseRisk', { riskId: 'R920', on: '2024-01-01' }))
      .thenThrows(ValidationError, /before the risk was raised/);
  });

  it.each([
    command('AssessRiskScore', { riskId: 'R920', score: 10 }),
    command('ReviseRiskMitigation', { riskId: 'R920', mitigationPlan: ['Monitor'] }),
    command('EditRiskDescription', { riskId: 'R920', description: 'x' }),
    command('CloseRisk', { riskId: 'R920', on: '2025-02-01' }),
    command('RelateRiskToChangeProposals', { riskId: 'R920', add: ['cp:REC:R0209'] }),
  ])('a closed risk refuses $type until reopened', (cmd) => {
    spec
      .given([r920Raised, r920Closed])
      .when(cmd)
      .thenThrows(InvalidTransitionError, /closed/);
  });

  it('reopens at the score it had, or at a new score', () => {
    spec
      .given([r920Raised, r920Closed])
      .when(command('ReopenRisk', { riskId: 'R920' }))
      .then([{ type: 'RiskReopened', data: { score: 20 } }]);
    spec
      .given([r920Raised, r920Closed])
      .when(command('ReopenRisk', { riskId: 'R920', score: 25 }))
      .thenState((risk) => expect(risk).toMatchObject({ status: 'Open', score: 25, closedOn: null }));
  });

  it('refuses to reopen a risk that is open', () => {
    spec
      .given([r920Raised])
      .when(command('ReopenRisk', { riskId: 'R920' }))
      .thenThrows(InvalidTransitionError, /not closed/);
  });
});

describe('relating to change proposals', () => {
  const related: RiskEvent = { type: 'RiskRelatedChangeProposalsChanged', data: { added: ['cp:REC:R0209'], removed: [] } };

  it('adds and removes, recording only what changes', () => {
    spec
      .given([r920Raised, related])
      .when(command('RelateRiskToChangeProposals', { riskId: 'R920', add: ['cp:REC:R0209', 'cp:BSC:P478'], remove: ['cp:DCUSA:DCP445'] }))
      .then([{ type: 'RiskRelatedChangeProposalsChanged', data: { added: ['cp:BSC:P478'], removed: [] } }]);
    spec
      .given([r920Raised, related])
      .when(command('RelateRiskToChangeProposals', { riskId: 'R920', remove: ['cp:REC:R0209'] }))
      .thenState((risk) => expect(risk?.relatedChangeProposals).toEqual([]));
  });

  it('writes nothing when every CP to add is related already', () => {
    spec
      .given([r920Raised, related])
      .when(command('RelateRiskToChangeProposals', { riskId: 'R920', add: ['cp:REC:R0209'] }))
      .thenNothing();
  });

  it('refuses to add and remove the same CP at once, even for a command that skipped the schema', () => {
    spec
      .given([r920Raised])
      .when({ type: 'RelateRiskToChangeProposals', data: { riskId: 'R920', add: ['cp:BSC:P478'], remove: ['cp:BSC:P478'] } })
      .thenThrows(ValidationError, /also in add/);
  });

  it('relates a CP named twice in a command that skipped the schema once', () => {
    spec
      .given([])
      .when({ type: 'RaiseRisk', data: { ...r920Raised.data, relatedChangeProposals: ['cp:BSC:P478', 'cp:BSC:P478'] } })
      .thenState((risk) => expect(risk?.relatedChangeProposals).toEqual(['cp:BSC:P478']));
  });
});

describe('correcting a risk', () => {
  it('records only the fields that differ, with the reason', () => {
    spec
      .given([r920Raised])
      .when(command('CorrectRisk', { riskId: 'R920', fields: { score: 20, raisedOn: '2024-06-11' }, reason: 'raised date mistyped' }))
      .then([{ type: 'RiskCorrected', data: { fields: { raisedOn: '2024-06-11' }, reason: 'raised date mistyped' } }]);
  });

  it('writes nothing when every given field already has that value', () => {
    spec
      .given([r920Raised])
      .when(command('CorrectRisk', { riskId: 'R920', fields: { score: 20 }, reason: 'check' }))
      .thenNothing();
  });

  it('still works on a closed risk', () => {
    spec
      .given([r920Raised, r920Closed])
      .when(command('CorrectRisk', { riskId: 'R920', fields: { score: 10 }, reason: 'score at closure was 10' }))
      .thenState((risk) => expect(risk).toMatchObject({ status: 'Closed', score: 10 }));
  });

  it('refuses a correction naming no field or no reason, even for a command that skipped the schema', () => {
    spec
      .given([r920Raised])
      .when({ type: 'CorrectRisk', data: { riskId: 'R920', fields: {}, reason: ' ' } })
      .thenThrows(ValidationError, /at least one field.*say why/s);
  });

  it('refuses a raised date after the risk was closed', () => {
    spec
      .given([r920Raised, r920Closed])
      .when(command('CorrectRisk', { riskId: 'R920', fields: { raisedOn: '2025-03-01' }, reason: 'typo' }))
      .thenThrows(ValidationError, /fields.raisedOn/);
  });
});

describe('command input', () => {
  it('names every bad field of a raise at once', () => {
    expect(
      badPaths('RaiseRisk', {
        riskId: 'X920',
        description: '   ',
        score: 31,
        mitigationPlan: ['Monitor DIN volumes', ' '],
        raisedOn: '23/13/2024',
        relatedChangeProposals: ['cp:XYZ:R0209', 'cp:REC:R209', 'REC R0209', 'cp:BSC:P478', 'cp:BSC:P478'],
      }).sort(),
    ).toEqual(
      [
        'riskId',
        'description',
        'score',
        'mitigationPlan.1',
        'raisedOn',
        'relatedChangeProposals.0',
        'relatedChangeProposals.1',
        'relatedChangeProposals.2',
        'relatedChangeProposals.4',
      ].sort(),
    );
  });

  it('reports an unknown field so a typo is not silently dropped', () => {
    expect(() => command('AssessRiskScore', { riskId: 'R920', score: 10, scroe: 12 })).toThrow(/scroe/);
  });

  it('refuses a CP both added and removed, naming it in remove', () => {
    expect(badPaths('RelateRiskToChangeProposals', { riskId: 'bad', add: ['cp:REC:R0209'], remove: ['cp:REC:R0209'] })).toEqual([
      'riskId',
      'remove.0',
    ]);
  });

  it('requires a correction to give a field and a reason', () => {
    expect(badPaths('CorrectRisk', { riskId: 'R920', fields: {}, reason: ' ' }).sort()).toEqual(['fields', 'reason']);
    // The status changes by closing and reopening, never by correction.
    expect(() => command('CorrectRisk', { riskId: 'R920', fields: { status: 'Closed' }, reason: 'x' })).toThrow(
      /fields\.status: is not a known field/,
    );
  });

  it('treats an absent reason or score as none', () => {
    expect(command('CloseRisk', { riskId: 'R920', on: '2025-01-22' }).data.reason).toBeNull();
    expect(command('ReopenRisk', { riskId: 'R920', score: null }).data.score).toBeNull();
  });

  it('treats null as "not given" where a field has no empty value, and as "none" where it has', () => {
    const raised = command('RaiseRisk', { ...r920Raised.data, relatedChangeProposals: null }).data;
    expect(raised.relatedChangeProposals).toEqual([]);
    expect(command('RelateRiskToChangeProposals', { riskId: 'R920', add: ['cp:BSC:P478'], remove: null }).data).toEqual({
      riskId: 'R920',
      add: ['cp:BSC:P478'],
      remove: [],
    });
    expect(command('CloseRisk', { riskId: 'R920', on: '2025-01-22', reason: null }).data.reason).toBeNull();
    const correction = { riskId: 'R920', fields: { description: null, score: 10, mitigationPlan: null, raisedOn: null }, reason: 'x' };
    expect(command('CorrectRisk', correction).data.fields).toEqual({ score: 10 });
    expect(badPaths('CorrectRisk', { ...correction, fields: { description: null, score: null } })).toEqual(['fields']);
  });
});

describe('the risk module', () => {
  it('writes to the stream named by the risk id', () => {
    expect(riskModule.streamOf(command('AssessRiskScore', { riskId: 'R920', score: 10 }))).toBe('risk:R920');
    expect(riskModule.itemIdOf('risk:R920', r920Closed)).toBe('risk:R920');
  });

  it('gives the view the register shows', () => {
    const history: RiskEvent[] = [
      r920Raised,
      { type: 'RiskScoreAssessed', data: { from: 20, to: 10 } },
      { type: 'RiskRelatedChangeProposalsChanged', data: { added: ['cp:REC:R0209', 'cp:BSC:P478'], removed: [] } },
      { type: 'RiskRelatedChangeProposalsChanged', data: { added: [], removed: ['cp:REC:R0209'] } },
      { type: 'RiskMitigationRevised', data: { mitigationPlan: ['Keep documents aligned'] } },
      r920Closed,
      { type: 'RiskCorrected', data: { fields: { description: 'Swagger and DES138 may differ' }, reason: 'shorter' } },
    ];
    const view = history.reduce<ReturnType<typeof riskModule.evolveView> | null>(riskModule.evolveView, null);
    expect(view).toEqual({
      id: 'risk:R920',
      riskId: 'R920',
      description: 'Swagger and DES138 may differ',
      score: 10,
      mitigationPlan: ['Keep documents aligned'],
      status: 'Closed',
      raisedOn: '2024-06-12',
      closedOn: '2025-01-22',
      relatedChangeProposals: ['cp:BSC:P478'],
    });
  });

  it('stores every event under a definition whose schema accepts what the decider writes', () => {
    const written = [
      ...riskDecider.decide(command('RaiseRisk', { ...r920Raised.data }), null),
      ...riskDecider.decide(command('CloseRisk', { riskId: 'R920', on: '2025-01-22' }), riskDecider.evolve(null, r920Raised)),
    ];
    for (const event of written) {
      const definition = riskEventDefinitions.find((d) => d.type === event.type);
      expect(definition?.schema.safeParse(event.data).success).toBe(true);
    }
    expect(riskEventDefinitions.filter((d) => d.correction).map((d) => d.type)).toEqual(['RiskCorrected']);
  });
});
