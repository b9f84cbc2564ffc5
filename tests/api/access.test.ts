import { afterEach, describe, expect, it } from 'vitest';
import { codesOf, startApiHarness, type ApiHarness, type As } from '../support/api-harness.ts';
import { mutationDocument, mutationShapes, queries } from '../support/api-documents.ts';
import {
  actionPlan,
  changeProposalPlan,
  meetingPlan,
  milestonePlan,
  riskPlan,
  riskThemePlan,
  workstreamReportPlan,
  type Step,
} from '../support/api-plans.ts';

let api: ApiHarness | undefined;
afterEach(async () => {
  await api?.close();
  api = undefined;
});

const everyRole: readonly As[] = ['reader', 'recEditor', 'bscEditor', 'secretariat', 'auditor', 'anonymous'];
const related = 'cp:DCUSA:DCP444';

interface Row extends Step {
  /** The role that performs the step (it must succeed). */
  readonly by: As;
  /** Roles that may also perform it; they are not tried, so the plan's state stays as expected. */
  readonly alsoAllowed: readonly As[];
}

const rows = (steps: Step[], by: As, alsoAllowed: As[] = []): Row[] => steps.map((s) => ({ ...s, by, alsoAllowed }));

/**
 * Secretariat: everything. An editor: only the CP and milestone mutations of its own code
 * body. Reader, auditor, anonymous: nothing. Each plan runs against an item whose owner
 * performs it; every other role is refused first.
 */
const matrix: Row[] = [
  ...rows(changeProposalPlan('DCUSA', 'DCP444', related).slice(0, 1), 'secretariat'),
  ...rows(changeProposalPlan('REC', 'R0209', related), 'recEditor', ['secretariat']),
  ...rows(changeProposalPlan('BSC', 'P478', related), 'bscEditor', ['secretariat']),
  ...rows(changeProposalPlan('DCUSA', 'DCP445', related), 'secretariat'),
  ...rows(milestonePlan('REC-M8', '3707', related), 'recEditor', ['secretariat']),
  ...rows(milestonePlan('BSC-M8', '3707', related), 'bscEditor', ['secretariat']),
  ...rows(milestonePlan('PROGRAMME', 'T2-RE-0600', related), 'secretariat'),
  ...rows(riskPlan('R920', related), 'secretariat'),
  ...rows(actionPlan('CCAG35-01', related), 'secretariat'),
  ...rows(meetingPlan(36), 'secretariat'),
  // A code body's own workstream report is still the secretariat's to keep.
  ...rows(workstreamReportPlan(36, 'REC-M8'), 'secretariat'),
  ...rows(riskThemePlan('Top risks to the Code Workstream'), 'secretariat'),
];

const expectedRefusal = (as: As) => (as === 'anonymous' ? 'UNAUTHENTICATED' : 'FORBIDDEN');

describe('who may write', () => {
  it('every role against every mutation', async () => {
    api = await startApiHarness({ env: { OPEN_READS: 'true' } });
    const tried = new Map<string, Set<As>>();
    const head = async () => (await api!.write(queries.readModelStatus)).readModelStatus.head;

    for (const row of matrix) {
      const document = mutationDocument(row.mutation);
      const refused = everyRole.filter((as) => as !== row.by && !row.alsoAllowed.includes(as));
      const before = await head();
      const replies = await Promise.all(refused.map((as) => api!.gql(document, { input: row.input }, as)));
      replies.forEach((reply, i) => {
        expect(codesOf(reply), `${refused[i]} ${row.mutation} ${JSON.stringify(row.input)}`).toEqual([expectedRefusal(refused[i]!)]);
      });
      expect(await head(), `refused ${row.mutation} wrote nothing`).toBe(before);

      const performed = await api.gql(document, { input: row.input }, row.by);
      expect(performed.errors, `${row.by} ${row.mutation} ${JSON.stringify(row.input)}`).toBeUndefined();
      expect(performed.data![row.mutation].changed).toBe(true);

      const roles = tried.get(row.mutation) ?? new Set<As>();
      for (const as of [row.by, ...refused]) roles.add(as);
      tried.set(row.mutation, roles);
    }

    // Every mutation of the schema was tried by every role, and performed by the secretariat.
    for (const { name } of mutationShapes) {
      expect([...(tried.get(name) ?? [])].sort(), name).toEqual([...everyRole].sort());
      expect(
        matrix.some((row) => row.mutation === name && row.by === 'secretariat'),
        name,
      ).toBe(true);
    }
  }, 120_000);
});

describe('who may read', () => {
  const registerReads: [string, string, Record<string, unknown>][] = [
    ['changeProposals', queries.changeProposals, {}],
    ['changeProposal', queries.changeProposal, { id: 'cp:REC:R0209' }],
    ['milestones', queries.milestones, {}],
    ['milestone', queries.milestone, { id: 'milestone:REC-M8:3707' }],
    ['risks', queries.risks, {}],
    ['risk', queries.risk, { id: 'risk:R920' }],
    ['actions', queries.actions, {}],
    ['action', queries.action, { id: 'action:CCAG35-01' }],
    ['meetings', queries.meetings, {}],
    ['workstreamReports', queries.workstreamReports, {}],
    ['riskThemes', queries.riskThemes, {}],
    ['movement', queries.movement, { from: { position: '1' } }],
    ['history', queries.history, { id: 'risk:R920' }],
    ['point', queries.point, { at: { position: '1' } }],
    ['readModelStatus', queries.readModelStatus, {}],
    ['vocabulary', queries.vocabulary, {}],
  ];
  const auditReads: [string, string, Record<string, unknown>][] = [
    ['events', queries.events, { first: 10 }],
    ['verification', queries.verification, {}],
  ];

  async function withItems(env: Record<string, string>): Promise<ApiHarness> {
    api = await startApiHarness({ env });
    await api.mutate('raiseRisk', riskPlan('R920', related)[0]!.input);
    return api;
  }

  async function outcomes(api: ApiHarness, reads: [string, string, Record<string, unknown>][], as: As) {
    const replies = await Promise.all(reads.map(([, document, variables]) => api.gql(document, variables, as)));
    return Object.fromEntries(replies.map((reply, i) => [reads[i]![0], codesOf(reply)[0] ?? 'OK']));
  }

  const all = (reads: [string, string, Record<string, unknown>][], outcome: string) =>
    Object.fromEntries(reads.map(([name]) => [name, outcome]));

  it('with closed reads (production default), anonymous callers read nothing', async () => {
    const api = await withItems({ NODE_ENV: 'production' });
    expect(api.config.openReads).toBe(false);
    expect(await outcomes(api, registerReads, 'anonymous')).toEqual(all(registerReads, 'UNAUTHENTICATED'));
    expect(await outcomes(api, auditReads, 'anonymous')).toEqual(all(auditReads, 'UNAUTHENTICATED'));
    for (const as of ['reader', 'recEditor', 'bscEditor', 'secretariat', 'auditor'] as const) {
      expect(await outcomes(api, registerReads, as), as).toEqual(all(registerReads, 'OK'));
    }
  });

  it('with open reads, anonymous callers read the register but not the audit log', async () => {
    const api = await withItems({ OPEN_READS: 'true' });
    expect(await outcomes(api, registerReads, 'anonymous')).toEqual(all(registerReads, 'OK'));
    expect(await outcomes(api, auditReads, 'anonymous')).toEqual(all(auditReads, 'UNAUTHENTICATED'));
  });

  it('events and verification: only auditors and the secretariat', async () => {
    const api = await withItems({ OPEN_READS: 'true' });
    for (const as of ['auditor', 'secretariat'] as const) expect(await outcomes(api, auditReads, as), as).toEqual(all(auditReads, 'OK'));
    for (const as of ['reader', 'recEditor', 'bscEditor'] as const) {
      expect(await outcomes(api, auditReads, as), as).toEqual(all(auditReads, 'FORBIDDEN'));
    }
  });
});
