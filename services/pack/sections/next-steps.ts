import type { MeetingView } from '../../meeting/view.ts';
import type { PackContext } from '../context.ts';
import { dayAndMonth, formatUkLongDate } from '../dates.ts';
import { cell, type PackSection } from '../model.ts';

/** The meetings from this one on, as the register had scheduled them at the boundary. */
function comingMeetings(ctx: PackContext): MeetingView[] {
  return ctx
    .views<MeetingView>('meeting')
    .filter((m) => m.number >= ctx.meeting.number)
    .sort((a, b) => a.number - b.number);
}

/** Summary and next steps: the next meeting, and the forward plan of the meetings scheduled. */
export function nextStepsSection(ctx: PackContext): PackSection {
  const meetings = comingMeetings(ctx);
  const next = meetings.find((m) => m.number > ctx.meeting.number);
  return {
    id: 'next-steps',
    title: 'Summary and Next Steps',
    blocks: [
      {
        kind: 'list',
        title: 'Next steps',
        items: [
          next
            ? `Next CCAG meeting (CCAG #${next.number}): ${formatUkLongDate(next.date)}`
            : 'No further CCAG meeting is scheduled on the register.',
        ],
      },
      {
        kind: 'table',
        id: 'forward-plan',
        title: 'Forward plan',
        columns: ['Meeting dates', ...meetings.map((m) => dayAndMonth(m.date))],
        rows: [[cell('Agenda items'), ...meetings.map((m) => cell(m.agenda.map((item) => item.title).join('\n')))]],
      },
    ],
  };
}
