import type { z } from 'zod';
import type { RegisterRules } from '../../schema/rules.ts';
import type { ReportContext, ReportedItem, ReportTable } from './report.ts';
import type { ItemSheet } from './sheet.ts';

/** How an item moved between two points, as the movement view and the pack classify it. */
export type ChangeKind = 'NEW' | 'CHANGED' | 'UNCHANGED' | 'CLOSED' | 'WITHDRAWN' | 'COMPLETED';

/** What shaping an item for people needs besides its view. */
export interface PresentContext {
  readonly rules: RegisterRules;
  /** The day "overdue" is judged against: today, or the day of the point being read. */
  readonly today: string;
}

/** One item's movement between two points, as its presenter words it. */
export interface ChangeWording<View> {
  readonly before: View;
  readonly after: View;
  /** True when `field` moved (corrections excluded). */
  moved(field: string): boolean;
  /**
   * Adds a line in the pack's words. `about` names the fields the line speaks for; a moved
   * field no line speaks for still gets a plain "<Field> changed" line.
   */
  say(text: string, ...about: string[]): void;
}

/** A column an export adds to the view's own fields, placed after one of them. */
export interface DerivedColumn<View> {
  readonly column: string;
  readonly after: string;
  value(view: View, rules: RegisterRules): string;
}

/**
 * Everything the read side needs to show one kind of item: its names, its GraphQL shape,
 * its movement wording and its export. Shared code loops over the presenters of the
 * registry; it never asks which kind an item is.
 */
export interface ItemPresenter<View = Record<string, unknown>> {
  /** The view as zod types it; its keys are the export's columns. */
  readonly viewSchema: z.ZodObject;
  readonly names: {
    /** In a sentence: "change proposals". */
    readonly plural: string;
    /** In a file name: "change-proposals". */
    readonly file: string;
    /** Other words a person may type for the kind on the command line ("cp"). */
    readonly aliases?: readonly string[];
  };
  readonly graphql: {
    /** The object type in the schema: `ChangeProposal`. */
    readonly typeName: string;
    /** The value of the `ItemKind` enum: `CHANGE_PROPOSAL`. */
    readonly kindEnum: string;
    /** The query for one item, and the field a write returns it in: `changeProposal`. */
    readonly one: string;
    /** The query listing the items: `changeProposals`. */
    readonly list: string;
    /** The field of `Movement` listing these items (default: `list`). */
    readonly movementField?: string;
    /** Groups the kind's movement for its `Movement` field (default: the list as it is). */
    movementSection?(items: readonly MovementLine[]): unknown;
    /** Order of the list (default: by id). */
    compare?(a: View, b: View): number;
    /** SDL the slice adds to the schema (`extend type Query ...`); the register's own kinds are in register.graphql. */
    readonly typeDefs?: string;
    /** True when the item has related change proposals the API resolves to items. */
    readonly relatesChangeProposals?: boolean;
  };
  /** The reference as the pack prints it: `R0209`, `CCAG35-01`, `CCAG #36`. */
  ref(view: View): string;
  /** The item named in a table of many kinds: `REC R0209`, `REC-M8 3707`. */
  label(view: View): string;
  /** GraphQL fields beyond the view's own (a risk's band, an action's owner text and overdue flag). */
  shape?(view: View, context: PresentContext): Record<string, unknown>;
  /** True when the shaped item passes a list filter (the GraphQL `<Kind>Filter`). */
  matches?(item: View & Record<string, unknown>, filter: Readonly<Record<string, unknown>>): boolean;
  /** The line for an item new since the earlier point. */
  describeNew(after: View): string;
  /** The lines for an item that moved. */
  describeChanges(change: ChangeWording<View>): void;
  /** How a moved item is classified (default CHANGED). */
  classify?(after: View, moved: (field: string) => boolean): ChangeKind;
  /** Export columns beyond the view's own fields. */
  readonly exportColumns?: readonly DerivedColumn<View>[];
  /** Object fields people edit by their parts in a spreadsheet (`owner.party`). */
  readonly flattened?: Readonly<Record<string, readonly string[]>>;
  /** The code body a command of this kind belongs to (editors' scope); undefined: the secretariat's. */
  codeBodyOf?(data: Readonly<Record<string, unknown>>, rules: RegisterRules): string | undefined;
  /** The kind's tables in the "movement since last CCAG" report, in the pack's layout; none: not reported. */
  reportTables?(items: readonly ReportedItem<View>[], context: ReportContext): ReportTable[];
  /** The kind's sheet of the register's workbook, and how its edited cells become commands; none: shown read-only. */
  readonly sheet?: ItemSheet<View>;
  /** Statuses an item of this kind can have, in the order the pack lists them. */
  statuses?(rules: RegisterRules): readonly string[];
}

/** What a presenter's movement section receives: one item's movement, shaped for GraphQL. */
export interface MovementLine {
  readonly id: string;
  readonly kind: string;
  readonly ref: string;
  readonly change: ChangeKind;
  readonly fields: readonly { field: string; from: unknown; to: unknown }[];
  readonly summary: readonly string[];
  readonly versionBefore: number | null;
  readonly versionAfter: number;
}

/** True when no list is given, or `value` is in it ignoring case (status filters are typed by hand). */
export function inListIgnoringCase(wanted: unknown, value: unknown): boolean {
  if (!Array.isArray(wanted)) return true;
  const text = String(value).toLowerCase();
  return wanted.some((w) => String(w).toLowerCase() === text);
}

/** True when no text is given, or `haystack` contains it ignoring case. */
export function containsText(haystack: unknown, needle: unknown): boolean {
  if (typeof needle !== 'string' || needle === '') return true;
  return typeof haystack === 'string' && haystack.toLowerCase().includes(needle.toLowerCase());
}
