import type { PackContext } from '../context.ts';
import { formatUkLongDate } from '../dates.ts';
import { cells, type PackSection } from '../model.ts';

/** The cover: the meeting, its date, and the register position the pack was built from. */
export function coverSection(ctx: PackContext): PackSection {
  const { meeting, point } = ctx;
  return {
    id: 'cover',
    title: `Cross Code Advisory Group #${meeting.number}`,
    blocks: [
      { kind: 'text', text: 'MHHS Programme', style: 'heading' },
      { kind: 'text', text: formatUkLongDate(meeting.date) },
      {
        kind: 'text',
        style: 'note',
        text:
          meeting.status === 'Held'
            ? `The register's sections as frozen when CCAG #${meeting.number} was held, at log position ${point.position ?? '0'}.`
            : `DRAFT: CCAG #${meeting.number} has not been held; the register as it stands at log position ${point.position ?? '0'}.`,
      },
    ],
  };
}

/** The agenda: the meeting's items in order. */
export function agendaSection(ctx: PackContext): PackSection {
  return {
    id: 'agenda',
    title: 'Agenda',
    blocks: [
      {
        kind: 'table',
        id: 'agenda',
        columns: ['#', 'Item'],
        widths: [1, 12],
        rows: ctx.meeting.agenda.map((item, i) => cells(String(i + 1), item.title)),
      },
    ],
  };
}
