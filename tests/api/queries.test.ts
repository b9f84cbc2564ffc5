import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startApiHarness, type ApiHarness } from '../support/api-harness.ts';
import { queries } from '../support/api-documents.ts';
import { buildCcag35To36 } from '../support/api-scenario.ts';

let itemsByIdsCalls = 0;

async function startWithScenario(): Promise<ApiHarness> {
  const started = await startApiHarness({
    // "Overdue" is judged by the register's clock: here it reads 2 December 2024.
    clockStart: Date.UTC(2024, 11, 2, 9, 0, 0),
    register: (register) => {
      const itemsByIds = register.itemsAt.itemsByIds.bind(register.itemsAt);
      register.itemsAt.itemsByIds = (ids, seq) => {
        itemsByIdsCalls++;
        return itemsByIds(ids, seq);
      };
    },
  });
  await buildCcag35To36(started);
  return started;
}

/*
 * Every test in this file only reads, except the batching test (which has its own
 * register): one register, built once, serves them all and is closed after the file.
 */
let api: ApiHarness;
beforeAll(async () => {
  api = await startWithScenario();
});
afterAll(async () => {
  await api.close();
});

const ids = (items: { id: string }[]) => items.map((i) => i.id);
const read = (query: string, variables: Record<string, unknown> = {}) => api.write(query, variables, 'reader');

describe('change proposals', () => {
  it('lists them, with each filter and all filters together', async () => {
    expect(ids((await read(queries.changeProposals)).changeProposals)).toEqual([
      'cp:BSC:P478',
      'cp:DCUSA:DCP445',
      'cp:REC:R0209',
      'cp:REC:R0210',
    ]);
    const filtered = async (filter: Record<string, unknown>) => ids((await read(queries.changeProposals, { filter })).changeProposals);
    expect(await filtered({ codeBodies: ['REC', 'DCUSA'] })).toEqual(['cp:DCUSA:DCP445', 'cp:REC:R0209', 'cp:REC:R0210']);
    expect(await filtered({ statuses: ['Voting', 'Under Development'] })).toEqual(['cp:BSC:P478', 'cp:DCUSA:DCP445']);
    expect(await filtered({ mhhsImpact: 'DIRECT' })).toEqual(['cp:BSC:P478']);
    expect(await filtered({ text: 'r021' })).toEqual(['cp:REC:R0210']);
    expect(await filtered({ text: 'mhhs' })).toEqual(['cp:BSC:P478', 'cp:REC:R0209']);
    expect(await filtered({ codeBodies: ['REC'], statuses: ['New'], mhhsImpact: 'interest', text: 'R0209' })).toEqual(['cp:REC:R0209']);
    expect(await filtered({ codeBodies: ['SEC'] })).toEqual([]);
  });

  it('one by id, with related change proposals resolved; null for an unknown id or another kind of id', async () => {
    const r0209 = (await read(queries.changeProposal, { id: 'cp:REC:R0209' })).changeProposal;
    expect(r0209).toMatchObject({ ref: 'R0209', codeBody: 'REC', status: 'New', decisionDate: { text: 'December 2024' } });
    expect(r0209.relatedChangeProposals).toEqual([
      { id: 'cp:BSC:P478', ref: 'P478', status: 'Under Development', version: 2 },
      { id: 'cp:DCUSA:DCP445', ref: 'DCP445', status: 'Voting', version: 1 },
    ]);
    expect((await read(queries.changeProposal, { id: 'cp:REC:R9999' })).changeProposal).toBeNull();
    expect((await read(queries.changeProposal, { id: 'risk:R920' })).changeProposal).toBeNull();
  });
});

describe('milestones, risks, actions, meetings', () => {
  it('milestones, with each filter; one by id', async () => {
    const filtered = async (filter?: Record<string, unknown>) => ids((await read(queries.milestones, { filter })).milestones);
    expect(await filtered()).toEqual(['milestone:BSC-M8:3707', 'milestone:PROGRAMME:T2-RE-0600', 'milestone:REC-M8:3707']);
    expect(await filtered({ workstreams: ['REC-M8', 'PROGRAMME'] })).toEqual(['milestone:PROGRAMME:T2-RE-0600', 'milestone:REC-M8:3707']);
    expect(await filtered({ statuses: ['Amber'] })).toEqual(['milestone:BSC-M8:3707']);
    expect(await filtered({ ref: '3707' })).toEqual(['milestone:BSC-M8:3707', 'milestone:REC-M8:3707']);
    expect(await filtered({ ref: '3707', workstreams: ['BSC-M8'], statuses: ['Amber'] })).toEqual(['milestone:BSC-M8:3707']);

    const rec = (await read(queries.milestone, { id: 'milestone:REC-M8:3707' })).milestone;
    expect(rec).toMatchObject({
      workstream: 'REC-M8',
      key: '3707',
      baselineDate: { text: '09/10/24' },
      forecastDate: { text: 'December 2024' },
    });
    const bsc = (await read(queries.milestone, { id: 'milestone:BSC-M8:3707' })).milestone;
    expect(ids(bsc.relatedChangeProposals)).toEqual(['cp:BSC:P478']);
  });

  it('risks, with each filter; one by id', async () => {
    const filtered = async (filter?: Record<string, unknown>) => (await read(queries.risks, { filter })).risks;
    expect((await filtered()).map((r: any) => [r.ref, r.score, r.band])).toEqual([
      ['R920', 10, 'Low'],
      ['R921', 28, 'Critical'],
    ]);
    expect(ids(await filtered({ bands: ['Critical', 'High'] }))).toEqual(['risk:R921']);
    expect(ids(await filtered({ status: 'Open' }))).toEqual(['risk:R920', 'risk:R921']);
    expect(ids(await filtered({ status: 'Closed' }))).toEqual([]);
    expect(ids(await filtered({ bands: ['Low'], status: 'Open' }))).toEqual(['risk:R920']);
    const r920 = (await read(queries.risk, { id: 'risk:R920' })).risk;
    expect(r920).toMatchObject({ score: 10, description: 'Code changes are late for M8 (REC, BSC)', version: 3 });
    expect(ids(r920.relatedChangeProposals)).toEqual(['cp:BSC:P478']);
  });

  it('actions, with each filter (overdue as of the point asked about); one by id', async () => {
    const filtered = async (filter?: Record<string, unknown>, at?: Record<string, unknown>) =>
      ids((await read(queries.actions, { filter, at })).actions);
    expect(await filtered()).toEqual(['action:CCAG35-01', 'action:CCAG35-02']);
    expect(await filtered({ statuses: ['Closed'] })).toEqual(['action:CCAG35-02']);
    expect(await filtered({ owner: 'claire' })).toEqual(['action:CCAG35-01']);
    expect(await filtered({ owner: 'code bodies' })).toEqual(['action:CCAG35-02']);
    // The register's today (2/12/24) is after 27/11/24; the day of CCAG #35 (30/10/24) was not.
    expect(await filtered({ overdue: true })).toEqual(['action:CCAG35-01']);
    expect(await filtered({ overdue: false })).toEqual(['action:CCAG35-02']);
    expect(await filtered({ overdue: true }, { meeting: 35 })).toEqual([]);
    expect(await filtered({ statuses: ['Open'], owner: 'Programme', overdue: true })).toEqual(['action:CCAG35-01']);

    const action = (await read(queries.action, { id: 'action:CCAG35-01' })).action;
    expect(action).toMatchObject({ meeting: 35, owner: { text: 'Programme (Claire Silk)' }, dueDate: '2024-11-27', overdue: true });
    expect(ids(action.relatedChangeProposals)).toEqual(['cp:REC:R0209']);
  });

  it('meetings, in number order, with their boundaries and digests', async () => {
    const meetings = (await read(queries.meetings)).meetings;
    expect(meetings.map((m: any) => [m.number, m.status, m.heldOn])).toEqual([
      [35, 'Held', '2024-10-30'],
      [36, 'Held', '2024-11-27'],
    ]);
    for (const meeting of meetings) {
      expect(meeting.boundaryPosition).toMatch(/^\d+$/);
      expect(meeting.digest).toMatch(/^[0-9a-f]{64}$/);
    }
    expect(Number(meetings[0].boundaryPosition)).toBeLessThan(Number(meetings[1].boundaryPosition));
  });
});

describe('the register at a past point', () => {
  it('at meeting 35 shows the register as it stood then, related items included', async () => {
    const at = { meeting: 35 };
    const risks = (await read(queries.risks, { at })).risks;
    expect(risks.map((r: any) => [r.ref, r.score, r.band, r.version])).toEqual([
      ['R920', 20, 'Medium', 1],
      ['R921', 28, 'Critical', 1],
    ]);
    // Related CPs resolve at the same point: P478's decision date was still December 2024.
    const r920 = (await read(queries.risk, { id: 'risk:R920', at })).risk;
    expect(r920.description).toBe('Code changes are late for M8');
    expect(r920.relatedChangeProposals).toEqual([expect.objectContaining({ id: 'cp:BSC:P478', version: 1 })]);
    const p478 = (await read(queries.changeProposal, { id: 'cp:BSC:P478', at })).changeProposal;
    expect(p478.decisionDate.text).toBe('December 2024');
    expect((await read(queries.changeProposal, { id: 'cp:BSC:P478' })).changeProposal.decisionDate.text).toBe('Q1 2025');

    expect(ids((await read(queries.changeProposals, { at })).changeProposals)).not.toContain('cp:REC:R0210');
    expect((await read(queries.changeProposal, { id: 'cp:REC:R0210', at })).changeProposal).toBeNull();
    expect((await read(queries.milestone, { id: 'milestone:REC-M8:3707', at })).milestone.forecastDate.text).toBe('09/10/24');
    expect((await read(queries.action, { id: 'action:CCAG35-02', at })).action.status).toBe('Open');
  });

  it('at a position or a recorded time, as the history of the item shows it', async () => {
    const history = (await read(queries.history, { id: 'risk:R920' })).history;
    const [raised, assessed] = history;
    expect((await read(queries.risk, { id: 'risk:R920', at: { position: raised.position } })).risk.score).toBe(20);
    expect((await read(queries.risk, { id: 'risk:R920', at: { position: assessed.position } })).risk.score).toBe(10);
    expect((await read(queries.risk, { id: 'risk:R920', at: { time: raised.recordedAt } })).risk.score).toBe(20);
    expect((await read(queries.risk, { id: 'risk:R920', at: { time: '2024-01-01T00:00:00Z' } })).risk).toBeNull();
  });

  it('point() resolves meetings, positions and times; without `at` it is now', async () => {
    const meetings = (await read(queries.meetings)).meetings;
    const at35 = (await read(queries.point, { at: { meeting: 35 } })).point;
    expect(at35).toMatchObject({ meeting: 35, position: meetings[0].boundaryPosition });
    // Positions and recorded times are the store's own (EventStoreDB sets both), so compare with the log.
    const log = (await api.write(queries.events, { first: 1000 }, 'auditor')).events.events;
    expect(at35.recordedAt).toBe(log.find((e: any) => e.position === at35.position).recordedAt);
    const now = (await read(queries.point)).point;
    const status = (await read(queries.readModelStatus)).readModelStatus;
    expect(now).toMatchObject({ position: status.head, meeting: null });
    expect((await read(queries.point, { at: { position: log[2].position } })).point.position).toBe(log[2].position);
    expect((await read(queries.point, { at: { time: log[2].recordedAt } })).point.position).toBe(
      log.filter((e: any) => e.recordedAt <= log[2].recordedAt).at(-1).position,
    );
    expect((await read(queries.point, { at: { time: '2020-01-01T00:00:00Z' } })).point).toEqual({
      position: null,
      recordedAt: null,
      meeting: null,
    });
  });

  it('movement from meeting 35 to 36 is the pack\'s "movement since last CCAG"', async () => {
    const movement = (await read(queries.movement, { from: { meeting: 35 }, to: { meeting: 36 } })).movement;
    expect(movement.from.meeting).toBe(35);
    expect(movement.to.meeting).toBe(36);

    const r920 = movement.risks.find((r: any) => r.id === 'risk:R920');
    expect(r920).toMatchObject({ ref: 'R920', change: 'CHANGED', versionBefore: 1, versionAfter: 3 });
    expect(r920.summary).toEqual(['Score reduced from 20 to 10']);
    expect(r920.fields).toEqual([{ field: 'score', from: 20, to: 10 }]);
    expect(movement.risks.find((r: any) => r.id === 'risk:R921')).toMatchObject({ change: 'UNCHANGED', summary: ['No change'] });

    expect(ids(movement.horizonScanning.new)).toEqual(['cp:REC:R0210']);
    const p478 = movement.horizonScanning.existing.find((c: any) => c.id === 'cp:BSC:P478');
    expect(p478.summary).toEqual(['Decision date moved from December 2024 to Q1 2025']);
    expect(movement.milestones.find((m: any) => m.id === 'milestone:REC-M8:3707').summary).toEqual([
      'Forecast moved from 09/10/24 to December 2024',
    ]);
    expect(movement.actions.find((a: any) => a.id === 'action:CCAG35-02')).toMatchObject({ change: 'CLOSED' });
    expect(movement.corrections).toEqual([
      expect.objectContaining({ id: 'risk:R920', kind: 'risk', reason: 'parties were missing', actor: 'ccag-secretariat' }),
    ]);

    // `to` defaults to now; 36 was held last, so only meeting 36 itself has moved since.
    const sinceNow = (await read(queries.movement, { from: { meeting: 35 } })).movement;
    expect(sinceNow.risks).toEqual(movement.risks);
    expect(sinceNow.to.meeting).toBeNull();
  });
});

describe('history, the log, verification, status, vocabulary', () => {
  it('history(id) lists every event of one item, oldest first, chained by hash', async () => {
    const history = (await read(queries.history, { id: 'risk:R920' })).history;
    expect(history.map((e: any) => [e.type, e.revision, e.correction])).toEqual([
      ['RiskRaised', 0, false],
      ['RiskScoreAssessed', 1, false],
      ['RiskCorrected', 2, true],
    ]);
    expect(history[0].prevHash).toBeNull();
    expect(history[1].prevHash).toBe(history[0].hash);
    expect(history[2].prevHash).toBe(history[1].hash);
    expect(history[2]).toMatchObject({
      itemId: 'risk:R920',
      stream: 'risk:R920',
      actor: 'ccag-secretariat',
      reason: 'parties were missing',
    });
    expect(history[1].data).toEqual({ from: 20, to: 10 });
    // What each changed, in the movement view's words; the correction says what it set right.
    expect(history.map((e: any) => e.summary)).toEqual([
      ['New item'],
      ['Score reduced from 20 to 10'],
      ['Description corrected from “Code changes are late for M8” to “Code changes are late for M8 (REC, BSC)”'],
    ]);
  });

  it('events(after, first) pages through the whole log without gaps or repeats', async () => {
    const all = (await api.write(queries.events, { first: 1000 }, 'auditor')).events;
    expect(all.hasMore).toBe(false);
    expect(all.events.length).toBeGreaterThan(15);

    const paged: any[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const page: any = (await api.write(queries.events, { after, first: 4 }, 'auditor')).events;
      pages++;
      paged.push(...page.events);
      if (!page.hasMore) break;
      expect(page.events).toHaveLength(4);
      after = page.endPosition;
    }
    expect(pages).toBe(Math.ceil(all.events.length / 4));
    expect(paged).toEqual(all.events);
    const positions = paged.map((e) => Number(e.position));
    expect(positions).toEqual([...positions].sort((a, b) => a - b));

    const end = (await api.write(queries.events, { after: all.endPosition, first: 10 }, 'auditor')).events;
    expect(end).toEqual({ events: [], endPosition: all.endPosition, hasMore: false });
  });

  it('verification checks every chain and meeting digest', async () => {
    const verification = (await api.write(queries.verification, {}, 'auditor')).verification;
    const events = (await api.write(queries.events, { first: 1000 }, 'auditor')).events.events;
    expect(verification).toEqual({
      ok: true,
      eventsChecked: events.length,
      streams: new Set(events.map((e: any) => e.stream)).size,
      firstBad: null,
      badDigests: [],
    });
    // The meeting heads, tree and caching are covered in transparency.test.ts.
  });

  it('readModelStatus shows a caught-up read model at the head of the log', async () => {
    const status = (await read(queries.readModelStatus)).readModelStatus;
    const events = (await api.write(queries.events, { first: 1000 }, 'auditor')).events;
    expect(status).toEqual({ checkpoint: events.endPosition, head: events.endPosition, eventsBehind: 0, caughtUp: true });
  });

  it('vocabulary is the configured code bodies, workstreams and risk bands', async () => {
    const vocabulary = (await read(queries.vocabulary)).vocabulary;
    const rules = api.config.rules;
    expect(vocabulary.codeBodies).toEqual(rules.codeBodies.map(({ code, name, example }) => ({ code, name, example })));
    expect(vocabulary.workstreams).toEqual(rules.workstreams);
    expect(vocabulary.riskBands).toEqual(rules.riskBands);
  });
});

describe('related change proposals are loaded in one batch per request', () => {
  let shared: ApiHarness;
  beforeEach(async () => {
    shared = api;
    api = await startWithScenario();
  });
  afterEach(async () => {
    await api.close();
    api = shared;
  });

  it('N items with related CPs cost one lookup, not N', async () => {
    // Give every risk and milestone a related CP, so each list has several items to resolve.
    await api.mutate('relateRisk', { riskId: 'R921', add: ['cp:REC:R0209'] });
    await api.mutate('relateMilestone', { workstream: 'REC-M8', key: '3707', add: ['cp:REC:R0210'] });
    await api.mutate('relateMilestone', { workstream: 'PROGRAMME', key: 'T2-RE-0600', add: ['cp:DCUSA:DCP445'] });

    itemsByIdsCalls = 0;
    const risks = (await read(`{ risks { id relatedChangeProposals { id title } } }`)).risks;
    expect(risks.map((r: any) => ids(r.relatedChangeProposals))).toEqual([['cp:BSC:P478'], ['cp:REC:R0209']]);
    expect(itemsByIdsCalls).toBe(1);

    itemsByIdsCalls = 0;
    const milestones = (await read(`{ milestones { id relatedChangeProposals { id } } }`)).milestones;
    expect(milestones.map((m: any) => ids(m.relatedChangeProposals))).toEqual([['cp:BSC:P478'], ['cp:DCUSA:DCP445'], ['cp:REC:R0210']]);
    expect(itemsByIdsCalls).toBe(1);

    // One batch per level of nesting, however many items each level has.
    itemsByIdsCalls = 0;
    const nested = (await read(`{ risks { relatedChangeProposals { id relatedChangeProposals { id } } } }`)).risks;
    expect(ids(nested[1].relatedChangeProposals[0].relatedChangeProposals)).toEqual(['cp:BSC:P478', 'cp:DCUSA:DCP445']);
    expect(itemsByIdsCalls).toBe(2);
  });
});
