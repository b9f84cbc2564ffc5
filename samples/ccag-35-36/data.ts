import { actionAndMeetingSteps } from './actions-and-meetings.ts';
import { changeProposalSteps } from './change-proposals.ts';
import { milestoneSteps } from './milestones.ts';
import { riskSteps } from './risks.ts';
import { displayOrderSteps } from './display-orders.ts';
import { packPaperSteps } from './pack-papers.ts';
import type { SampleStep } from './steps.ts';

/**
 * The register's history from CCAG #35 (23/10/2024) to CCAG #36 (27/11/2024), rebuilt from
 * the public #36 pack, as the commands a secretariat would have run, in the order they
 * happened. Each file groups one kind of item; this one interleaves them by effective time
 * (a stable sort, so steps of the same moment keep the order they are written in).
 */
export const ccag35To36Steps: readonly SampleStep[] = inEffectiveOrder([
  ...changeProposalSteps,
  ...milestoneSteps,
  ...riskSteps,
  ...actionAndMeetingSteps,
  ...packPaperSteps,
  // Placing an item needs the item: after every step of the same moment that raises one.
  ...displayOrderSteps,
]);

function inEffectiveOrder(steps: readonly SampleStep[]): SampleStep[] {
  const keys = new Set<string>();
  for (const step of steps) {
    if (keys.has(step.idempotencyKey)) throw new Error(`sample data: two steps share the key ${step.idempotencyKey}`);
    keys.add(step.idempotencyKey);
  }
  return steps
    .map((step, index) => ({ step, index }))
    .sort((a, b) => compareText(a.step.effectiveAt, b.step.effectiveAt) || a.index - b.index)
    .map(({ step }) => step);
}

/** ISO date-times in one zone sort as plain text (localeCompare may weigh punctuation differently). */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
