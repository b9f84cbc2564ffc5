import { actionRef } from '../../schema/values.ts';

/** The meeting that raised an action: `CCAG35-01` was raised at CCAG 35. */
export function meetingOfActionRef(ref: string): number {
  const meeting = /^CCAG(\d{1,4})-/.exec(actionRef.parse(ref));
  return Number(meeting![1]);
}
