import type { MeetingView } from '../../meeting/view.ts';
import type { ForwardPlan } from '../../meeting/papers.ts';
import type { PackContext } from '../context.ts';
import { dayAndMonth, formatUkLongDate } from '../dates.ts';
import { bulleted, cell, type PackSection } from '../model.ts';

/** The meetings from this one on, as the register had scheduled them at the boundary. */
function comingMeetings(ctx: PackContext): MeetingView[] {
  return ctx
    .views<MeetingView>('meeting')
    .filter((m) => m.number >= ctx.meeting.number)
    .sort((a, b) => a.number - b.number);
}

/**
 * A meeting's column of the forward plan: what recordForwardPlan recorded for it; a meeting
 * whose column was never recorded shows its planned agenda, so a meeting only scheduled
 * still has its column.
 */
function columnOf(meeting: MeetingView): ForwardPlan {
  return meeting.forwardPlan ?? { activities: [], agendaItems: meeting.agenda.map((item) => item.title), standingItems: [] };
}

/** The rows of the forward plan, in the pack's words. */
const planRows: readonly { readonly label: string; readonly of: (plan: ForwardPlan) => readonly string[] }[] = [
  { label: 'Relevant milestones or activities', of: (plan) => plan.activities },
  { label: 'Agenda items', of: (plan) => plan.agendaItems },
  { label: 'Standing items', of: (plan) => plan.standingItems },
];

/** The recorded next steps; a meeting that recorded none gets the one the register knows: the next meeting. */
function nextSteps(ctx: PackContext, meetings: readonly MeetingView[]): string[] {
  if (ctx.meeting.nextSteps.length > 0) return [...ctx.meeting.nextSteps];
  const next = meetings.find((m) => m.number > ctx.meeting.number);
  return [
    next
      ? `Next CCAG meeting (CCAG #${next.number}): ${formatUkLongDate(next.date)}`
      : 'No further CCAG meeting is scheduled on the register.',
  ];
}

/** Summary and next steps: the meeting's next steps, and the forward plan of the meetings scheduled from it on. */
export function nextStepsSection(ctx: PackContext): PackSection {
  const meetings = comingMeetings(ctx);
  const columns = meetings.map(columnOf);
  return {
    id: 'next-steps',
    title: 'Summary and Next Steps',
    blocks: [
      { kind: 'list', title: 'Next steps', items: nextSteps(ctx, meetings) },
      {
        kind: 'table',
        // Untitled: the pack prints its forward plan under the next steps, on their slide.
        id: 'forward-plan',
        columns: ['Meeting dates', ...meetings.map((m) => dayAndMonth(m.date))],
        widths: [2, ...meetings.map(() => 3)],
        rows: planRows.map((row) => [cell(row.label), ...columns.map((plan) => cell(bulleted(row.of(plan))))]),
      },
    ],
  };
}
