import type { RiskView } from '../../risk/view.ts';
import type { PackContext } from '../context.ts';
import { bandColours, markColour } from '../layout.ts';
import { cell, type PackCell, type PackHeaderGroup, type PackTable } from '../model.ts';

const scores = Array.from({ length: 30 }, (_, i) => 30 - i);

/** The configured bands, highest first, each with its colour on the grid. */
function bandsOf(ctx: PackContext) {
  return [...ctx.rules.riskBands].sort((a, b) => b.max - a.max).map((band, i) => ({ ...band, fill: bandColours[i % bandColours.length]! }));
}

/** A step of several sentences is a paragraph, as R920's plan is printed. */
const isParagraph = (step: string) => /[.!?] \S/.test(step);

/** "1) Plan for analysis ...": numbered steps; a plan that is one paragraph is printed as it is. */
export function mitigationText(plan: readonly string[]): string {
  if (plan.length === 1 && isParagraph(plan[0]!)) return plan[0]!;
  return plan.map((step, i) => `${i + 1}) ${step}`).join('\n');
}

/** The movement column: "New item", "No change", "Score reduced from 20 to 10". */
function movementText(ctx: PackContext, risk: RiskView): string {
  if (!ctx.previous) return '';
  const moved = ctx.movementOf('risk', risk.id);
  return moved ? moved.summary.join('\n') : 'No change';
}

/**
 * The key risks with the score grid: a column per score from 30 down to 1, shaded by band,
 * the risk's score marked; new risks first, then by score, highest first. Risks closed
 * before the last meeting and unchanged since are left out.
 */
export function riskTable(ctx: PackContext): PackTable {
  const bands = bandsOf(ctx);
  const bandOf = (score: number) => bands.find((b) => score >= b.min && score <= b.max)!;
  const risks = ctx
    .views<RiskView>('risk')
    .filter((r) => !(r.status === 'Closed' && ctx.movementOf('risk', r.id)?.change === 'UNCHANGED'))
    .sort(
      (a, b) =>
        Number(ctx.isNew(b.id)) - Number(ctx.isNew(a.id)) || b.score - a.score || a.riskId.localeCompare(b.riskId, 'en', { numeric: true }),
    );
  // As the pack heads its grid: "Risk Score Assessment" over the score columns, the bands under it.
  const headerGroups: PackHeaderGroup[][] = [
    [
      { text: '', span: 2 },
      { text: 'Risk Score Assessment', span: scores.length },
      { text: '', span: 2 },
    ],
    [{ text: '', span: 2 }, ...bands.map((b) => ({ text: b.name, span: b.max - b.min + 1, fill: b.fill })), { text: '', span: 2 }],
  ];
  return {
    kind: 'table',
    id: 'risks',
    title: 'Key Risks',
    headerGroups,
    columns: ['Risk ID', 'Risk Description', ...scores.map(String), 'Current score movement since last CCAG', 'Mitigation Plan'],
    widths: [1.4, 7, ...scores.map(() => 0.45), 3, 9],
    rows: risks.map((risk): PackCell[] => [
      cell(risk.status === 'Closed' ? `${risk.riskId} (closed)` : risk.riskId),
      cell(risk.description),
      ...scores.map((score) =>
        score === risk.score ? cell(String(score), { fill: markColour, marked: true }) : cell('', { fill: bandOf(score).fill }),
      ),
      cell(movementText(ctx, risk)),
      cell(mitigationText(risk.mitigationPlan)),
    ]),
  };
}
