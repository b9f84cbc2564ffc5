import { verifyConsistency } from './merkle.ts';
import { verifyTreeHeadSignature } from './signing-key.ts';
import { signedTreeHeadSchema, type SignedTreeHead } from './tree-head.ts';

/** What a head check needs of the log now: its size and root, and consistency proofs (local or fetched). */
export interface CurrentTree {
  readonly size: number;
  readonly rootHash: string;
  consistencyProof(fromSize: number, toSize: number): Promise<readonly string[]> | readonly string[];
}

/** Parses a head given as JSON text (from a pack, `ccag verify` output or a saved file), naming each bad field. */
export function parseHead(text: string): SignedTreeHead {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new Error('the head is not JSON: give it as printed, e.g. {"treeSize":84,"rootHash":"…",…}');
  }
  const parsed = signedTreeHeadSchema.safeParse(value);
  if (!parsed.success) {
    throw new Error(
      `the head is not a signed tree head: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'head'}: ${i.message}`).join('; ')}`,
    );
  }
  return parsed.data;
}

/**
 * Proves the log now extends `head`: the head is the register's (signature), no larger than the
 * log, and an RFC 9162 consistency proof links its root to today's. Returns the problem in
 * words, or undefined when the log extends it.
 */
export async function checkHeadExtended(head: SignedTreeHead, publicKey: string, tree: CurrentTree): Promise<string | undefined> {
  if (!verifyTreeHeadSignature(head, publicKey)) {
    return `the head of size ${head.treeSize} is not signed with this register's key (it names key ${head.keyId.slice(0, 16)}…)`;
  }
  if (head.treeSize > tree.size) {
    return `the head covers ${head.treeSize} events but the log now has ${tree.size}: ${head.treeSize - tree.size} event(s) at the end were removed`;
  }
  if (head.treeSize === 0) return undefined;
  const proof = (await tree.consistencyProof(head.treeSize, tree.size)).map((h) => Buffer.from(h, 'hex'));
  const ok = verifyConsistency(head.treeSize, tree.size, Buffer.from(head.rootHash, 'hex'), Buffer.from(tree.rootHash, 'hex'), proof);
  return ok
    ? undefined
    : `the log's first ${head.treeSize} events no longer hash to the head's root: that history was rewritten or replaced`;
}

export const headJson = (head: SignedTreeHead) => JSON.stringify(signedTreeHeadSchema.parse(head));
