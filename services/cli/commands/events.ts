import { Command } from 'commander';
import type { GlobalOptions } from '../session-options.ts';

export function eventsCommand(): Command {
  const events = new Command('events').description('The raw event log');
  events.addCommand(
    new Command('export')
      .description('Write the whole log as JSON Lines, read from the event store in log order, for independent audit')
      .option('--out <file>', 'file to write; default stdout')
      .addHelpText(
        'after',
        `
One event per line: position, stream, revision, id, type, data, metadata, recordedAt.
Each event's metadata.hash is SHA-256 over the RFC 8785 canonical JSON of
{stream, revision, id, type, data, metadata without hash}, and metadata.prevHash is the hash
of the stream's previous event, so the chains can be checked with any JSON tool.

Example:
  $ ccag events export --out ccag-log-2024-11-27.jsonl`,
      )
      .action(async (options: { out?: string }, command: Command) => {
        const { runEventsExport } = await import('../run/events-export.ts');
        await runEventsExport(options, command.optsWithGlobals<GlobalOptions>());
      }),
  );
  return events;
}
