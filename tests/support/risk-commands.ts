import type { RegisterCommand } from './projection-harness.ts';

/** Raises risk R<n> with score 10. */
export const raiseRisk = (n: number): RegisterCommand => ({
  kind: 'risk',
  type: 'RaiseRisk',
  input: { riskId: `R${n}`, description: `Risk ${n}`, score: 10, mitigationPlan: [], raisedOn: '2024-06-01' },
});

/** Assesses risk R<n> at `score`. */
export const assessRisk = (n: number, score: number): RegisterCommand => ({
  kind: 'risk',
  type: 'AssessRiskScore',
  input: { riskId: `R${n}`, score },
});
