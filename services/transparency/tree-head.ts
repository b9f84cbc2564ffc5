import { z } from 'zod';

const hex = (bytes: number) => z.string().regex(new RegExp(`^[0-9a-f]{${bytes * 2}}$`), `must be ${bytes * 2} lowercase hex digits`);

export const hash256 = hex(32);

/** A tree head: the log's Merkle root at a size, at a time. */
export const treeHeadSchema = z.object({
  treeSize: z.number().int().nonnegative(),
  rootHash: hash256,
  timestamp: z.iso.datetime({ offset: false }),
});
export type TreeHead = z.infer<typeof treeHeadSchema>;

/** A tree head signed with the register's Ed25519 key (`keyId` = SHA-256 of the raw public key). */
export const signedTreeHeadSchema = treeHeadSchema.extend({
  keyId: hash256,
  signature: hex(64),
});
export type SignedTreeHead = z.infer<typeof signedTreeHeadSchema>;

/** The exact bytes signed: docs/verification.md section "Signed tree heads". */
export function treeHeadMessage(head: TreeHead): Uint8Array {
  return new TextEncoder().encode(`CCAG tree head v1\n${head.treeSize}\n${head.rootHash}\n${head.timestamp}\n`);
}
