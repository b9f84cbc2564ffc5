import type { PackContext } from '../context.ts';
import { formatUkLongDate } from '../dates.ts';
import { packTagline } from '../layout.ts';
import type { PackBlock, PackSection } from '../model.ts';

/**
 * The cover as the pack prints it: programme, tagline, meeting, date, then the document's
 * version, reference and classification (in the cover's words: "Version 1.0", "Document
 * Classification: Public"), and the register position the pack was read at. A meeting whose
 * document was never recorded has a cover without those three lines.
 */
export function coverSection(ctx: PackContext): PackSection {
  const { meeting, point } = ctx;
  const document = meeting.document;
  const lines: PackBlock[] = document
    ? [
        { kind: 'text', text: `Version ${document.version}` },
        { kind: 'text', text: document.reference },
        { kind: 'text', text: `Document Classification: ${document.classification}` },
      ]
    : [];
  return {
    id: 'cover',
    title: `Cross Code Advisory Group #${meeting.number}`,
    blocks: [
      { kind: 'text', text: 'MHHS Programme', style: 'heading' },
      { kind: 'text', text: packTagline },
      { kind: 'text', text: formatUkLongDate(meeting.date) },
      ...lines,
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
