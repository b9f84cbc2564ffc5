import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPackModel, packVerification } from '../../services/pack/build.ts';
import type { PackModel, PackRecord, PackTable } from '../../services/pack/model.ts';
import { leadLines, tablesOf } from '../../services/pack/model.ts';
import { ragColours } from '../../services/pack/layout.ts';
import { openSampleRegister, type SampleRegister } from './sample-register.ts';
import {
  seedActions,
  seedAgenda,
  seedCover,
  seedForwardPlan,
  seedHorizonScanning,
  seedHorizonScanningHeadings,
  seedItemPages,
  seedKeyDates,
  seedMilestones,
  seedNextSteps,
  seedReleases,
  seedReleasesTitle,
  seedRisks,
  seedRiskThemes,
  seedSectionTitles,
  seedWorkstreamSummaries,
  type SeedChangeProposal,
} from './ccag36-seed.ts';

/*
 * The CCAG #36 pack rebuilt from the sample: every table the register holds, cell by cell,
 * against the published pack (ccag36-seed.ts quotes it).
 */

/**
 * Where the register writes a cell otherwise than the seed, on purpose, each named:
 * - the pack's two weekday slips ("Fri 24/09/25" is a Wednesday, "Tue 27/02/25" a Thursday):
 *   the register keeps the date and prints its true weekday (samples/ccag-35-36/steps.ts);
 * - "tbc" is printed as the register's "TBC";
 * - the dated-update prefix is the register's, written one way: "Update 20/11 – ", never "Update 20/11: ";
 * - a decision date that is a day prints as the log's other days do ("11 December 2024" is 11/12/2024);
 * - every milestone table has one header ("Mstn Ref", "Forecast date"), where the pack's REC and
 *   M7 tables say "Ref" and "Forecast dates";
 * - every workstream summary has one set of headings ("Monthly Summary", "Next Month
 *   Deliverables"), where some of the pack's slides say "Month Summary" and "Next Month Deliverable";
 * - the cover's "MHHS PROGRAMME" is the logo's capitals; the register writes "MHHS Programme";
 */
const registerSpelling: Record<string, string> = {
  'Fri 24/09/25': 'Wed 24/09/25',
  'Tue 27/02/25': 'Thu 27/02/25',
  tbc: 'TBC',
  '11 December 2024': '11/12/2024',
  Ref: 'Mstn Ref',
  'Forecast dates': 'Forecast date',
  'Month Summary': 'Monthly Summary',
  'Next Month Deliverable': 'Next Month Deliverables',
  'MHHS PROGRAMME': 'MHHS Programme',
};
const spelled = (text: string) => registerSpelling[text] ?? text.replace(/^Update (\d\d\/\d\d): /, 'Update $1 – ');
const spelledParagraphs = (paragraphs: readonly string[]) =>
  paragraphs
    .map(spelled)
    .join(' ')
    .replace(/ Update (\d\d\/\d\d): /g, ' Update $1 – ');

let sample: SampleRegister;
let model: PackModel;

beforeAll(async () => {
  sample = await openSampleRegister();
  const report = await sample.register.verify();
  model = buildPackModel(sample.register, 36, packVerification(report, 36));
}, 120_000);
afterAll(async () => sample?.close());

const table = (id: string): PackTable => {
  const found = tablesOf(model).find((t) => t.id === id);
  if (!found)
    throw new Error(
      `no table ${id} in the pack (${tablesOf(model)
        .map((t) => t.id)
        .join(', ')})`,
    );
  return found;
};
const texts = (t: PackTable) => t.rows.map((row) => row.map((c) => c.text));
/** A cell holding a bullet list ("• a\n• b"), read back into its items. */
const bullets = (text: string) => (text === '' ? [] : text.split('\n').map((line) => line.replace(/^• /, '')));
const section = (id: string) => {
  const found = model.sections.find((s) => s.id === id);
  if (!found) throw new Error(`no section ${id} in the pack`);
  return found;
};

/** The Horizon Scanning Log's groups ("Horizon Scanning REC Change Updates: New") with their CP blocks, in order. */
function horizonScanningGroups(): { heading: string; records: PackRecord[] }[] {
  const section = model.sections.find((s) => s.id === 'horizon-scanning')!;
  const groups: { heading: string; records: PackRecord[] }[] = [];
  for (const block of section.blocks) {
    if (block.kind === 'text' && block.style === 'heading') groups.push({ heading: block.text, records: [] });
    else if (block.kind === 'record') groups.at(-1)!.records.push(block);
  }
  return groups;
}

/** A CP block read back into the seed's fields. */
function fieldsOf(record: PackRecord) {
  const value = (label: string) => record.lines.flat().find((p) => p.label === label)!.value;
  return {
    title: value('Change Title'),
    summary: value('Change Summary').split('\n').join(' '),
    stakeholderPositions: value('Stakeholder positions').split('\n'),
    dateRaised: value('Date raised'),
    status: value('Status'),
    decisionDate: value('Decision date'),
    mhhsImpact: value('MHHS Impact'),
  };
}

function expectedFields(cp: SeedChangeProposal) {
  return {
    title: `${cp.ref} – ${cp.title}`,
    summary: spelledParagraphs(cp.summary),
    stakeholderPositions: [...cp.stakeholderPositions],
    dateRaised: cp.dateRaised,
    status: cp.status,
    decisionDate: spelled(cp.decisionDate),
    mhhsImpact: cp.mhhsImpact,
  };
}

describe('the CCAG #36 pack rebuilt from the sample', () => {
  it('prints the cover: programme, meeting, date, then the version, document reference and classification', () => {
    const cover = section('cover');
    expect(cover.title).toBe(seedCover.title);
    const lines = cover.blocks.flatMap((b) => (b.kind === 'text' && b.style !== 'note' ? [b.text] : []));
    expect(lines).toEqual(
      [seedCover.programme, seedCover.tagline, seedCover.date, seedCover.version, seedCover.reference, seedCover.classification].map(
        spelled,
      ),
    );
  });

  it("titles every section's page as the seed does", () => {
    // The last page (the register behind the pack) is the register's own: the seed has none.
    expect(Object.fromEntries(model.sections.filter((s) => s.id !== 'boundary').map((s) => [s.id, s.title]))).toEqual(seedSectionTitles);
  });

  it("prints the agenda table with each item's objective, type, lead and time", () => {
    const agenda = table('agenda');
    // The Page column is where the pack's slides fall, not register content: the register prints every other column.
    const withoutPage = <T>(row: readonly T[]) => row.slice(0, -1);
    expect(agenda.columns).toEqual(withoutPage(seedAgenda.columns));
    expect(texts(agenda)).toEqual(seedAgenda.rows.map(withoutPage));
  });

  it("opens each item's pages with the agenda's type and objective, lead and time", () => {
    /*
     * The register holds an item's objective, lead and time once, on the agenda, and its pages
     * repeat them. Where the seed's pages word them otherwise than its agenda table, the
     * agenda's wording is the register's (quoted from seedAgenda here).
     */
    const agendaWording: Record<string, string> = {
      'INFORMATION: Programme milestone status, risks and Code change update':
        'INFORMATION: Programme milestone status, risks and Post M6/Pre M8 Code Change Activities',
      'INFORMATION: Update for Ofgem M7 delivery': 'INFORMATION: Provide an update on Ofgem M7 delivery',
      'INFORMATION: Update from Code Bodies for M8 Code Implementation/go-live':
        'INFORMATION: Provide an update on Code Body M8 Implementation',
      'Code Bodies (Andrew Wallace), (Jacob Snowden), (DIP Manager)': 'Code Bodies (Andrew Wallace, Jacob Snowden, DIP Manager)',
    };
    const m8Minutes = '15 mins'; // the agenda's 11:00-11:15; the M8 page says 10 mins
    for (const [id, [what, lead, time]] of Object.entries(seedItemPages)) {
      const expectedTime = id === 'm8' ? m8Minutes : time;
      const opened = section(id).lead;
      expect(opened && leadLines(opened), id).toEqual([agendaWording[what] ?? what, `${agendaWording[lead] ?? lead} · ${expectedTime}`]);
    }
    // The cover, the agenda and the last page are not agenda items' pages.
    for (const id of ['cover', 'agenda', 'boundary']) expect(section(id).lead, id).toBeUndefined();
  });

  it('lists the outstanding actions as the pack does, "RECOMMENDED CLOSED: ..." included', () => {
    const actions = table('actions');
    expect(actions.columns).toEqual(seedActions.columns);
    expect(texts(actions)).toEqual(seedActions.rows);
  });

  it("gives every CP of the Horizon Scanning Log its block, code bodies and CPs in the pack's order, with every field", () => {
    const groups = horizonScanningGroups();
    const seedGroups = Object.entries(seedHorizonScanning).flatMap(([codeBody, seed]) =>
      (
        [
          ['existing', seed.existing],
          ['new', seed.new],
        ] as const
      )
        .filter(([, cps]) => cps.length > 0)
        .map(([part, cps]) => ({ codeBody, heading: seedHorizonScanningHeadings[codeBody]?.[part], cps })),
    );
    // The pack's pages first, in their order (DCUSA before REC), each headed as the seed heads it; then what the
    // register holds beyond them, headed as REC's pages are: P478 (the pack names it, prints no row) and DCR0001
    // (its timeline is on the DIP page).
    expect(groups.map((g) => g.heading)).toEqual([
      'Horizon Scanning Code Body Change Update DCUSA',
      'Horizon Scanning REC Change Updates: Existing',
      'Horizon Scanning REC Change Updates: New',
      'Horizon Scanning BSC Change Updates: Existing',
      'Horizon Scanning DIP Change Updates: New',
    ]);
    expect(groups.slice(0, seedGroups.length).map((g) => g.heading)).toEqual(seedGroups.map((g) => g.heading));
    for (const [i, seed] of seedGroups.entries()) {
      const group = groups[i]!;
      expect(
        group.records.map((r) => r.id),
        seed.heading,
      ).toEqual(seed.cps.map((cp) => `cp:${seed.codeBody}:${cp.ref}`));
      seed.cps.forEach((cp, j) => expect(fieldsOf(group.records[j]!), cp.ref).toEqual(expectedFields(cp)));
    }
    expect(groups.slice(seedGroups.length).map((g) => g.records.map((r) => r.id))).toEqual([['cp:BSC:P478'], ['cp:DIP:DCR0001']]);
  });

  it("heads the release page and each release as the pack does, the release's CPs in the pack's order", () => {
    expect(section('releases').title).toBe(seedReleasesTitle);
    const lists = section('releases').blocks.flatMap((b) => (b.kind === 'list' ? [b] : []));
    // The register's release is "REC release 08 November 2024": the page's title names REC, so its list does not.
    expect(lists.map((l) => [l.title, [...l.items]])).toEqual(
      Object.entries(seedReleases).map(([release, items]) => [release, [...items]]),
    );
  });

  it('prints each milestone table with per-party forecasts as written', () => {
    for (const [workstream, seed] of Object.entries(seedMilestones)) {
      const milestones = table(`milestones:${workstream}`);
      // On its summary's slide, under the summary's title: no heading of its own.
      expect(milestones.title, workstream).toBeUndefined();
      expect(milestones.columns, workstream).toEqual(seed.columns.map(spelled));
      // Rows in the pack's order, cell by cell: REC's undated "Last date to raise CP before M8" stays second.
      expect(texts(milestones), workstream).toEqual(seed.rows.map((row) => row.map(spelled)));
    }
  });

  it("prints each workstream's summary: overall status as a RAG, then its overall status, monthly summary and next month deliverables", () => {
    for (const [workstream, seed] of Object.entries(seedWorkstreamSummaries)) {
      const summary = table(`workstream-summary:${workstream}`);
      expect(summary.title, workstream).toBe(seed.title);
      expect(summary.columns, workstream).toEqual(['RAG', ...seed.headings.map(spelled)]);
      expect(summary.rows, workstream).toHaveLength(1);
      const [rag, overall, monthly, next] = summary.rows[0]!;
      // The seed colours the RAG without writing it: the sample's value, in its colour.
      const reported = sample.register.itemsAt.item(`workstream-report:36:${workstream}`)!.view as { rag: string };
      expect([rag!.text, rag!.fill], workstream).toEqual([reported.rag, ragColours[reported.rag]]);
      expect(
        [overall, monthly, next].map((c) => bullets(c!.text)),
        workstream,
      ).toEqual([seed.overallStatus, seed.monthlySummary, seed.nextMonthDeliverables]);
    }
    // Each summary heads its workstream's milestone table, as the pack's slides do.
    const order = tablesOf(model)
      .map((t) => t.id)
      .filter((id) => id.startsWith('workstream-summary:') || id.startsWith('milestones:'));
    expect(order).toEqual(Object.keys(seedMilestones).flatMap((w) => [`workstream-summary:${w}`, `milestones:${w}`]));
  });

  it('prints the top-risk themes table above the key risks', () => {
    const themes = table('risk-themes');
    expect(themes.title).toBe(seedRiskThemes.title);
    expect(themes.columns).toEqual(seedRiskThemes.columns);
    expect(themes.rows.map(([theme, summary, approach]) => [theme!.text, summary!.text, bullets(approach!.text)])).toEqual(
      seedRiskThemes.rows.map((r) => [r.theme, r.summary, r.mitigationApproach]),
    );
    const ids = tablesOf(model).map((t) => t.id);
    expect(ids.indexOf('risk-themes')).toBe(ids.indexOf('risks') - 1);
  });

  it('prints the key risks with the score grid: the score marked in its band, the movement and the mitigation plan', () => {
    const risks = table('risks');
    expect(risks.title).toBe(seedRisks.title);
    // The header as the seed's: "Risk Score Assessment" over the 30 score columns, then the bands under it.
    const [assessment, bandRow] = risks.headerGroups!;
    expect(assessment!.map((g) => [g.text, g.span])).toEqual([
      ['', 2],
      [seedRisks.scoreHeading, 30],
      ['', 2],
    ]);
    const scoreColumns = risks.columns.slice(2, 32);
    expect(scoreColumns).toEqual(Array.from({ length: 30 }, (_, i) => String(30 - i)));
    expect(risks.columns.slice(32)).toEqual(['Current score movement since last CCAG', 'Mitigation Plan']);
    expect(bandRow!.filter((g) => g.text !== '').map((g) => [g.text, g.span])).toEqual(
      seedRisks.bands.map((b) => [b.name, b.from - b.to + 1]),
    );
    const flat = (text: string) => text.replace(/\s+/g, ' ');
    expect(risks.rows.map((row) => [row[0]!.text, row[1]!.text, row[32]!.text, flat(row[33]!.text)])).toEqual(
      seedRisks.rows.map((r) => [r.id, r.description, r.movement, r.mitigation]),
    );
    const register = sample.register;
    for (const row of risks.rows) {
      const marked = row.slice(2, 32).flatMap((c, i) => (c.marked ? [30 - i] : []));
      const score = (register.itemsAt.item(`risk:${row[0]!.text}`)!.view as { score: number }).score;
      expect(marked, row[0]!.text).toEqual([score]);
      // Every other score cell is shaded with its band's colour, as the header's band is.
      const fills = new Map(bandRow!.filter((g) => g.text !== '').map((g) => [g.text, g.fill]));
      for (const band of seedRisks.bands) {
        for (let s = band.from; s >= band.to; s--) {
          if (s !== score) expect(row[2 + 30 - s]!.fill, `${row[0]!.text} at ${s}`).toBe(fills.get(band.name));
        }
      }
    }
    const r920 = risks.rows.find((row) => row[0]!.text === 'R920')!;
    expect(r920[2 + 30 - seedRisks.readable.R920.score]!.marked).toBe(true);
  });

  it("prints DCR0001's key dates as the DIP Manager's page does", () => {
    const keyDates = table('key-dates:DIP:DCR0001');
    expect(keyDates.title).toBe(seedKeyDates.DCR0001.title);
    expect(keyDates.columns).toEqual(seedKeyDates.DCR0001.columns);
    expect(texts(keyDates)).toEqual(seedKeyDates.DCR0001.rows);
  });

  it('prints the next steps and the forward plan as recorded for the meeting', () => {
    const steps = section('next-steps').blocks.find((b) => b.kind === 'list' && b.title === 'Next steps');
    expect(steps?.kind === 'list' ? steps.items : undefined).toEqual(seedNextSteps);
    const plan = table('forward-plan');
    // Under the next steps, on their slide: no heading of its own.
    expect(section('next-steps').blocks.indexOf(plan)).toBe(section('next-steps').blocks.indexOf(steps!) + 1);
    expect(plan.title).toBeUndefined();
    expect(plan.columns).toEqual(seedForwardPlan.columns);
    expect(plan.rows.map(([label, ...columns]) => [label!.text, ...columns.map((c) => bullets(c.text))])).toEqual(seedForwardPlan.rows);
  });

  it('ends with the boundary position, the meeting digest, how to recheck and the verification run', () => {
    const meeting = sample.register.itemsAt.item('meeting:36')!.view as { boundaryPosition: string; digest: string };
    const boundary = texts(table('boundary'));
    expect(boundary).toContainEqual(['Boundary position', meeting.boundaryPosition]);
    expect(boundary).toContainEqual(['Meeting digest (Merkle root)', meeting.digest]);
    expect(boundary.find((r) => r[0] === 'Verification while building')![1]).toBe(
      "OK: every hash chain, the Merkle tree and every held meeting's signed head verify. CCAG #36's signed head verifies.",
    );
    const last = model.sections.at(-1)!;
    expect(JSON.stringify(last)).toContain('ccag verify');
    expect(model.sections.map((s) => s.id)).toEqual([
      'cover',
      'agenda',
      'actions',
      'horizon-scanning',
      'releases',
      'reporting',
      'm7',
      'm8',
      'next-steps',
      'boundary',
    ]);
  });
});

describe('the CCAG #35 pack, a meeting that recorded none of the pack content', () => {
  it('has a cover without a document, no workstream summaries, the next meeting as its next step and the agendas as its forward plan', async () => {
    const earlier = buildPackModel(sample.register, 35, packVerification(await sample.register.verify(), 35));
    const cover = earlier.sections.find((s) => s.id === 'cover')!;
    expect(cover.blocks.flatMap((b) => (b.kind === 'text' && b.style !== 'note' ? [b.text] : []))).toEqual([
      'MHHS Programme',
      seedCover.tagline,
      '23 October 2024',
    ]);
    const ids = tablesOf(earlier).map((t) => t.id);
    expect(ids.filter((id) => id.startsWith('workstream-summary:'))).toEqual([]);
    const steps = earlier.sections.find((s) => s.id === 'next-steps')!;
    expect(steps.blocks[0]).toMatchObject({ kind: 'list', items: ['Next CCAG meeting (CCAG #36): 27 November 2024'] });
    // At #35's boundary #36 was scheduled with the forward plan's agenda; no column was recorded.
    const plan = tablesOf(earlier).find((t) => t.id === 'forward-plan')!;
    expect(plan.columns).toEqual(['Meeting dates', '23 October', '27 November']);
    expect(plan.rows.map((row) => [row[0]!.text, ...row.slice(1).map((c) => bullets(c.text))])).toEqual([
      ['Relevant milestones or activities', [], []],
      [
        'Agenda items',
        [
          'Headline report and actions',
          'Programme updates, including the progress of CR055',
          'Horizon Scanning Log',
          'M6 reporting: post-M6 code change process and top Programme risks relating to CCAG',
          'M7 delivery',
          'M8 code implementation',
        ],
        [
          'M7 Updates',
          'M8 Updates',
          'Incremental code change',
          'Headline report and actions',
          'Programme updates',
          'Horizon Scanning Log',
          'CCAG Reporting',
          'Next steps',
        ],
      ],
      ['Standing items', [], []],
    ]);
    // Agenda items of titles only: the sections open without a lead.
    expect(earlier.sections.filter((s) => s.lead).map((s) => s.id)).toEqual([]);
  });
});
