import { z } from 'zod';
import type { CommandsOf } from '../../../services/core/decider.ts';
import { day } from '../../../services/core/input-checks.ts';
import { freeTextTypes } from '../../../schema/values.ts';
import type { RegisterRules } from '../../../schema/rules.ts';

/** A decision of the CCAG: `D36-1`. */
export const decisionRef = z.string().regex(/^D\d{1,4}-\d{1,3}$/, 'must look like D36-1');
export const decisionStatus = z.enum(['Proposed', 'Agreed', 'Rescinded']);

export const decisionCommandSchemas = {
  RaiseDecision: (rules: RegisterRules) => z.strictObject({ ref: decisionRef, text: freeTextTypes(rules.textLimits).text, raisedOn: day }),
  ChangeDecisionStatus: (_rules: RegisterRules) => z.strictObject({ ref: decisionRef, status: decisionStatus }),
};

export type DecisionCommand = CommandsOf<typeof decisionCommandSchemas>;
