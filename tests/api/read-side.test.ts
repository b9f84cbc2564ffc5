import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codesOf, startApiHarness, type ApiHarness } from '../support/api-harness.ts';
import { mutationDocument, queries } from '../support/api-documents.ts';
import { buildCcag35To36 } from '../support/api-scenario.ts';

/*
 * What a person typing at the API meets: items by the reference the pack prints, status
 * filters in any case, the statuses the register knows, dates and effective times read
 * strictly, a dated update written once, milestones known by their description, and one
 * reason per correction wherever it is shown.
 */

let api: ApiHarness;
beforeAll(async () => {
  api = await startApiHarness();
  await buildCcag35To36(api);
});
afterAll(async () => {
  await api.close();
});

const fieldsOf = (reply: { errors?: { extensions?: Record<string, unknown> }[] }) =>
  (reply.errors?.[0]?.extensions?.['fields'] as { path: string; message: string }[] | undefined) ?? [];

describe('items by the reference the pack prints', () => {
  it('finds a change proposal, a risk and an action by their bare reference', async () => {
    const read = await api.write(
      `{ cp: changeProposal(id: "R0209") { id } risk(id: "r920") { id } action(id: "CCAG35-01") { id } meeting(id: "CCAG #35") { id } none: changeProposal(id: "R9999") { id } }`,
      {},
      'reader',
    );
    expect(read).toEqual({
      cp: { id: 'cp:REC:R0209' },
      risk: { id: 'risk:R920' },
      action: { id: 'action:CCAG35-01' },
      meeting: { id: 'meeting:35' },
      none: null,
    });
  });

  it('refuses a reference two items share, naming the ids to choose from', async () => {
    const reply = await api.gql('{ milestone(id: "3707") { id } }', {}, 'reader');
    expect(codesOf(reply)).toEqual(['BAD_USER_INPUT']);
    expect(fieldsOf(reply)).toEqual([
      { path: 'id', message: '3707 names 2 milestones: give one of milestone:BSC-M8:3707, milestone:REC-M8:3707' },
    ]);
  });
});

describe('statuses', () => {
  it('are listed per kind and per code body in the vocabulary', async () => {
    const { vocabulary } = await api.write('{ vocabulary { statuses { kind statuses } codeBodies { code statuses } } }', {}, 'reader');
    expect(vocabulary.statuses).toEqual(
      expect.arrayContaining([
        { kind: 'ACTION', statuses: ['Open', 'Recommended closed', 'Closed'] },
        { kind: 'MILESTONE', statuses: ['Green', 'Amber', 'Red', 'In progress', 'Complete'] },
        { kind: 'RISK', statuses: ['Open', 'Closed'] },
        { kind: 'MEETING', statuses: ['Scheduled', 'Held'] },
      ]),
    );
    expect(vocabulary.statuses.find((s: { kind: string }) => s.kind === 'CHANGE_PROPOSAL').statuses).toContain('Under Development');
    expect(vocabulary.codeBodies.find((b: { code: string }) => b.code === 'REC').statuses).toContain('Awaiting Authority decision');
  });

  it('filter lists whatever case they are typed in', async () => {
    const ids = (items: { id: string }[]) => items.map((i) => i.id);
    expect(
      ids((await api.write(queries.changeProposals, { filter: { statuses: ['under development'] } }, 'reader')).changeProposals),
    ).toEqual(['cp:BSC:P478']);
    expect(ids((await api.write(queries.actions, { filter: { statuses: ['CLOSED'] } }, 'reader')).actions)).toEqual(['action:CCAG35-02']);
    expect(ids((await api.write(queries.milestones, { filter: { statuses: ['amber'] } }, 'reader')).milestones)).toEqual([
      'milestone:BSC-M8:3707',
    ]);
    expect(ids((await api.write(queries.risks, { filter: { status: 'open', bands: ['low'] } }, 'reader')).risks)).toEqual(['risk:R920']);
  });

  it('are refused, naming the known ones, when a code body does not use them', async () => {
    const custom = await startApiHarness({
      config: (config) => ({
        ...config,
        rules: {
          ...config.rules,
          codeBodies: config.rules.codeBodies.map((b) => (b.code === 'DCUSA' ? { ...b, statuses: ['New', 'Voting', 'Withdrawn'] } : b)),
        },
      }),
    });
    try {
      const reply = await custom.gql(mutationDocument('raiseChangeProposal'), {
        input: {
          codeBody: 'DCUSA',
          ref: 'DCP444',
          title: 't',
          summary: 's',
          raisedOn: '02/08/24',
          mhhsImpact: 'Of interest',
          status: 'Report Phase',
        },
      });
      expect(codesOf(reply)).toEqual(['BAD_USER_INPUT']);
      expect(fieldsOf(reply)).toEqual([
        { path: 'input.status', message: 'DCUSA change proposals do not take "Report Phase"; known: New, Voting, Withdrawn' },
      ]);
    } finally {
      await custom.close();
    }
  });
});

describe('effective times', () => {
  it.each(['1', '2024', 'Tue, 01 Dec 2026 10:00:00 GMT', '2024-10-02T10:00:00'])(
    'refuses %j, naming options.effectiveAt, and writes nothing',
    async (effectiveAt) => {
      const before = (await api.write(queries.history, { id: 'risk:R921' }, 'auditor')).history.length;
      const reply = await api.gql(mutationDocument('assessRiskScore'), { input: { riskId: 'R921', score: 27 }, options: { effectiveAt } });
      expect(codesOf(reply)).toEqual(['BAD_USER_INPUT']);
      expect(fieldsOf(reply).map((f) => f.path)).toEqual(['options.effectiveAt']);
      expect((await api.write(queries.history, { id: 'risk:R921' }, 'auditor')).history).toHaveLength(before);
    },
  );
});

describe('a dated update', () => {
  it('is written "Update dd/mm –" once, whatever was typed', async () => {
    const add = (text: string, on: string) =>
      api.gql(mutationDocument('addChangeProposalUpdate'), { input: { codeBody: 'REC', ref: 'R0209', on, text } });
    expect((await add('Update 04/12 – Party impact assessment published', '04/12/24')).errors).toBeUndefined();
    expect((await add('Final modification report due', '05/12/24')).errors).toBeUndefined();
    const { changeProposal } = await api.write('{ changeProposal(id: "cp:REC:R0209") { updates { on text } } }', {}, 'reader');
    expect(changeProposal.updates.slice(-2)).toEqual([
      { on: '2024-12-04', text: 'Party impact assessment published' },
      { on: '2024-12-05', text: 'Final modification report due' },
    ]);
    const mismatch = await add('Update 04/12 – typed on the wrong day', '06/12/24');
    expect(fieldsOf(mismatch)).toEqual([{ path: 'input.text', message: 'begins "Update 04/12" but the update is dated 06/12/24' }]);
  });
});

describe('milestones without a reference', () => {
  it('are addressed by their description, and an unknown key is answered with the keys there are', async () => {
    await api.mutate('baselineMilestone', {
      workstream: 'REC-M8',
      ref: null,
      description: 'Last date to raise CP before M8',
      baselineDate: '01/12/24',
    });
    const moved = await api.mutate('forecastMilestone', {
      workstream: 'REC-M8',
      key: 'last date to raise CP before M8',
      forecastDate: '08/12/24',
    });
    expect(moved.milestone).toMatchObject({ id: 'milestone:REC-M8:last-date-to-raise-cp-before-m8', forecastDate: { iso: '2024-12-08' } });

    const unknown = await api.gql(mutationDocument('forecastMilestone'), {
      input: { workstream: 'REC-M8', key: 'M8 go-live', forecastDate: 'TBC' },
    });
    expect(codesOf(unknown)).toEqual(['NOT_FOUND']);
    expect(unknown.errors![0]!.message).toBe(
      'Milestone in REC-M8 M8 go-live does not exist; known: 3707, last-date-to-raise-cp-before-m8 ("Last date to raise CP before M8")',
    );
  });
});

describe('a correction', () => {
  it('shows the same reason in history and in movement', async () => {
    const head = (await api.write(queries.point, {}, 'reader')).point.position as string;
    await api.mutate(
      'correctRisk',
      { riskId: 'R921', fields: { description: 'Qualification slips (typo fixed)' }, reason: 'typo in the description' },
      { reason: 'tidying before the pack' },
    );
    const history = (await api.write(queries.history, { id: 'risk:R921' }, 'auditor')).history;
    const movement = (await api.write(queries.movement, { from: { position: head } }, 'reader')).movement;
    expect(history.at(-1).reason).toBe('typo in the description');
    expect(movement.corrections).toEqual([expect.objectContaining({ id: 'risk:R921', reason: 'typo in the description' })]);
  });
});
