import type { Caller } from '../../access.ts';
import { isRegisterError } from '../../core/errors.ts';
import type { Register } from '../../register.ts';
import { meetingId } from '../../../schema/ids.ts';
import type { PlannedRow } from './plan.ts';

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
    super(`row ${row.rowNumber} (${row.command}): ${refusal instanceof Error ? refusal.message : String(refusal)}`);
    this.name = 'RowRejected';
  }
}

/**
 * All or nothing, in two steps. First every row is decided, in file order, against the log
 * plus what the rows before it would write; if any would be refused, nothing is written.
 * Then the rows are written in file order, each under an idempotency key derived from the
 * file name, row number and content, so if a write still fails (a concurrent edit, the disk,
 * a killed process) a re-run of the same file skips what was stored and completes the rest.
 */
export async function executeImport(
  register: Register,
  rows: readonly PlannedRow[],
  caller: Caller,
  onRow: (done: number) => void = () => {},
): Promise<ImportOutcome> {
  await rehearse(register, rows, caller);
  return write(register, rows, caller, onRow);
}

async function rehearse(register: Register, rows: readonly PlannedRow[], caller: Caller): Promise<void> {
  const rehearsal = register.rehearsal();
  const refusals: { row: PlannedRow; refusal: unknown }[] = [];
  for (const row of rows) {
    if (isHoldAlreadyDone(register, row)) continue;
    try {
      await rehearsal.check(row.kind, row.command, row.input, caller, row.options);
    } catch (error) {
      if (!isRegisterError(error)) throw error;
      refusals.push({ row, refusal: error });
    }
  }
  if (refusals.length > 0) throw new RowsRefused(refusals);
}

async function write(
  register: Register,
  rows: readonly PlannedRow[],
  caller: Caller,
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
      if (isHoldAlreadyDone(register, row)) {
        alreadyImported.push(row.rowNumber);
      } else {
        const { result, position } = await register.execute(row.kind, row.command, row.input, caller, row.options);
        if (result.replayed) alreadyImported.push(row.rowNumber);
        else if (result.events.length === 0) unchanged.push(row.rowNumber);
        else {
          written.push(row.rowNumber);
          events += result.events.length;
          lastPosition = position;
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

const isHold = (row: PlannedRow) => row.kind === 'meeting' && row.command === 'HoldMeeting';

/**
 * A hold's boundary is the log head when it runs, so a re-run would be a different command;
 * the same meeting already held on the same day is the earlier run's work.
 */
function isHoldAlreadyDone(register: Register, row: PlannedRow): boolean {
  if (!isHold(row)) return false;
  const meeting = register.itemsAt.item(meetingId(row.input['number'] as number))?.view;
  return meeting?.['status'] === 'Held' && meeting['heldOn'] === row.input['heldOn'];
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
