import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPack } from '../../services/pack/pack.ts';
import { buildPackModel, packVerification } from '../../services/pack/build.ts';
import { leadLines, tablesOf, type PackModel } from '../../services/pack/model.ts';
import { openSampleRegister, type SampleRegister } from './sample-register.ts';
import { slideTexts, slideXml } from './pptx-slides.ts';

let sample: SampleRegister;
let model: PackModel;

beforeAll(async () => {
  sample = await openSampleRegister();
  model = buildPackModel(sample.register, 36, packVerification(await sample.register.verify(), 36));
}, 120_000);
afterAll(async () => sample?.close());

describe('the same log gives the same pack', () => {
  it.each(['html', 'md', 'pptx'] as const)('%s: two builds are the same bytes', async (format) => {
    const first = await buildPack(sample.register, { meeting: 36, format });
    const again = await buildPack(sample.register, { meeting: 36, format });
    expect(again.content.equals(first.content), format).toBe(true);
    // A write after the meeting moves the register on; the pack of a held meeting is read at its boundary.
    await sample.register.execute(
      'risk',
      'AssessRiskScore',
      { riskId: 'R202', score: 18 },
      {
        principal: 'test',
        role: 'secretariat',
        codeBodies: [],
      },
    );
    const second = await buildPack(sample.register, { meeting: 36, format });
    expect(second.content.equals(first.content), format).toBe(true);
    expect(first.content.length).toBeGreaterThan(10_000);
    expect(first.fileName).toBe(`ccag-36-pack.${format}`);
  });
});

describe('the slide deck', () => {
  it("holds every table's header and rows, a long table continued with its header repeated", async () => {
    const pack = await buildPack(sample.register, { meeting: 36, format: 'pptx' });
    expect(pack.mediaType).toBe('application/vnd.openxmlformats-officedocument.presentationml.presentation');
    const slides = await slideTexts(pack.content);
    expect(slides.length).toBeGreaterThanOrEqual(model.sections.length);
    const everything = slides.flat();
    for (const table of tablesOf(model)) {
      for (const column of table.columns.filter((c) => c !== '')) expect(everything, `${table.id}: header ${column}`).toContain(column);
      for (const row of table.rows) {
        for (const cell of row)
          for (const line of cell.text.split('\n').filter((l) => l !== '')) expect(everything, table.id).toContain(line);
      }
    }
    // The tables of the pack's own content are among them: the agenda, the workstream summaries, the risk themes, the forward plan.
    const ids = tablesOf(model).map((t) => t.id);
    for (const id of [
      'agenda',
      'risk-themes',
      'forward-plan',
      ...['PROGRAMME', 'OFGEM-M7', 'REC-M8', 'BSC-M8', 'DIP-M8'].map((w) => `workstream-summary:${w}`),
    ])
      expect(ids, id).toContain(id);
    // Each workstream summary's slide is headed with its title, and its RAG cell is filled with the RAG's colour.
    for (const table of tablesOf(model).filter((t) => t.id.startsWith('workstream-summary:'))) {
      const slide = slides.find((texts) => texts.includes(table.title!));
      expect(slide, table.id).toBeDefined();
      for (const column of table.columns) expect(slide, `${table.id}: ${column}`).toContain(column);
    }
    // (On the M7 slide, which has no heat grid to share the green: the cell that says Green is the one filled.)
    const m7 = await slideXml(pack.content, 'MHHS Programme – Ofgem M7 Delivery Summary November 2024');
    expect(m7).toMatch(/<a:t>Green<\/a:t>(?:(?!<\/a:tc>)[\s\S])*<a:srgbClr val="92D050"\/>/);
    // The cover carries the document's version, reference and classification; the last section the recorded next steps.
    const cover = slides.find((texts) => texts[0] === model.sections[0]!.title)!;
    for (const line of ['Version 1.0', 'MHHS-DEL3283', 'Document Classification: Public']) expect(cover, line).toContain(line);
    for (const step of [
      'Secretariat to confirm actions and decisions from meeting',
      'Date of CDWG1 meeting is 10 December 2024 (to cancel)',
    ])
      expect(
        everything.some((t) => t.includes(step)),
        step,
      ).toBe(true);
    // Each agenda item's first slide opens with its type and objective, lead and time.
    for (const section of model.sections.filter((s) => s.lead)) {
      const first = slides.find((texts) => texts[0] === section.title)!;
      expect(first.slice(1, 3), section.id).toEqual(leadLines(section.lead!));
    }
    // Every slide that carries a row of the risk table also carries its header.
    const risks = tablesOf(model).find((t) => t.id === 'risks')!;
    const withRisks = slides.filter((texts) => risks.rows.some((row) => texts.includes(row[1]!.text)));
    expect(withRisks.length).toBeGreaterThan(0);
    for (const texts of withRisks) expect(texts).toContain('Current score movement since last CCAG');
    // The Horizon Scanning Log does not fit one slide: it runs on under its own title.
    expect(slides.filter((texts) => texts[0] === 'Horizon Scanning Log (continued)').length).toBeGreaterThan(0);
    // Each section opens a slide headed with its title.
    for (const section of model.sections) expect(slides.map((texts) => texts[0])).toContain(section.title);
  });
});
