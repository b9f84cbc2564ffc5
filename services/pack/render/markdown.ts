import { formatUkLongDate } from '../dates.ts';
import { leadLines, type PackBlock, type PackModel, type PackSection, type PackTable } from '../model.ts';

/** Characters that would end a cell, start markup or open raw HTML; line ends become <br>. */
const md = (text: string) => text.replace(/[\\|<>*_`[\]]/g, (c) => `\\${c}`).replace(/\n/g, '<br>');

function tableMarkdown(table: PackTable): string[] {
  const lines = table.title ? [`### ${md(table.title)}`, ''] : [];
  lines.push(`| ${table.columns.map(md).join(' | ')} |`, `|${table.columns.map(() => ' --- ').join('|')}|`);
  for (const row of table.rows) lines.push(`| ${row.map((c) => (c.marked ? `**${md(c.text)}**` : md(c.text))).join(' | ')} |`);
  if (table.rows.length === 0) lines.push('', '_None._');
  const bandRow = table.headerGroups?.at(-1);
  if (bandRow) {
    const bands = bandRow.filter((g) => g.text !== '');
    let score = 30;
    const ranges = bands.map((g) => {
      const range = `${g.text} ${score}–${score - g.span + 1}`;
      score -= g.span;
      return range;
    });
    lines.push('', `_Score columns by band: ${md(ranges.join(', '))}; the risk's score is marked in bold._`);
  }
  return [...lines, ''];
}

function blockMarkdown(block: PackBlock): string[] {
  switch (block.kind) {
    case 'table':
      return tableMarkdown(block);
    case 'record':
      return [block.lines.map((line) => line.map((p) => `**${md(p.label)}:** ${md(p.value)}`).join(' · ')).join('  \n'), ''];
    case 'list':
      return [...(block.title ? [`**${md(block.title)}**`, ''] : []), ...block.items.map((i) => `- ${md(i)}`), ''];
    case 'text':
      return [block.style === 'heading' ? `### ${md(block.text)}` : block.style === 'note' ? `_${md(block.text)}_` : md(block.text), ''];
    default: {
      const _exhaustive: never = block;
      return _exhaustive;
    }
  }
}

function sectionMarkdown(model: PackModel, section: PackSection): string[] {
  const banner = model.verification.ok ? [] : [`> **UNVERIFIED:** ${md(model.verification.summary)}`, ''];
  const lead = section.lead
    ? [
        leadLines(section.lead)
          .map((line) => `_${md(line)}_`)
          .join('  \n'),
        '',
      ]
    : [];
  return [`## ${md(section.title)}`, '', ...banner, ...lead, ...section.blocks.flatMap(blockMarkdown)];
}

/** The pack in Markdown: a heading per section, the pack's tables as pipe tables. */
export function renderPackMarkdown(model: PackModel): string {
  const lines = [`# ${md(model.title)} — ${formatUkLongDate(model.date)}`, '', ...model.sections.flatMap((s) => sectionMarkdown(model, s))];
  return `${lines.join('\n').trimEnd()}\n`;
}
