/*
 * The pack model: the CCAG pack's register sections as plain data, assembled from the read
 * side at one meeting's boundary. Every renderer (HTML, Markdown, PPTX; PDF through the HTML)
 * draws the same model, so the formats cannot disagree about what the register said.
 */

/** One table cell: plain text (renderers escape it), optionally shaded or marked. */
export interface PackCell {
  readonly text: string;
  /** Background, RRGGBB without '#': a risk band's colour in the heat grid. */
  readonly fill?: string;
  /** The cell that carries the value of its row (the score on the heat grid). */
  readonly marked?: boolean;
}

/** A header cell spanning several columns (the heat grid's band names over its scores). */
export interface PackHeaderGroup {
  readonly text: string;
  readonly span: number;
  readonly fill?: string;
}

export interface PackTable {
  readonly kind: 'table';
  /** Stable name of the table within the pack (`actions`, `milestones:REC-M8`), for tests and anchors. */
  readonly id: string;
  readonly title?: string;
  /** Header rows over the columns, top first: the heat grid's "Risk Score Assessment", then its bands. */
  readonly headerGroups?: readonly (readonly PackHeaderGroup[])[];
  readonly columns: readonly string[];
  readonly rows: readonly (readonly PackCell[])[];
  /** Relative column widths; omitted: equal. */
  readonly widths?: readonly number[];
}

/** A labelled block, as the pack prints one change proposal: lines of label/value pairs. */
export interface PackRecord {
  readonly kind: 'record';
  readonly id: string;
  readonly lines: readonly (readonly { readonly label: string; readonly value: string }[])[];
}

export interface PackList {
  readonly kind: 'list';
  readonly title?: string;
  readonly items: readonly string[];
}

export interface PackText {
  readonly kind: 'text';
  readonly text: string;
  /** `heading`: a sub-heading within the section (a code body, "New"); `note`: small print. */
  readonly style?: 'heading' | 'note';
}

export type PackBlock = PackTable | PackRecord | PackList | PackText;

/** What the agenda says of the item a section belongs to (its type and objective, lead and time). */
export interface PackSectionLead {
  readonly type?: string;
  readonly objective?: string;
  readonly lead?: string;
  readonly time?: string;
}

/** A section's lead as every format prints it: "INFORMATION: Summarise meeting actions and next steps", then "Chair & Secretariat · 5 mins". */
export function leadLines(lead: PackSectionLead): string[] {
  const what = [lead.type?.toUpperCase(), lead.objective].filter((t) => t !== undefined).join(': ');
  const who = [lead.lead, lead.time].filter((t) => t !== undefined).join(' · ');
  return [what, who].filter((line) => line !== '');
}

/** One pack section: a page of the HTML and PDF, one or more slides of the deck. */
export interface PackSection {
  readonly id: string;
  readonly title: string;
  readonly lead?: PackSectionLead;
  readonly blocks: readonly PackBlock[];
}

/** The verification run made while building: the pack says what it found. */
export interface PackVerification {
  readonly ok: boolean;
  /** One line: what was checked, or the first problem. */
  readonly summary: string;
  readonly problems: readonly string[];
}

export interface PackModel {
  readonly meeting: number;
  /** "Cross Code Advisory Group #36". */
  readonly title: string;
  /** The meeting's date, ISO. */
  readonly date: string;
  readonly boundaryPosition: string;
  readonly digest: string;
  readonly verification: PackVerification;
  readonly sections: readonly PackSection[];
}

export const cell = (text: string, extra: Omit<PackCell, 'text'> = {}): PackCell => ({ text, ...extra });
export const cells = (...texts: readonly string[]): PackCell[] => texts.map((text) => cell(text));

/** A bullet list in one cell, a bullet a line, as the pack's summary boxes and forward plan print them. */
export const bulleted = (items: readonly string[]): string => items.map((item) => `• ${item}`).join('\n');

/** Every table of the model, in pack order. */
export function tablesOf(model: PackModel): PackTable[] {
  return model.sections.flatMap((s) => s.blocks.filter((b): b is PackTable => b.kind === 'table'));
}
