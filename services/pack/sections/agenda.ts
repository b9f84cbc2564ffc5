import { meetingPresenter } from '../../meeting/presenter.ts';
import type { PackContext } from '../context.ts';
import { cells, type PackSection } from '../model.ts';

/** What the meeting presenter shapes of an agenda item: the slot with the text the pack prints ("10:05-10:15 10 mins"). */
interface ShapedAgendaItem {
  readonly title: string;
  readonly objective: string | null;
  readonly type: string | null;
  readonly lead: string | null;
  readonly time: { readonly text: string } | null;
}

/**
 * The agenda table: item, objective, type, lead and time, in the meeting's order. The pack's
 * Page column is its own layout, not register content, so it is not printed.
 */
export function agendaSection(ctx: PackContext): PackSection {
  const shaped = meetingPresenter.shape!(ctx.meeting, { rules: ctx.rules, today: ctx.meeting.date });
  const items = shaped['agendaItems'] as readonly ShapedAgendaItem[];
  return {
    id: 'agenda',
    title: 'Agenda',
    blocks: [
      {
        kind: 'table',
        id: 'agenda',
        columns: ['#', 'Item', 'Objective', 'Type', 'Lead', 'Time'],
        widths: [0.6, 4, 8, 2, 4, 2.6],
        rows: items.map((item, i) =>
          cells(String(i + 1), item.title, item.objective ?? '', item.type ?? '', item.lead ?? '', item.time?.text ?? ''),
        ),
      },
    ],
  };
}
