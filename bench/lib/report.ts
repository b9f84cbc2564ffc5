import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { benchDir } from './tmp.ts';

export interface Quantity {
  readonly label: string;
  readonly value: number;
  readonly unit: string;
}

export interface Target {
  /** The ratio (most targets) or the figure itself (absolute limits: events/s, MB). */
  readonly on: 'ratio' | 'value';
  readonly op: '>=' | '<=';
  readonly threshold: number;
  /** As the brief words it: "≥ 50% of the raw ceiling". */
  readonly text: string;
}

export interface Figure {
  readonly id: string;
  readonly section: string;
  readonly figure: Quantity;
  readonly reference: Quantity | null;
  /** What the ratio means: "of ceiling", "× Emmett", "× faster", "× (1M vs 10k)". */
  readonly ratio: { readonly value: number; readonly meaning: string } | null;
  readonly target: Target | null;
  /** Rounds, percentiles, sizes: everything behind the figure, for results.json. */
  readonly detail?: Record<string, unknown>;
}

export interface FigureResult extends Figure {
  readonly met: boolean | null;
  /** How far from the target, as a fraction of it (negative: short by that much). */
  readonly margin: number | null;
}

export function evaluate(figure: Figure): FigureResult {
  const { target } = figure;
  if (!target) return { ...figure, met: null, margin: null };
  const actual = target.on === 'ratio' ? figure.ratio?.value : figure.figure.value;
  if (actual === undefined || !Number.isFinite(actual)) return { ...figure, met: false, margin: null };
  const met = target.op === '>=' ? actual >= target.threshold : actual <= target.threshold;
  const margin = target.op === '>=' ? actual / target.threshold - 1 : target.threshold / actual - 1;
  return { ...figure, met, margin };
}

export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const abs = Math.abs(value);
  if (abs >= 100_000) return Math.round(value).toLocaleString('en-GB');
  if (abs >= 100) return value.toFixed(0);
  if (abs >= 10) return value.toFixed(1);
  if (abs >= 1) return value.toFixed(2);
  if (abs >= 0.01) return value.toFixed(3);
  return value.toPrecision(2);
}

function formatQuantity(q: Quantity | null): string {
  if (!q) return '—';
  return `${q.label}: ${formatNumber(q.value)} ${q.unit}`;
}

function formatRatio(figure: FigureResult): string {
  if (!figure.ratio) return '—';
  const { value, meaning } = figure.ratio;
  if (meaning === 'of reference') return `${(value * 100).toFixed(value < 0.1 ? 1 : 0)}% of reference`;
  return `${formatNumber(value)}× ${meaning}`;
}

function formatMet(figure: FigureResult): string {
  if (figure.met === null) return '(info)';
  if (figure.met) return 'met';
  const margin = figure.margin === null ? '' : ` (${(Math.abs(figure.margin) * 100).toFixed(0)}% short)`;
  return `**MISSED**${margin}`;
}

const escapeCell = (text: string) => text.replaceAll('|', '\\|');

export function markdownTable(figures: readonly FigureResult[]): string {
  const lines = ['| # | Figure | Measured | Reference (same run) | Ratio | Target | Met |', '|---|---|---|---|---|---|---|'];
  for (const f of figures) {
    lines.push(
      `| ${f.id} | ${escapeCell(f.figure.label)} | ${formatNumber(f.figure.value)} ${f.figure.unit} | ${escapeCell(formatQuantity(f.reference))} | ${formatRatio(f)} | ${escapeCell(f.target?.text ?? '—')} | ${formatMet(f)} |`,
    );
  }
  return lines.join('\n');
}

export interface RunInfo {
  readonly mode: 'quick' | 'full';
  readonly startedAt: string;
  readonly durationSeconds: number;
  readonly machine: Record<string, unknown>;
  readonly sizes: Record<string, unknown>;
}

function bigintSafe(_key: string, value: unknown): unknown {
  return typeof value === 'bigint' ? value.toString() : value;
}

function sectionLoads(loads: unknown): string {
  if (!loads || typeof loads !== 'object') return 'not recorded';
  return Object.entries(loads as Record<string, string>)
    .map(([name, load]) => `${name} ${load}`)
    .join('; ');
}

export function writeResults(run: RunInfo, figures: readonly FigureResult[], method: string): { markdown: string } {
  const missed = figures.filter((f) => f.met === false);
  const markdown = [
    `# Benchmark results (${run.mode} mode)`,
    '',
    `Run ${run.startedAt}, ${run.durationSeconds.toFixed(0)} s, on ${String(run.machine['cpus'])} × ${String(run.machine['cpuModel'])}, ` +
      `Node ${String(run.machine['node'])}, load average (1, 5, 15 min) ${String(run.machine['loadAverage'])}. ` +
      'Every figure is read against a reference measured in the same run, interleaved with it; absolute times on this ' +
      'shared machine are not comparable between runs.',
    '',
    `Load as each section started (2 cores shared with other work; above 2 the figures' own processes waited for a core): ${sectionLoads(run.machine['loadBySection'])}.`,
    '',
    markdownTable(figures),
    '',
    missed.length === 0 ? 'All targets met.' : `Targets missed: ${missed.map((f) => f.id).join(', ')}.`,
    '',
    method,
    '',
  ].join('\n');
  writeFileSync(join(benchDir, 'RESULTS.md'), markdown);
  writeFileSync(join(benchDir, 'results.json'), `${JSON.stringify({ run, figures, missed: missed.map((f) => f.id) }, bigintSafe, 2)}\n`);
  return { markdown };
}
