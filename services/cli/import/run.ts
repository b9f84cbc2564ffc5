import type { BatchCommand } from '../../rehearsal.ts';
import type { RegisterAccess } from '../register-access.ts';
import type { PlannedRow } from './plan.ts';
import { rowLabel } from './rows.ts';

export interface ImportOutcome {
  /** Row numbers (as in the file) of rows that wrote events. */
  readonly written: readonly number[];
  /** Rows already imported earlier (same idempotency key, same command): nothing new. */
  readonly alreadyImported: readonly number[];
  /** Rows the register accepted but that changed nothing (the value was already so). */
  readonly unchanged: readonly number[];
  readonly events: number;
  readonly lastPosition: string | null;
}

/** Rows the register would refuse, found before anything was written. */
export class RowsRefused extends Error {
  constructor(readonly refusals: readonly { readonly row: PlannedRow; readonly refusal: unknown }[]) {
    super(`${refusals.length} row(s) would be refused; nothing was written`);
    this.name = 'RowsRefused';
  }
}

/** A row whose write failed after the rehearsal passed (a concurrent edit, a full disk, ...). */
export class RowRejected extends Error {
  constructor(
    readonly row: PlannedRow,
    readonly refusal: unknown,
    readonly before: ImportOutcome,
    /** Row numbers after the failed one, not tried. */
    readonly notTried: readonly number[],
  ) {
    super(`${rowLabel(row)} (${row.command}): ${refusal instanceof Error ? refusal.message : String(refusal)}`);
    this.name = 'RowRejected';
  }
}

/**
 * All or nothing, in two steps. First every row is decided, in file order, against the log
 * plus what the rows before it would write; if any would be refused, nothing is written.
 * Then the rows are written in file order, each under an idempotency key derived from the
 * file name, row number and content (never the actor), so if a write still fails (a
 * concurrent edit, the disk, a killed process) a re-run of the same file, by anyone, skips
 * what was stored and completes the rest. The same steps run on the store or over the API.
 */
export async function executeImport(
  access: RegisterAccess,
  rows: readonly PlannedRow[],
  onRow: (done: number) => void = () => {},
): Promise<ImportOutcome> {
  const { held, rehearsedEvents } = await rehearseImport(access, rows);
  return write(access, rows, held, rehearsedEvents, onRow);
}

/** The first step alone (a dry run): every row decided in order; throws RowsRefused naming each refusal. Writes nothing. */
export async function rehearseImport(
  access: RegisterAccess,
  rows: readonly PlannedRow[],
): Promise<{ held: ReadonlySet<PlannedRow>; rehearsedEvents: ReadonlyMap<PlannedRow, number> }> {
  const held = await holdsAlreadyDone(access, rows);
  const pending = rows.filter((row) => !held.has(row));
  const verdicts = await access.rehearse(pending.map(batchCommand));
  const refusals = pending.flatMap((row, i) => (verdicts[i]?.refusal ? [{ row, refusal: verdicts[i].refusal }] : []));
  if (refusals.length > 0) throw new RowsRefused(refusals);
  return { held, rehearsedEvents: new Map(pending.map((row, i) => [row, verdicts[i]?.events ?? 0])) };
}

const batchCommand = (row: PlannedRow): BatchCommand => ({ kind: row.kind, command: row.command, input: row.input, options: row.options });

async function write(
  access: RegisterAccess,
  rows: readonly PlannedRow[],
  held: ReadonlySet<PlannedRow>,
  rehearsedEvents: ReadonlyMap<PlannedRow, number>,
  onRow: (done: number) => void,
): Promise<ImportOutcome> {
  const written: number[] = [];
  const alreadyImported: number[] = [];
  const unchanged: number[] = [];
  let events = 0;
  let lastPosition: string | null = null;
  const outcome = (): ImportOutcome => ({ written, alreadyImported, unchanged, events, lastPosition });

  for (const [index, row] of rows.entries()) {
    try {
      if (held.has(row)) {
        alreadyImported.push(row.rowNumber);
      } else {
        const receipt = await access.write(batchCommand(row));
        if (receipt.replayed) alreadyImported.push(row.rowNumber);
        else if (!receipt.changed) unchanged.push(row.rowNumber);
        else {
          written.push(row.rowNumber);
          // The API answers `changed`, not how many events: the rehearsal counted them.
          events += receipt.events ?? rehearsedEvents.get(row) ?? 0;
          lastPosition = receipt.position;
        }
      }
    } catch (error) {
      throw new RowRejected(
        row,
        error,
        outcome(),
        rows.slice(index + 1).map((r) => r.rowNumber),
      );
    }
    onRow(index + 1);
  }
  return outcome();
}

/**
 * A hold's boundary is the log head when it runs, so a re-run would be a different command;
 * the same meeting already held on the same day is the earlier run's work.
 */
async function holdsAlreadyDone(access: RegisterAccess, rows: readonly PlannedRow[]): Promise<Set<PlannedRow>> {
  const done = new Set<PlannedRow>();
  for (const row of rows) {
    if (row.kind !== 'meeting' || row.command !== 'HoldMeeting') continue;
    if ((await access.meetingHeldOn(row.input['number'] as number)) === row.input['heldOn']) done.add(row);
  }
  return done;
}

/** "2-5, 7, 9-11": row numbers as ranges. */
export function rowRanges(numbers: readonly number[]): string {
  const sorted = [...numbers].sort((a, b) => a - b);
  const ranges: string[] = [];
  for (let i = 0; i < sorted.length;) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    ranges.push(i === j ? `${sorted[i]}` : `${sorted[i]}-${sorted[j]}`);
    i = j + 1;
  }
  return ranges.length === 0 ? 'none' : ranges.join(', ');
}
