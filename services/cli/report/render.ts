import { writeCsv } from '../csv.ts';
import type { MovementReport, ReportTable } from './movement-report.ts';

export type ReportFormat = 'markdown' | 'html' | 'csv';

export const reportMediaType: Readonly<Record<ReportFormat, string>> = {
  markdown: 'text/markdown',
  html: 'text/html',
  csv: 'text/csv',
};

export function renderReport(report: MovementReport, format: ReportFormat): string {
  switch (format) {
    case 'markdown':
      return renderMarkdown(report);
    case 'html':
      return renderHtml(report);
    case 'csv':
      return renderCsv(report);
    default: {
      const _exhaustive: never = format;
      return _exhaustive;
    }
  }
}

// ---------------------------------------------------------------- markdown

/** Characters that would otherwise end a cell, start markup, or open raw HTML. */
function markdownText(text: string): string {
  return text.replace(/[\\|<>*_`[\]]/g, (c) => `\\${c}`).replace(/\r?\n/g, '<br>');
}

function renderMarkdown(report: MovementReport): string {
  const lines = [`# ${markdownText(report.title)}`, ''];
  for (const table of report.tables) {
    lines.push(`## ${markdownText(table.title)}`, '');
    if (table.rows.length === 0) lines.push('_None._', '');
    else {
      lines.push(`| ${table.columns.map(markdownText).join(' | ')} |`);
      lines.push(`|${table.columns.map(() => ' --- ').join('|')}|`);
      for (const row of table.rows) lines.push(`| ${row.map(markdownText).join(' | ')} |`);
      lines.push('');
    }
    for (const note of table.notes) lines.push(`_${markdownText(note)}_`, '');
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

// ---------------------------------------------------------------- html

const htmlEntities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => htmlEntities[c]!);
}

const cellHtml = (text: string) => escapeHtml(text).replace(/\r?\n/g, '<br>');

function tableHtml(table: ReportTable): string {
  const parts = [`<h2>${escapeHtml(table.title)}</h2>`];
  if (table.rows.length === 0) parts.push('<p class="none">None.</p>');
  else {
    parts.push(
      '<table>',
      `<thead><tr>${table.columns.map((c) => `<th>${cellHtml(c)}</th>`).join('')}</tr></thead>`,
      '<tbody>',
      ...table.rows.map((row) => `<tr>${row.map((cell) => `<td>${cellHtml(cell)}</td>`).join('')}</tr>`),
      '</tbody>',
      '</table>',
    );
  }
  for (const note of table.notes) parts.push(`<p class="note">${cellHtml(note)}</p>`);
  return parts.join('\n');
}

function renderHtml(report: MovementReport): string {
  return `<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<title>${escapeHtml(report.title)}</title>
<style>
body { font-family: Arial, Helvetica, sans-serif; font-size: 14px; margin: 2em; }
table { border-collapse: collapse; margin-bottom: 1em; }
th, td { border: 1px solid #999; padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: #1d3a5f; color: #fff; }
p.note, p.none { font-style: italic; color: #555; }
</style>
</head>
<body>
<h1>${escapeHtml(report.title)}</h1>
${report.tables.map(tableHtml).join('\n')}
</body>
</html>
`;
}

// ---------------------------------------------------------------- csv

/** One CSV holding every table: a title row, the header, the rows, notes, then a blank row. */
function renderCsv(report: MovementReport): string {
  const records: string[][] = [[report.title], []];
  for (const table of report.tables) {
    records.push([table.title], [...table.columns], ...table.rows.map((r) => [...r]));
    for (const note of table.notes) records.push([note]);
    records.push([]);
  }
  return writeCsv(records);
}
