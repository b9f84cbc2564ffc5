import { Command, CommanderError, Option } from 'commander';
import { isRegisterError } from '../core/errors.ts';
import { ExitCode, exitCodeFor, exitCodeHelp, type ExitCode as ExitCodeValue } from './exit-codes.ts';
import { exportCommand } from './commands/export.ts';
import { eventsCommand } from './commands/events.ts';
import { importCommand } from './commands/import.ts';
import { loadSampleCommand } from './commands/load-sample.ts';
import { rebuildCommand } from './commands/rebuild.ts';
import { packCommand } from './commands/pack.ts';
import { reportCommand } from './commands/report.ts';
import { serveCommand } from './commands/serve.ts';
import { tokenCommand } from './commands/token.ts';
import { verifyCommand } from './commands/verify.ts';
import { RemoteFailure } from './remote/errors.ts';

const environmentHelp = `Configuration (the server's): DATA_DIR (default ./data; or --data-dir), ESDB_CONNECTION_STRING
(EventStoreDB instead of the embedded SQLite store), SQLITE_SYNCHRONOUS, READ_MODEL=file|memory,
TOKENS_FILE, REGISTER_RULES_FILE. Writes are made as the secretariat, recorded as
cli:<CCAG_ACTOR, else your OS user name>. import, export, report and pack can instead run against a
running register over its API (--server URL --token T, or CCAG_SERVER and CCAG_TOKEN), as the
token's principal, with no access to the store; see their --help for which wins when both are given. Commands build their read model in memory unless
READ_MODEL is set, so they can run beside a server on the same DATA_DIR; \`rebuild\` works on
DATA_DIR/read-model.db and is for a stopped server.`;

export function buildProgram(): Command {
  const program = new Command('ccag')
    .description('The CCAG change register from the command line')
    .addOption(new Option('--data-dir <dir>', 'where the embedded store and read model live (overrides DATA_DIR)'))
    .showHelpAfterError('(run with --help for usage)')
    .addHelpText(
      'after',
      `\n${environmentHelp}\n\n${exitCodeHelp}\n\nExample:\n  $ ccag load-sample && ccag report movement --from meeting:35 --to meeting:36`,
    );

  for (const command of [
    serveCommand(),
    loadSampleCommand(),
    importCommand(),
    exportCommand(),
    reportCommand(),
    packCommand(),
    verifyCommand(),
    rebuildCommand(),
    eventsCommand(),
    tokenCommand(),
  ]) {
    program.addCommand(command);
  }
  applyToAll(program, (command) => {
    command.exitOverride();
    command.showHelpAfterError('(run with --help for usage)');
  });
  return program;
}

function applyToAll(command: Command, apply: (command: Command) => void): void {
  apply(command);
  for (const sub of command.commands) applyToAll(sub, apply);
}

/** Runs the CLI with `argv` (as process.argv) and returns the exit code. */
export async function main(argv: readonly string[]): Promise<ExitCodeValue> {
  const program = buildProgram();
  // A reader that stops early (`| head`) is not an error; stop writing and exit quietly.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(ExitCode.ok);
  });
  try {
    await program.parseAsync([...argv]);
    return ExitCode.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander has printed its message already; --help and --version end with 0.
      return error.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
    }
    report(error);
    return exitCodeFor(error);
  }
}

/** Errors the CLI expects are one line; anything else keeps its stack for a bug report. */
function report(error: unknown): void {
  const expected =
    error instanceof Error && (isRegisterError(error) || error instanceof RemoteFailure || exitCodeFor(error) !== ExitCode.other);
  process.stderr.write(
    expected
      ? `ccag: ${error.message}\n`
      : `ccag: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
}
