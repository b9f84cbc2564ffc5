import pptxgenModule from 'pptxgenjs';
import JSZip from 'jszip';
import { formatUkLongDate } from '../dates.ts';
import { packAccent, packNavy } from '../layout.ts';
import { leadLines, type PackBlock, type PackModel, type PackRecord, type PackSection, type PackTable } from '../model.ts';

/**
 * The package's types describe a CommonJS module whose `default` is the class; Node loads its
 * ES build, whose default export is the class itself. Either way, the class.
 */
const PptxGenJS = ((pptxgenModule as unknown as { default?: unknown }).default ?? pptxgenModule) as typeof pptxgenModule.default;
type PptxGenJS = InstanceType<typeof PptxGenJS>;
type Slide = ReturnType<PptxGenJS['addSlide']>;
type TableRow = Parameters<Slide['addTable']>[0][number];
type TableCell = TableRow[number];

/* The slide (16:9, inches) and how much text a line of it holds. */
const slideWidth = 13.333;
const marginX = 0.4;
const contentWidth = slideWidth - 2 * marginX;
const contentBottom = 6.95;
const fontSize = 9;
const gridFontSize = 7;
/** An average character of Arial at `size` points, in inches: about half an em. */
const charWidth = (size: number) => (size * 0.52) / 72;
const lineHeight = (size: number) => (size * 1.25) / 72;
const cellPadding = 0.08;

function linesIn(text: string, width: number, size: number): number {
  const perLine = Math.max(1, Math.floor((width - cellPadding) / charWidth(size)));
  return text.split('\n').reduce((n, part) => n + Math.max(1, Math.ceil(part.length / perLine)), 0);
}

function rowHeight(texts: readonly string[], widths: readonly number[], size: number): number {
  return Math.max(...texts.map((t, i) => linesIn(t, widths[i]!, size))) * lineHeight(size) + cellPadding * 1.5;
}

function columnWidths(weights: readonly number[]): number[] {
  const total = weights.reduce((a, b) => a + b, 0);
  return weights.map((w) => (contentWidth * w) / total);
}

/** Lays blocks on slides: a new slide when the next piece does not fit, long tables continued with their header. */
class DeckWriter {
  private slide!: Slide;
  private y = 0;
  private top = 0;

  constructor(
    private readonly pptx: PptxGenJS,
    private readonly model: PackModel,
  ) {}

  startSection(section: PackSection, continued = false): void {
    const slide = this.pptx.addSlide({ masterName: 'PACK' });
    slide.addText(continued ? `${section.title} (continued)` : section.title, {
      x: marginX,
      y: 0.12,
      w: contentWidth - 3,
      h: 0.6,
      fontSize: 20,
      bold: true,
      color: 'FFFFFF',
      fontFace: 'Arial',
    });
    this.y = 0.95;
    if (!this.model.verification.ok) {
      slide.addText(`UNVERIFIED: ${this.model.verification.summary}`, {
        x: marginX,
        y: this.y,
        w: contentWidth,
        h: 0.35,
        fontSize: 10,
        bold: true,
        color: 'C00000',
        fontFace: 'Arial',
      });
      this.y += 0.4;
    }
    this.top = this.y;
    this.slide = slide;
    this.section = section;
  }

  private section!: PackSection;

  /** Makes room for `height`, starting a continuation slide unless this one is still empty. */
  private room(height: number): void {
    if (this.y + height > contentBottom && this.y > this.top) this.startSection(this.section, true);
  }

  private text(text: string, options: { size?: number; bold?: boolean; color?: string } = {}): void {
    const size = options.size ?? fontSize + 1;
    const height = linesIn(text, contentWidth, size) * lineHeight(size) + 0.1;
    this.room(height);
    this.slide.addText(text, {
      x: marginX,
      y: this.y,
      w: contentWidth,
      h: height,
      fontSize: size,
      bold: options.bold ?? false,
      color: options.color ?? '222222',
      fontFace: 'Arial',
      valign: 'top',
      margin: 0,
    });
    this.y += height + 0.05;
  }

  /** The agenda item's type and objective, lead and time, under the section's first title. */
  lead(section: PackSection): void {
    if (!section.lead) return;
    const [what, who] = leadLines(section.lead);
    if (what) this.text(what, { size: 12, bold: true, color: packNavy });
    if (who) this.text(who, { size: 10, color: '555555' });
  }

  block(block: PackBlock): void {
    switch (block.kind) {
      case 'text':
        if (block.style === 'heading') this.text(block.text, { size: 13, bold: true, color: packNavy });
        else this.text(block.text, block.style === 'note' ? { size: 8, color: '555555' } : {});
        return;
      case 'list':
        if (block.title) this.text(block.title, { size: 12, bold: true, color: packNavy });
        for (const item of block.items) this.text(`• ${item}`);
        return;
      case 'record':
        this.record(block);
        return;
      case 'table':
        this.table(block);
        return;
      default: {
        const _exhaustive: never = block;
        return _exhaustive;
      }
    }
  }

  private addRows(rows: TableRow[], widths: number[], height: number): void {
    this.slide.addTable(rows, {
      x: marginX,
      y: this.y,
      w: contentWidth,
      colW: widths,
      autoPage: false,
      fontFace: 'Arial',
      border: { type: 'solid', pt: 0.5, color: '8C8C8C' },
    });
    this.y += height + 0.15;
  }

  private record(record: PackRecord): void {
    const pairs = Math.max(...record.lines.map((l) => l.length));
    const widths = columnWidths(Array.from({ length: pairs * 2 }, (_, i) => (i % 2 === 0 ? 1.3 : 2)));
    const rows: TableRow[] = [];
    let height = 0;
    for (const line of record.lines) {
      const row: TableCell[] = [];
      const texts: string[] = [];
      const spans: number[] = [];
      line.forEach((pair, i) => {
        const span = i === line.length - 1 ? pairs * 2 - i * 2 - 1 : 1;
        row.push(headerCell(pair.label, fontSize));
        row.push({ text: pair.value, options: { fontSize, valign: 'top', colspan: span > 1 ? span : undefined } });
        texts.push(pair.label, pair.value);
        spans.push(1, span);
      });
      const spanned = spans.map((span, i) =>
        widths
          .slice(spans.slice(0, i).reduce((a, b) => a + b, 0))
          .slice(0, span)
          .reduce((a, b) => a + b, 0),
      );
      height += rowHeight(texts, spanned, fontSize);
      rows.push(row);
    }
    this.room(height);
    this.addRows(rows, widths, height);
  }

  private table(table: PackTable): void {
    const size = table.headerGroups ? gridFontSize : fontSize;
    const widths = columnWidths(table.widths ?? table.columns.map(() => 1));
    const header: TableRow[] = [];
    for (const row of table.headerGroups ?? []) header.push(row.map((g) => headerCell(g.text, size, g.fill, g.span)));
    if (table.columns.some((c) => c !== '')) header.push(table.columns.map((c) => headerCell(c, size)));
    const headerHeight =
      header.length * rowHeight(['30'], [widths[0]!], size) + (table.columns.some((c) => c.length > 12) ? lineHeight(size) * 2 : 0);
    if (table.title) {
      this.room(0.35 + headerHeight + rowHeight(table.rows[0]?.map((c) => c.text) ?? [''], widths, size));
      this.text(table.title, { size: 12, bold: true, color: packNavy });
    }
    let chunk: TableRow[] = [];
    let height = headerHeight;
    const flush = () => {
      this.addRows([...header, ...chunk], widths, height);
      chunk = [];
      height = headerHeight;
    };
    for (const row of table.rows) {
      const h = rowHeight(
        row.map((c) => c.text),
        widths,
        size,
      );
      if (this.y + height + h > contentBottom && (chunk.length > 0 || this.y > this.top)) {
        if (chunk.length > 0) flush();
        this.startSection(this.section, true);
      }
      chunk.push(
        row.map((c) => ({
          text: c.text,
          options: {
            fontSize: size,
            valign: 'top',
            fill: c.fill ? { color: c.fill } : undefined,
            bold: c.marked ?? false,
            color: c.marked ? 'FFFFFF' : '222222',
            align: c.marked ? 'center' : 'left',
          },
        })),
      );
      height += h;
    }
    if (chunk.length > 0 || table.rows.length === 0) flush();
  }
}

function headerCell(text: string, size: number, fill = packNavy, colspan?: number): TableCell {
  return {
    text,
    options: {
      fontSize: size,
      bold: true,
      color: fill === packNavy ? 'FFFFFF' : '000000',
      fill: { color: fill },
      valign: 'top',
      colspan: colspan && colspan > 1 ? colspan : undefined,
    },
  };
}

/**
 * pptxgenjs stamps the file with the time it was written (docProps/core.xml and every zip
 * entry): both become the meeting's date, so the same log gives the same bytes.
 */
async function stampedWithMeetingDate(file: Buffer, date: string): Promise<Buffer> {
  const zip = await JSZip.loadAsync(file);
  const stamp = new Date(`${date}T00:00:00Z`);
  const out = new JSZip();
  for (const name of Object.keys(zip.files).sort()) {
    const entry = zip.files[name]!;
    if (entry.dir) continue;
    let content: string | Uint8Array = await entry.async('uint8array');
    if (name === 'docProps/core.xml') {
      content = new TextDecoder().decode(content).replace(/(<dcterms:(?:created|modified)[^>]*>)[^<]*/g, `$1${date}T00:00:00Z`);
    }
    out.file(name, content, { date: stamp, createFolders: false });
  }
  return out.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', platform: 'UNIX' });
}

/** The pack as a slide deck: a slide per section (more when a table runs on), in the pack's colours. */
export async function renderPackPptx(model: PackModel): Promise<Buffer> {
  const pptx = new PptxGenJS();
  pptx.layout = 'LAYOUT_WIDE';
  pptx.author = 'CCAG change register';
  pptx.company = 'MHHS Programme';
  pptx.title = `${model.title} — ${formatUkLongDate(model.date)}`;
  pptx.defineSlideMaster({
    title: 'PACK',
    background: { color: 'FFFFFF' },
    objects: [
      { rect: { x: 0, y: 0, w: slideWidth, h: 0.8, fill: { color: packNavy } } },
      { rect: { x: 0, y: 0.8, w: slideWidth, h: 0.05, fill: { color: packAccent } } },
      {
        text: {
          text: `CCAG #${model.meeting} · ${formatUkLongDate(model.date)}`,
          options: { x: slideWidth - 3.4, y: 0.2, w: 3, h: 0.4, fontSize: 11, color: 'FFFFFF', align: 'right', fontFace: 'Arial' },
        },
      },
      {
        text: {
          text: `Register position ${model.boundaryPosition} · digest ${model.digest}${model.verification.ok ? '' : ' · UNVERIFIED'}`,
          options: { x: marginX, y: 7.05, w: contentWidth, h: 0.3, fontSize: 7, color: '555555', fontFace: 'Arial' },
        },
      },
    ],
  });
  const writer = new DeckWriter(pptx, model);
  for (const section of model.sections) {
    writer.startSection(section);
    writer.lead(section);
    for (const block of section.blocks) writer.block(block);
  }
  const written = (await pptx.write({ outputType: 'nodebuffer' })) as Buffer;
  return stampedWithMeetingDate(written, model.date);
}
