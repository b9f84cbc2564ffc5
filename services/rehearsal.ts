import type { Caller } from './access.ts';
import type { ItemKind } from './core/decider.ts';
import { isRegisterError, ValidationError } from './core/errors.ts';
import type { Register, WriteOptions } from './register.ts';

/** One command of a batch, as an import row gives it. */
export interface BatchCommand {
  readonly kind: ItemKind;
  readonly command: string;
  readonly input: unknown;
  readonly options: WriteOptions;
}

/** What the register would do with one command of a batch: write `events`, replay an earlier write, or refuse. */
export interface RehearsalVerdict {
  readonly replayed: boolean;
  readonly events: number;
  /** A register error locally; over the API, the error the server's refusal stands for. */
  readonly refusal?: Error;
}

/**
 * Judges a batch in order, each command against the log plus what the ones before it would
 * write, and writes nothing. The CLI's local import and the API's `rehearsal` query both run
 * this, so an import is refused the same way whether it runs on the store or over the API.
 */
export async function rehearseBatch(register: Register, commands: readonly BatchCommand[], caller: Caller): Promise<RehearsalVerdict[]> {
  const rehearsal = register.rehearsal();
  const verdicts: RehearsalVerdict[] = [];
  for (const { kind, command, input, options } of commands) {
    try {
      verdicts.push(await rehearsal.check(kind, command, input, caller, options));
    } catch (error) {
      if (!isRegisterError(error)) throw error;
      verdicts.push({ replayed: false, events: 0, refusal: error });
    }
  }
  return verdicts;
}

/** The kind whose slice defines `commandType`; unknown commands are bad input at `path`. */
export function kindOfCommand(register: Pick<Register, 'items'>, commandType: string, path: readonly (string | number)[]): ItemKind {
  const module = register.items.modules.find((m) => Object.hasOwn(m.commands, commandType));
  if (!module) throw new ValidationError([{ path, message: `unknown command ${commandType}` }]);
  return module.kind;
}
