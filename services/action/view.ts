import { z } from 'zod';
import { actionRef, actionStatus, isoDate } from '../../schema/values.ts';
import { changeProposalIdShape } from '../core/related-change-proposals.ts';
import { actionOwnerSchema } from './owner.ts';

/** An action as the register shows it. */
export const actionViewSchema = z.object({
  id: z.string(),
  ref: actionRef,
  /** The CCAG meeting that raised it, read from the ref. */
  meeting: z.number().int().positive(),
  raisedOn: isoDate,
  text: z.string().min(1),
  owner: actionOwnerSchema,
  dueDate: isoDate.nullable(),
  update: z.string().min(1).nullable(),
  status: actionStatus,
  relatedChangeProposals: z.array(changeProposalIdShape),
});
export type ActionView = z.infer<typeof actionViewSchema>;
