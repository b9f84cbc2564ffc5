import { z } from 'zod';
import { commandMutations, writeResult } from '../api/mutation.ts';
import type { ApiContext } from '../api/context.ts';
import { guard } from '../api/guard.ts';
import { normalizeDates } from '../api/input.ts';
import { parseInput } from '../core/validate.ts';
import { requireWriter } from '../access.ts';
import type { WriteOptions } from '../register.ts';
import { isoDate } from '../../schema/values.ts';
import type { MeetingCommandType } from './commands.ts';

const mutations: Record<string, MeetingCommandType> = {
  scheduleMeeting: 'ScheduleMeeting',
  rescheduleMeeting: 'RescheduleMeeting',
  planMeetingAgenda: 'PlanMeetingAgenda',
  correctMeeting: 'CorrectMeeting',
};

const holdMeetingInput = z.strictObject({ number: z.number().int().positive(), heldOn: isoDate });

export const meetingMutations = {
  ...commandMutations('meeting', 'meeting', mutations),
  /** Holding computes the boundary and digest first, so it is not a plain command mutation. */
  holdMeeting: guard(async (_root: unknown, args: { input: unknown; options?: WriteOptions | null }, context: ApiContext) => {
    const caller = context.caller();
    requireWriter(caller);
    const input = parseInput(holdMeetingInput, normalizeDates(args.input), ['input']);
    const outcome = await context.register.holdMeeting(input, caller, { ...(args.options ?? {}), correlationId: context.requestId });
    return writeResult(outcome, 'meeting', context);
  }),
};
