import type { BatchCommand, RehearsalVerdict } from '../rehearsal.ts';
import type { RegisterRules } from '../../schema/rules.ts';
import type { Point } from '../../projections/register/queries.ts';
import type { ItemKind } from '../core/decider.ts';
import type { ExportRequest, RegisterExport } from './export/documents.ts';
import type { ReportFormat } from './report/render.ts';
import type { BuildPackOptions, PackFile } from '../pack/pack.ts';

/** What one write of an import answered. */
export interface WriteReceipt {
  /** An earlier write with the same idempotency key: nothing new was written. */
  readonly replayed: boolean;
  /** How many events it wrote; undefined when the register did not say (the API answers `changed`). */
  readonly events: number | undefined;
  readonly changed: boolean;
  readonly position: string | null;
}

/** The register's items at a recorded point, as views: what a workbook is written from and compared with. */
export interface RegisterSnapshot {
  /** The log position the point resolved to; null before the first event. */
  readonly position: string | null;
  /** When the event at that position was recorded; null before the first event. */
  readonly recordedAt: string | null;
  /** The items of a kind that was asked for (none for any other kind). */
  items(kind: ItemKind): readonly { readonly view: Record<string, unknown> }[];
}

/**
 * The CLI's one way to the register's data, so each command is written once: the store
 * opened in this process (an operator's --data-dir / DATA_DIR), or a running register over
 * its GraphQL API (--server / CCAG_SERVER), where the token's identity is the actor.
 */
export interface RegisterAccess {
  /** Where the data comes from, for messages: "the store in ./data", "http://host:4000 as REC code body". */
  readonly where: string;
  /** The register's rules (vocabulary, bands, text limits): the server's own over the API, as its workbook shows them. */
  rules(): Promise<RegisterRules>;
  exportRegister(request: ExportRequest): Promise<RegisterExport>;
  /** The register at a recorded point (undefined: now), the given kinds only. */
  registerAt(at: Point | undefined, kinds: readonly ItemKind[]): Promise<RegisterSnapshot>;
  movementReport(request: {
    readonly from: Point | undefined;
    readonly to: Point | undefined;
    readonly format: ReportFormat;
  }): Promise<string>;
  /** Judges the commands in order against the register plus the ones before them; writes nothing. */
  rehearse(commands: readonly BatchCommand[]): Promise<readonly RehearsalVerdict[]>;
  /** Sends one command, as the caller (the CLI's actor locally, the token's principal remotely). */
  write(command: BatchCommand): Promise<WriteReceipt>;
  /** The meeting pack, verified first (a log that does not verify builds none unless `unverified`). */
  pack(request: BuildPackOptions): Promise<PackFile>;
  /** The day meeting `number` was held, if it was. */
  meetingHeldOn(number: number): Promise<string | undefined>;
}
