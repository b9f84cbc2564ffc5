import type { Caller } from '../../access.ts';
import type { Register } from '../../register.ts';
import { meetingId } from '../../../schema/ids.ts';
import type { PlannedRow } from './plan.ts';

export interface ImportOutcome {
  /** Rows that wrote events. */
  readonly written: number;
  /** Rows already imported earlier (same idempotency key, same command): nothing new. */
  readonly alreadyImported: number;
  /** Rows the register accepted but that changed nothing (the value was already so). */
  readonly unchanged: number;
  readonly events: number;
  readonly lastPosition: string | null;
}

/** A row the register refused; rows before it are stored, rows after it were not tried. */
export class RowRejected extends Error {
  constructor(
    readonly row: PlannedRow,
    readonly refusal: unknown,
    readonly before: ImportOutcome,
  ) {
    super(`row ${row.rowNumber} (${row.command}): ${refusal instanceof Error ? refusal.message : String(refusal)}`);
    this.name = 'RowRejected';
  }
}

/** Executes checked rows in file order. Each carries an idempotency key, so a re-run writes nothing new. */
export async function executeImport(
  register: Register,
  rows: readonly PlannedRow[],
  caller: Caller,
  onRow: (done: number) => void = () => {},
): Promise<ImportOutcome> {
  let written = 0;
  let alreadyImported = 0;
  let unchanged = 0;
  let events = 0;
  let lastPosition: string | null = null;
  const outcome = (): ImportOutcome => ({ written, alreadyImported, unchanged, events, lastPosition });

  for (const [index, row] of rows.entries()) {
    try {
      if (isHoldAlreadyDone(register, row)) {
        alreadyImported++;
      } else {
        const { result, position } = isHold(row)
          ? await register.holdMeeting(row.input as { number: number; heldOn: string }, caller, row.options)
          : await register.execute(row.kind, row.command, row.input, caller, row.options);
        if (result.replayed) alreadyImported++;
        else if (result.events.length === 0) unchanged++;
        else {
          written++;
          events += result.events.length;
          lastPosition = position;
        }
      }
    } catch (error) {
      throw new RowRejected(row, error, outcome());
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
  const meeting = register.queries.item(meetingId(row.input['number'] as number))?.view;
  return meeting?.['status'] === 'Held' && meeting['heldOn'] === row.input['heldOn'];
}
