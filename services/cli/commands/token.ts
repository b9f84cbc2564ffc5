import { Command, Option } from 'commander';
import type { GlobalOptions } from '../session-options.ts';
import type { TokenCreateOptions } from '../run/token-create.ts';
import type { TokenRevokeOptions } from '../run/token-revoke.ts';

/** The roles of services/access.ts, listed here so `--help` loads nothing heavy; run/ checks them again. */
const roles = ['reader', 'editor', 'secretariat', 'auditor'];

export function tokenCommand(): Command {
  const token = new Command('token').description('API bearer tokens');
  token.addCommand(
    new Command('create')
      .description('Issue a bearer token; only its SHA-256 is stored (TOKENS_FILE, else DATA_DIR/tokens.json)')
      .requiredOption('--principal <name>', 'who the token speaks for; recorded as the actor of its writes')
      .addOption(new Option('--role <role>', 'what it may do').choices(roles).makeOptionMandatory())
      .option('--code-body <codes...>', "an editor's code bodies (REC, BSC, ...): whose change proposals and milestones it may change")
      .option(
        '--login-url [base]',
        "print a sign-in link for the web app instead of the bare token (base: the register's address, default http://HOST:PORT)",
      )
      .addHelpText(
        'after',
        `
The token is printed once, on stdout; it cannot be recovered later. Issuing a token for a
principal that already has one replaces the old token. A running server reloads the tokens
file within a second: the new token works without a restart.

With --login-url the token is printed inside a link that signs the web app in: the token is
in the link's fragment (#token=...), which browsers never send to a server, and the web app
removes it from the address bar at once.

Examples:
  $ ccag token create --principal rec-code-manager --role editor --code-body REC
  $ ccag token create --principal auditor --role auditor --login-url https://register.example.org`,
      )
      .action(async (options: TokenCreateOptions, command: Command) => {
        const { runTokenCreate } = await import('../run/token-create.ts');
        runTokenCreate(options, command.optsWithGlobals<GlobalOptions>());
      }),
  );
  token.addCommand(
    new Command('list')
      .description('List who holds a token, with role and code bodies (the file keeps hashes only: no token is shown)')
      .addHelpText('after', '\nExample:\n  $ ccag token list')
      .action(async (_options: unknown, command: Command) => {
        const { runTokenList } = await import('../run/token-list.ts');
        runTokenList(command.optsWithGlobals<GlobalOptions>());
      }),
  );
  token.addCommand(
    new Command('revoke')
      .description("Remove a principal's token from the tokens file")
      .requiredOption('--principal <name>', 'whose token to revoke, as `token list` shows it')
      .addHelpText(
        'after',
        `
A running server reloads the tokens file within a second and then refuses the token.

Example:
  $ ccag token revoke --principal rec-code-manager`,
      )
      .action(async (options: TokenRevokeOptions, command: Command) => {
        const { runTokenRevoke } = await import('../run/token-revoke.ts');
        runTokenRevoke(options, command.optsWithGlobals<GlobalOptions>());
      }),
  );
  return token;
}
