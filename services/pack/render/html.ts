import { escapeHtml } from '../../cli/report/render.ts';
import { packAccent, packNavy } from '../layout.ts';
import { leadLines, type PackBlock, type PackModel, type PackRecord, type PackSection, type PackTable } from '../model.ts';
import { formatUkLongDate } from '../dates.ts';

const text = (value: string) => escapeHtml(value).replace(/\n/g, '<br>');

/** Widths as percentages of the page, so a table never runs past it. */
function colgroup(table: PackTable): string {
  const widths = table.widths ?? table.columns.map(() => 1);
  const total = widths.reduce((a, b) => a + b, 0);
  return `<colgroup>${widths.map((w) => `<col style="width:${((100 * w) / total).toFixed(2)}%">`).join('')}</colgroup>`;
}

const fillStyle = (fill: string | undefined) => (fill ? ` style="background:#${fill}"` : '');

function tableHtml(table: PackTable): string {
  const grid = table.headerGroups ? ' grid' : '';
  const groups = (table.headerGroups ?? [])
    .map((row) => `<tr>${row.map((g) => `<th colspan="${g.span}"${fillStyle(g.fill)}>${text(g.text)}</th>`).join('')}</tr>`)
    .join('');
  const scoreClass = (isScore: boolean) => (grid && isScore ? ' class="score"' : '');
  const head = table.columns.some((c) => c !== '')
    ? `<tr>${table.columns.map((c) => `<th${scoreClass(/^\d+$/.test(c))}>${text(c)}</th>`).join('')}</tr>`
    : '';
  const body = table.rows
    .map(
      (row) =>
        `<tr>${row.map((c) => `<td${fillStyle(c.fill)}${c.marked ? ' class="score mark"' : scoreClass(c.fill !== undefined)}>${text(c.text)}</td>`).join('')}</tr>`,
    )
    .join('\n');
  const caption = table.title ? `<h3>${text(table.title)}</h3>\n` : '';
  const none = table.rows.length === 0 ? '\n<p class="note">None.</p>' : '';
  return `${caption}<table class="pack-table${grid}" data-table="${escapeHtml(table.id)}">${colgroup(table)}<thead>${groups}${head}</thead>\n<tbody>\n${body}\n</tbody></table>${none}`;
}

function recordHtml(record: PackRecord): string {
  const span = Math.max(...record.lines.map((line) => line.length)) * 2;
  const rows = record.lines.map((line) => {
    const last = span - (line.length - 1) * 2 - 1;
    return `<tr>${line
      .map(
        (pair, i) =>
          `<th>${text(pair.label)}</th><td${i === line.length - 1 && last > 1 ? ` colspan="${last}"` : ''}>${text(pair.value)}</td>`,
      )
      .join('')}</tr>`;
  });
  const widths = Array.from({ length: span }, (_, i) => (i % 2 === 0 ? 1.3 : 2));
  return `<table class="record" data-record="${escapeHtml(record.id)}">${colgroup({ kind: 'table', id: '', columns: [], rows: [], widths })}<tbody>${rows.join('')}</tbody></table>`;
}

function blockHtml(block: PackBlock): string {
  switch (block.kind) {
    case 'table':
      return tableHtml(block);
    case 'record':
      return recordHtml(block);
    case 'list':
      return `${block.title ? `<h3>${text(block.title)}</h3>` : ''}<ul>${block.items.map((i) => `<li>${text(i)}</li>`).join('')}</ul>`;
    case 'text':
      return block.style === 'heading'
        ? `<h3>${text(block.text)}</h3>`
        : `<p${block.style === 'note' ? ' class="note"' : ''}>${text(block.text)}</p>`;
    default: {
      const _exhaustive: never = block;
      return _exhaustive;
    }
  }
}

function sectionHtml(model: PackModel, section: PackSection): string {
  const banner = model.verification.ok ? '' : `<p class="unverified">UNVERIFIED: ${text(model.verification.summary)}</p>\n`;
  const lead = section.lead ? `<p class="lead">${leadLines(section.lead).map(text).join('<br>')}</p>\n` : '';
  return `<section class="page" id="${escapeHtml(section.id)}">
<header><h2>${text(section.title)}</h2><span>CCAG #${model.meeting} · ${escapeHtml(formatUkLongDate(model.date))}</span></header>
${banner}${lead}${section.blocks.map(blockHtml).join('\n')}
<footer>Register position ${escapeHtml(model.boundaryPosition)} · digest ${escapeHtml(model.digest)}</footer>
</section>`;
}

const css = `
@page { size: A4 landscape; margin: 10mm; }
* { box-sizing: border-box; }
html { font-family: Arial, Helvetica, sans-serif; font-size: 10pt; color: #222; }
body { margin: 0; }
section.page { padding: 8mm; max-width: 297mm; margin: 0 auto 8mm; border-bottom: 4px solid #${packAccent}; break-after: page; page-break-after: always; }
section.page:last-child { break-after: auto; page-break-after: auto; }
header { display: flex; justify-content: space-between; align-items: baseline; gap: 1em; background: #${packNavy}; color: #fff; padding: 3mm 4mm; margin-bottom: 3mm; }
header h2 { margin: 0; font-size: 15pt; }
h3 { color: #${packNavy}; font-size: 11pt; margin: 3mm 0 1.5mm; break-after: avoid; }
table { width: 100%; border-collapse: collapse; table-layout: fixed; margin-bottom: 3mm; }
th, td { border: 1px solid #8c8c8c; padding: 1mm 1.5mm; text-align: left; vertical-align: top; overflow-wrap: anywhere; word-break: break-word; }
thead th, table.record th { background: #${packNavy}; color: #fff; font-weight: bold; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
table.grid th, table.grid td { padding: 0.6mm; font-size: 7.5pt; }
table.grid .score { padding: 0.6mm 0; font-size: 6.5pt; text-align: center; overflow-wrap: normal; word-break: keep-all; }
table.grid td.mark { color: #fff; font-weight: bold; }
table.record { margin-bottom: 4mm; }
p.lead { color: #${packNavy}; font-weight: bold; margin: 0 0 3mm; overflow-wrap: anywhere; }
p.note { font-size: 8.5pt; color: #555; overflow-wrap: anywhere; }
p.unverified { border: 2px solid #c00000; color: #c00000; font-weight: bold; padding: 1.5mm 3mm; margin: 0 0 3mm; overflow-wrap: anywhere; }
footer { margin-top: 3mm; font-size: 7.5pt; color: #555; overflow-wrap: anywhere; }
@media print { section.page { margin: 0; padding: 0; max-width: none; border-bottom: none; } }
`;

/** The pack as one self-contained HTML page: no script, no outside resource; a printed page per section. */
export function renderPackHtml(model: PackModel): string {
  const title = `${model.title} — ${formatUkLongDate(model.date)}${model.verification.ok ? '' : ' (UNVERIFIED)'}`;
  return `<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${css}</style>
</head>
<body>
${model.sections.map((s) => sectionHtml(model, s)).join('\n')}
</body>
</html>
`;
}
