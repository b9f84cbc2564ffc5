import { Command, Option } from 'commander';
import type { GlobalOptions } from '../session-options.ts';
import type { PackOptions } from '../run/pack.ts';
import { remoteHelp, withRemoteOptions } from './remote-options.ts';

export function packCommand(): Command {
  return withRemoteOptions(new Command('pack'))
    .description("The CCAG meeting pack's register sections, as at the meeting's boundary")
    .requiredOption('--meeting <number>', 'the CCAG meeting, e.g. 36')
    .addOption(new Option('--format <format>', 'html, pptx, md or pdf').choices(['html', 'pptx', 'md', 'pdf']).default('html'))
    .option('--out <file>', 'file to write; default stdout for html and md, ccag-<N>-pack.<format> for pptx and pdf')
    .option('--unverified', 'build even when the log does not verify; every page then says UNVERIFIED', false)
    .addHelpText(
      'after',
      `
The pack is read from the register at the meeting's boundary (a meeting not yet held: as it
stands now, marked DRAFT), in the pack's order: cover, agenda, minutes and actions, the
Horizon Scanning Log per code body, releases, milestones and risks, M7 and M8 tables, next
steps and the forward plan, and a last page with the boundary position, the meeting digest
and how to recheck it. The log is verified first: one that does not verify builds no pack
(exit 1, naming the first bad event) unless --unverified. The same log gives the same pack.
pdf prints the HTML with Chromium (/usr/bin/chromium, else @sparticuz/chromium).

${remoteHelp}
Over the API the server verifies and builds the pack (secretariat and auditor tokens).

Examples:
  $ ccag pack --meeting 36 --out ccag36.html
  $ ccag pack --meeting 36 --format pptx --out ccag36.pptx
  $ CCAG_SERVER=https://register.example.org ccag pack --meeting 36 --format pdf   # with CCAG_TOKEN set`,
    )
    .action(async (options: PackOptions, command: Command) => {
      const { runPack } = await import('../run/pack.ts');
      await runPack(options, command.optsWithGlobals<GlobalOptions>());
    });
}
