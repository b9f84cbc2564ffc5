import { z } from 'zod';
import { isoDate } from '../../../schema/values.ts';
import { decisionRef, decisionStatus } from './commands.ts';

export const decisionViewSchema = z.strictObject({
  id: z.string(),
  ref: decisionRef,
  text: z.string().min(1),
  raisedOn: isoDate,
  status: decisionStatus,
});
export type DecisionView = z.infer<typeof decisionViewSchema>;
