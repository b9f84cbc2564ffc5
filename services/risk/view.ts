import { z } from 'zod';
import { isoDate, riskId, riskScore } from '../../schema/values.ts';
import { changeProposalIdShape } from '../core/related-change-proposals.ts';

export const riskStatus = z.enum(['Open', 'Closed']);
export type RiskStatus = z.infer<typeof riskStatus>;

/** A risk as the register shows it. The band is not stored: it follows from the score and the rules. */
export const riskViewSchema = z.object({
  id: z.string(),
  riskId,
  description: z.string().min(1),
  score: riskScore,
  /** Numbered steps in the pack; may be empty. */
  mitigationPlan: z.array(z.string().min(1)),
  status: riskStatus,
  raisedOn: isoDate,
  closedOn: isoDate.nullable(),
  relatedChangeProposals: z.array(changeProposalIdShape),
});
export type RiskView = z.infer<typeof riskViewSchema>;
