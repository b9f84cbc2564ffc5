import { describe, expect, it } from 'vitest';
import { InvalidTransitionError, NotFoundError, ValidationError } from '../../services/core/errors.ts';
import {
  actionCommandSchemas,
  actionDecider,
  actionEventDefinitions,
  actionModule,
  formatActionOwner,
  meetingOfActionRef,
  parseActionOwner,
  type ActionEvent,
  type ActionView,
} from '../../services/action/index.ts';
import { commandsOf, deciderSpec } from '../support/decider-spec.ts';

const spec = deciderSpec(actionDecider);

const { command, badPaths } = commandsOf(actionCommandSchemas);

// CCAG35-03 as in the CCAG #36 pack.
const claireSilk = { party: 'Programme', person: 'Claire Silk' };
const text03 = 'Programme to confirm which PSG the post M6 DIN item update will be taken to following an update at TORWG.';
const raised03: ActionEvent = {
  type: 'ActionRaised',
  data: {
    ref: 'CCAG35-03',
    meeting: 35,
    raisedOn: '2024-10-23',
    text: text03,
    owner: claireSilk,
    dueDate: '2024-11-27',
    relatedChangeProposals: [],
  },
};
const recommended03: ActionEvent = {
  type: 'ActionRecommendedClosed',
  data: { update: 'Principles were presented at the November PSG.' },
};
const closed03: ActionEvent = { type: 'ActionClosed', data: { update: null } };

describe('raising an action', () => {
  it('records the action with the meeting read from its ref (CCAG35-03)', () => {
    spec
      .given([])
      .when(
        command('RaiseAction', {
          ref: 'CCAG35-03',
          raisedOn: '2024-10-23',
          text: ` ${text03} `,
          owner: parseActionOwner('Programme (Claire Silk)'),
          dueDate: '2024-11-27',
        }),
      )
      .then([raised03]);
  });

  it('takes an owner without a person and no due date (Code Bodies)', () => {
    spec
      .given([])
      .when(
        command('RaiseAction', {
          ref: 'CCAG35-01',
          raisedOn: '2024-10-23',
          text: 'Code Bodies to bring a cross-code plan back to CCAG.',
          owner: { party: 'Code Bodies' },
        }),
      )
      .thenState((action) =>
        expect(action).toMatchObject({
          id: 'action:CCAG35-01',
          meeting: 35,
          owner: { party: 'Code Bodies', person: null },
          dueDate: null,
          update: null,
          status: 'Open',
        }),
      );
  });

  it('refuses to raise the same action twice', () => {
    spec
      .given([raised03])
      .when(command('RaiseAction', { ref: 'CCAG35-03', raisedOn: '2024-10-23', text: text03, owner: claireSilk }))
      .thenThrows(InvalidTransitionError, /CCAG35-03 already exists/);
  });

  it('refuses a due date before the action was raised', () => {
    expect(
      badPaths('RaiseAction', { ref: 'CCAG35-03', raisedOn: '2024-10-23', text: text03, owner: claireSilk, dueDate: '2024-10-22' }),
    ).toEqual(['dueDate']);
  });
});

describe('changing an action that was never raised', () => {
  it.each([
    command('UpdateAction', { ref: 'CCAG35-03', update: 'x' }),
    command('ChangeActionDueDate', { ref: 'CCAG35-03', dueDate: '2024-12-18' }),
    command('ReassignAction', { ref: 'CCAG35-03', owner: { party: 'REC' } }),
    command('RecommendActionClosed', { ref: 'CCAG35-03' }),
    command('CloseAction', { ref: 'CCAG35-03' }),
    command('ReopenAction', { ref: 'CCAG35-03' }),
    command('RelateActionToChangeProposals', { ref: 'CCAG35-03', add: ['cp:REC:R0209'] }),
    command('CorrectAction', { ref: 'CCAG35-03', fields: { text: 'x' }, reason: 'typo' }),
  ])('$type is refused as not found', (cmd) => {
    spec
      .given([])
      .when(cmd)
      .thenThrows(NotFoundError, /action:CCAG35-03/);
  });
});

describe('updates, due dates and owners', () => {
  it('gives an update, and writes nothing for the same update', () => {
    spec
      .given([raised03])
      .when(command('UpdateAction', { ref: 'CCAG35-03', update: 'To be played back in meeting' }))
      .then([{ type: 'ActionUpdateGiven', data: { update: 'To be played back in meeting' } }]);
    spec
      .given([raised03, { type: 'ActionUpdateGiven', data: { update: 'To be played back in meeting' } }])
      .when(command('UpdateAction', { ref: 'CCAG35-03', update: 'To be played back in meeting' }))
      .thenNothing();
  });

  it('moves the due date, clears it, or writes nothing when it is the same', () => {
    spec
      .given([raised03])
      .when(command('ChangeActionDueDate', { ref: 'CCAG35-03', dueDate: '2024-12-18' }))
      .then([{ type: 'ActionDueDateChanged', data: { from: '2024-11-27', to: '2024-12-18' } }]);
    spec
      .given([raised03])
      .when(command('ChangeActionDueDate', { ref: 'CCAG35-03', dueDate: null }))
      .then([{ type: 'ActionDueDateChanged', data: { from: '2024-11-27', to: null } }]);
    spec
      .given([raised03])
      .when(command('ChangeActionDueDate', { ref: 'CCAG35-03', dueDate: '2024-11-27' }))
      .thenNothing();
  });

  it('refuses a new due date before the action was raised, naming dueDate', () => {
    let thrown: unknown;
    try {
      actionDecider.decide(
        command('ChangeActionDueDate', { ref: 'CCAG35-03', dueDate: '2024-10-01' }),
        actionDecider.evolve(null, raised03),
      );
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(ValidationError);
    expect((thrown as ValidationError).issues.map((i) => i.path)).toEqual([['dueDate']]);
  });

  it('reassigns, and writes nothing for the same owner', () => {
    spec
      .given([raised03])
      .when(command('ReassignAction', { ref: 'CCAG35-03', owner: { party: 'REC', person: 'Andrew Wallace' } }))
      .then([{ type: 'ActionReassigned', data: { from: claireSilk, to: { party: 'REC', person: 'Andrew Wallace' } } }]);
    spec
      .given([raised03])
      .when(command('ReassignAction', { ref: 'CCAG35-03', owner: { person: 'Claire Silk', party: 'Programme' } }))
      .thenNothing();
  });
});

describe('closing and reopening', () => {
  it('recommends an open action closed, with the update the pack shows', () => {
    spec
      .given([raised03])
      .when(command('RecommendActionClosed', { ref: 'CCAG35-03', update: 'Principles were presented at the November PSG.' }))
      .then([recommended03]);
  });

  it('recommends closure only from Open', () => {
    spec
      .given([raised03, recommended03])
      .when(command('RecommendActionClosed', { ref: 'CCAG35-03' }))
      .thenThrows(InvalidTransitionError, /Recommended closed/);
    spec
      .given([raised03, closed03])
      .when(command('RecommendActionClosed', { ref: 'CCAG35-03' }))
      .thenThrows(InvalidTransitionError, /Closed/);
  });

  it('closes an open or recommended-closed action, keeping the update when none is given', () => {
    spec
      .given([raised03])
      .when(command('CloseAction', { ref: 'CCAG35-03' }))
      .then([closed03]);
    spec
      .given([raised03, recommended03])
      .when(command('CloseAction', { ref: 'CCAG35-03' }))
      .thenState((action) => expect(action).toMatchObject({ status: 'Closed', update: 'Principles were presented at the November PSG.' }));
  });

  it.each([
    command('UpdateAction', { ref: 'CCAG35-03', update: 'x' }),
    command('ChangeActionDueDate', { ref: 'CCAG35-03', dueDate: '2024-12-18' }),
    command('ReassignAction', { ref: 'CCAG35-03', owner: { party: 'REC' } }),
    command('CloseAction', { ref: 'CCAG35-03' }),
    command('RelateActionToChangeProposals', { ref: 'CCAG35-03', add: ['cp:REC:R0209'] }),
  ])('a closed action refuses $type until reopened', (cmd) => {
    spec
      .given([raised03, closed03])
      .when(cmd)
      .thenThrows(InvalidTransitionError, /closed/);
  });

  it('reopens a closed or recommended-closed action, saying from what', () => {
    spec
      .given([raised03, closed03])
      .when(command('ReopenAction', { ref: 'CCAG35-03', update: 'Reopened at CCAG 37' }))
      .then([{ type: 'ActionReopened', data: { from: 'Closed', update: 'Reopened at CCAG 37' } }]);
    spec
      .given([raised03, recommended03])
      .when(command('ReopenAction', { ref: 'CCAG35-03' }))
      .thenState((action) => expect(action?.status).toBe('Open'));
  });

  it('refuses to reopen an open action', () => {
    spec
      .given([raised03])
      .when(command('ReopenAction', { ref: 'CCAG35-03' }))
      .thenThrows(InvalidTransitionError, /already open/);
  });
});

describe('relating to change proposals', () => {
  it('adds and removes, recording only what changes', () => {
    const related: ActionEvent = { type: 'ActionRelatedChangeProposalsChanged', data: { added: ['cp:REC:R0209'], removed: [] } };
    spec
      .given([raised03, related])
      .when(
        command('RelateActionToChangeProposals', { ref: 'CCAG35-03', add: ['cp:DCUSA:DCP445'], remove: ['cp:REC:R0209', 'cp:BSC:P478'] }),
      )
      .then([{ type: 'ActionRelatedChangeProposalsChanged', data: { added: ['cp:DCUSA:DCP445'], removed: ['cp:REC:R0209'] } }]);
    spec
      .given([raised03, related])
      .when(command('RelateActionToChangeProposals', { ref: 'CCAG35-03', add: ['cp:REC:R0209'] }))
      .thenNothing();
  });

  it('refuses to add and remove the same CP at once, even for a command that skipped the schema', () => {
    spec
      .given([raised03])
      .when({ type: 'RelateActionToChangeProposals', data: { ref: 'CCAG35-03', add: ['cp:REC:R0209'], remove: ['cp:REC:R0209'] } })
      .thenThrows(ValidationError, /also in add/);
  });
});

describe('correcting an action', () => {
  it('records only the fields that differ, with the reason', () => {
    spec
      .given([raised03])
      .when(
        command('CorrectAction', {
          ref: 'CCAG35-03',
          fields: { owner: { party: 'Programme', person: 'Claire Silk' }, dueDate: '2024-11-28', update: null },
          reason: 'due date mistyped',
        }),
      )
      .then([{ type: 'ActionCorrected', data: { fields: { dueDate: '2024-11-28' }, reason: 'due date mistyped' } }]);
  });

  it('writes nothing when every given field already has that value', () => {
    spec
      .given([raised03])
      .when(command('CorrectAction', { ref: 'CCAG35-03', fields: { text: text03 }, reason: 'check' }))
      .thenNothing();
  });

  it('still works on a closed action', () => {
    spec
      .given([raised03, closed03])
      .when(command('CorrectAction', { ref: 'CCAG35-03', fields: { update: 'Presented at the November PSG' }, reason: 'wording' }))
      .thenState((action) => expect(action).toMatchObject({ status: 'Closed', update: 'Presented at the November PSG' }));
  });

  it('refuses a correction naming no field, even for a command that skipped the schema', () => {
    spec
      .given([raised03])
      .when({ type: 'CorrectAction', data: { ref: 'CCAG35-03', fields: {}, reason: 'typo' } })
      .thenThrows(ValidationError, /at least one field/);
  });

  it('refuses a correction that puts the due date before the raised date', () => {
    spec
      .given([raised03])
      .when(command('CorrectAction', { ref: 'CCAG35-03', fields: { raisedOn: '2024-12-01' }, reason: 'typo' }))
      .thenThrows(ValidationError, /fields.raisedOn/);
  });
});

describe('command input', () => {
  it('names every bad field of a raise at once, the due date rule included', () => {
    expect(
      badPaths('RaiseAction', {
        ref: 'CCAG-35-1',
        raisedOn: '2024-10-23',
        text: '',
        owner: { party: ' ', person: 'Claire Silk', team: 'PMO' },
        dueDate: '2024-10-01',
        relatedChangeProposals: ['cp:NOPE:X1'],
      }).sort(),
    ).toEqual(['dueDate', 'owner.party', 'owner.team', 'ref', 'relatedChangeProposals.0', 'text'].sort());
  });

  it('treats null as "not given" where a field has no empty value, and as "none" where it has', () => {
    const raised = command('RaiseAction', {
      ref: 'CCAG35-03',
      raisedOn: '2024-10-23',
      text: text03,
      owner: { party: 'Code Bodies', person: null },
      dueDate: null,
      relatedChangeProposals: null,
    }).data;
    expect(raised).toMatchObject({ owner: { party: 'Code Bodies', person: null }, dueDate: null, relatedChangeProposals: [] });
    expect(command('RelateActionToChangeProposals', { ref: 'CCAG35-03', add: null, remove: ['cp:REC:R0209'] }).data).toEqual({
      ref: 'CCAG35-03',
      add: [],
      remove: ['cp:REC:R0209'],
    });
    expect(command('CloseAction', { ref: 'CCAG35-03', update: null }).data.update).toBeNull();
    const correction = { ref: 'CCAG35-03', fields: { raisedOn: null, text: null, owner: null, dueDate: null, update: null }, reason: 'x' };
    expect(command('CorrectAction', correction).data.fields).toEqual({ dueDate: null, update: null });
    expect(badPaths('CorrectAction', { ...correction, fields: { raisedOn: null, text: null, owner: null } })).toEqual(['fields']);
  });

  it('requires a correction to give a field and a reason', () => {
    expect(badPaths('CorrectAction', { ref: 'CCAG35-03', fields: {}, reason: '' }).sort()).toEqual(['fields', 'reason']);
    expect(() => command('CorrectAction', { ref: 'CCAG35-03', fields: { status: 'Open' }, reason: 'x' })).toThrow(
      /fields\.status: is not a known field/,
    );
  });
});

describe('owners and refs as the pack writes them', () => {
  it.each([
    ['Code Bodies', { party: 'Code Bodies', person: null }],
    ['Programme (Claire Silk)', { party: 'Programme', person: 'Claire Silk' }],
    ['REC (Andrew Wallace)', { party: 'REC', person: 'Andrew Wallace' }],
  ])('reads and writes the owner %s', (column, owner) => {
    expect(parseActionOwner(column)).toEqual(owner);
    expect(formatActionOwner(owner)).toBe(column);
  });

  it('reads the meeting from the ref', () => {
    expect(meetingOfActionRef('CCAG35-04')).toBe(35);
    expect(meetingOfActionRef('CCAG102-011')).toBe(102);
  });
});

describe('the action module', () => {
  it('writes to the stream named by the action id', () => {
    expect(actionModule.streamOf(command('CloseAction', { ref: 'CCAG35-04' }))).toBe('action:CCAG35-04');
    expect(actionModule.itemIdOf('action:CCAG35-04', closed03)).toBe('action:CCAG35-04');
  });

  it('gives the view the pack shows for CCAG35-03 at CCAG 36', () => {
    const view = [raised03, recommended03].reduce<ActionView | null>(actionModule.evolveView, null);
    expect(view).toEqual({
      id: 'action:CCAG35-03',
      ref: 'CCAG35-03',
      meeting: 35,
      raisedOn: '2024-10-23',
      text: text03,
      owner: claireSilk,
      dueDate: '2024-11-27',
      update: 'Principles were presented at the November PSG.',
      status: 'Recommended closed',
      relatedChangeProposals: [],
    });
  });

  it('applies a correction to null as a value', () => {
    const view = [
      raised03,
      { type: 'ActionCorrected', data: { fields: { dueDate: null }, reason: 'no due date was set' } } as ActionEvent,
    ].reduce<ActionView | null>(actionModule.evolveView, null);
    expect(view?.dueDate).toBeNull();
  });

  it('stores every event under a definition whose schema accepts what the decider writes', () => {
    const state = actionDecider.evolve(null, raised03);
    const { meeting: _fromTheRef, ...raiseInput } = raised03.data;
    const written = [
      ...actionDecider.decide(command('RaiseAction', raiseInput), null),
      ...actionDecider.decide(command('ReassignAction', { ref: 'CCAG35-03', owner: { party: 'REC' } }), state),
      ...actionDecider.decide(command('RecommendActionClosed', { ref: 'CCAG35-03' }), state),
    ];
    for (const event of written) {
      const definition = actionEventDefinitions.find((d) => d.type === event.type);
      expect(definition?.schema.safeParse(event.data).success).toBe(true);
    }
    expect(actionEventDefinitions.filter((d) => d.correction).map((d) => d.type)).toEqual(['ActionCorrected']);
  });
});
