import { Option, type Command } from 'commander';

/** What `--help` says of working over the API, for every command that can. */
export const remoteHelp = `Over the API: --server URL (or CCAG_SERVER) runs this against a running register with
--token T (or CCAG_TOKEN; prefer the variable, a flag shows in the process list). The
token's principal is the actor of every write (CCAG_ACTOR is not used) and no store is
opened. --server with --data-dir is a usage error; a flag beats a variable (--data-dir
over CCAG_SERVER, --server over DATA_DIR); CCAG_SERVER beats DATA_DIR.`;

/** Adds --server and --token to a command that can work over a running register's API. */
export function withRemoteOptions(command: Command): Command {
  return command
    .addOption(new Option('--server <url>', 'a running register to use over its API (default: CCAG_SERVER; else the store)'))
    .addOption(new Option('--token <token>', 'bearer token for --server (default: CCAG_TOKEN)'));
}
