import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPackModel, packVerification } from '../../services/pack/build.ts';
import type { PackModel, PackRecord, PackTable } from '../../services/pack/model.ts';
import { tablesOf } from '../../services/pack/model.ts';
import { openSampleRegister, type SampleRegister } from './sample-register.ts';
import { seedActions, seedHorizonScanning, seedKeyDates, seedMilestones, seedRisks, type SeedChangeProposal } from './ccag36-seed.ts';

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
 *   M7 tables say "Ref" and "Forecast dates".
 */
const registerSpelling: Record<string, string> = {
  'Fri 24/09/25': 'Wed 24/09/25',
  'Tue 27/02/25': 'Thu 27/02/25',
  tbc: 'TBC',
  '11 December 2024': '11/12/2024',
  Ref: 'Mstn Ref',
  'Forecast dates': 'Forecast date',
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

/** The Horizon Scanning Log's groups ("REC Change Updates: New") with their CP blocks, in order. */
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
  it('lists the outstanding actions as the pack does, "RECOMMENDED CLOSED: ..." included', () => {
    const actions = table('actions');
    expect(actions.columns).toEqual(seedActions.columns);
    expect(texts(actions)).toEqual(seedActions.rows);
  });

  it('gives every CP of the Horizon Scanning Log its block, per code body, Existing and New, with every field', () => {
    const groups = horizonScanningGroups();
    for (const [codeBody, seed] of Object.entries(seedHorizonScanning)) {
      for (const [part, cps] of [
        ['Existing', seed.existing],
        ['New', seed.new],
      ] as const) {
        const group = groups.find((g) => g.heading === `${codeBody} Change Updates: ${part}`);
        if (cps.length === 0) {
          expect(group, `${codeBody} ${part}`).toBeUndefined();
          continue;
        }
        expect(group, `${codeBody} ${part}`).toBeDefined();
        // The pack's order within a part is not a sort; until the register holds it, compared by reference.
        const byRef = new Map(group!.records.map((r) => [r.id, fieldsOf(r)]));
        expect([...byRef.keys()].sort()).toEqual(cps.map((cp) => `cp:${codeBody}:${cp.ref}`).sort());
        for (const cp of cps) expect(byRef.get(`cp:${codeBody}:${cp.ref}`), cp.ref).toEqual(expectedFields(cp));
      }
    }
    // What the register holds beyond the pack's pages: P478 (the pack names it, prints no row) and DCR0001 (its timeline is on the DIP page).
    const others = groups.filter((g) => !Object.keys(seedHorizonScanning).some((body) => g.heading.startsWith(`${body} `)));
    expect(others.map((g) => [g.heading, g.records.map((r) => r.id)])).toEqual([
      ['BSC Change Updates: Existing', ['cp:BSC:P478']],
      ['DIP Change Updates: New', ['cp:DIP:DCR0001']],
    ]);
  });

  it('prints each milestone table with per-party forecasts as written', () => {
    for (const [workstream, seed] of Object.entries(seedMilestones)) {
      const milestones = table(`milestones:${workstream}`);
      expect(milestones.columns, workstream).toEqual(seed.columns.map(spelled));
      const expected = seed.rows.map((row) => row.map(spelled));
      if (workstream === 'REC-M8') {
        // The pack lists "Last date to raise CP before M8" (tbc) second: not a sort, so it waits for the register to hold the order.
        expect([...texts(milestones)].sort(), workstream).toEqual([...expected].sort());
      } else {
        expect(texts(milestones), workstream).toEqual(expected);
      }
    }
  });

  it('prints the key risks with the score grid: the score marked in its band, the movement and the mitigation plan', () => {
    const risks = table('risks');
    const scoreColumns = risks.columns.slice(2, 32);
    expect(scoreColumns).toEqual(Array.from({ length: 30 }, (_, i) => String(30 - i)));
    expect(risks.columns.slice(32)).toEqual(['Current score movement since last CCAG', 'Mitigation Plan']);
    expect(risks.headerGroups!.filter((g) => g.text !== '').map((g) => [g.text, g.span])).toEqual(
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
      const fills = new Map(risks.headerGroups!.filter((g) => g.text !== '').map((g) => [g.text, g.fill]));
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
    expect(keyDates.columns).toEqual(seedKeyDates.DCR0001.columns);
    expect(texts(keyDates)).toEqual(seedKeyDates.DCR0001.rows);
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
