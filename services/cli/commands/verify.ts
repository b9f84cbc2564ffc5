import { Command } from 'commander';
import type { GlobalOptions } from '../session-options.ts';

export function verifyCommand(): Command {
  return new Command('verify')
    .description("Check the event log: every stream's hash chain, the Merkle tree, every meeting's signed tree head")
    .option('--since <head>', 'a signed tree head (JSON, as a pack or an earlier verify printed it) the log must still extend')
    .option(
      '--server <url>',
      'check a running register over its API (its key, its signed head, a consistency proof from the head kept for it); CCAG_TOKEN is sent if set',
    )
    .addHelpText(
      'after',
      `
Reads the whole log from the event store: revisions must be dense, each event's prevHash
must be its predecessor's hash and each hash must match the event. The Merkle tree is
rebuilt from the store (every field of every event, recorded time and position included)
and each held meeting's signed tree head must carry the register's signature and the
root of the log's first events up to its size. The tree the server's read model recorded
(DATA_DIR/read-model.db) must agree with it, event by event.

--since HEAD proves, with an RFC 9162 consistency proof, that today's log extends that
head: nothing it covered was removed, reordered or rewritten. ccag also keeps the last
head it verified for each register (XDG_CONFIG_HOME/ccag/heads.json, else
~/.config/ccag/heads.json) and checks the log still extends it on every run.
On success the new signed head is printed ("Tree head: {...}") and kept.
With --server URL nothing local is read: the register's key comes from
URL/.well-known/ccag-register.json, its current head must carry that key's signature, and
it must prove (consistencyProof) that it extends the head kept for URL and any --since head.
Exit 0 when all is well; exit 1 naming each problem otherwise.

Examples:
  $ ccag verify && echo "log intact"
  $ ccag verify --since '{"treeSize":84,"rootHash":"…","timestamp":"…","keyId":"…","signature":"…"}'`,
    )
    .action(async (options: { since?: string; server?: string }, command: Command) => {
      const { runVerify } = await import('../run/verify.ts');
      await runVerify(command.optsWithGlobals<GlobalOptions>(), { since: options.since, server: options.server });
    });
}
