import { consistencyPlan } from '../../../transparency/consistency-plan.ts';

/** The part of a signed tree head the browser keeps and checks. */
export interface KeptHead {
  readonly treeSize: number;
  readonly rootHash: string;
}

export type HeadCheck =
  | { readonly ok: true; readonly kind: 'first' | 'grown' | 'same'; readonly from?: number; readonly to: number }
  | { readonly ok: false; readonly problem: string };

const bytes = (hex: string): Uint8Array<ArrayBuffer> | undefined =>
  /^([0-9a-f]{2})*$/.test(hex) ? new Uint8Array(hex.match(/../g)?.map((pair) => parseInt(pair, 16)) ?? []) : undefined;

async function nodeHash(left: Uint8Array, right: Uint8Array): Promise<Uint8Array> {
  const message = new Uint8Array(1 + left.length + right.length);
  message[0] = 1;
  message.set(left, 1);
  message.set(right, 1 + left.length);
  return new Uint8Array(await crypto.subtle.digest('SHA-256', message));
}

const equal = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((x, i) => x === b[i]);

/** RFC 9162 2.1.4.2 with Web Crypto SHA-256, walking the plan the server's verifier walks. */
export async function verifyConsistency(from: KeptHead, to: KeptHead, proof: readonly string[]): Promise<boolean> {
  const fromRoot = bytes(from.rootHash);
  const toRoot = bytes(to.rootHash);
  const path = proof.map(bytes);
  if (!fromRoot || !toRoot || fromRoot.length !== 32 || toRoot.length !== 32) return false;
  if (path.some((node) => node?.length !== 32)) return false;
  const plan = consistencyPlan(from.treeSize, to.treeSize, path.length);
  if (!plan) return false;
  const nodes = plan.seeded ? [fromRoot, ...(path as Uint8Array[])] : (path as Uint8Array[]);
  let fr = nodes[0]!;
  let sr = nodes[0]!;
  for (const [i, step] of plan.steps.entries()) {
    const c = nodes[i + 1]!;
    if (step === 'left') {
      fr = await nodeHash(c, fr);
      sr = await nodeHash(c, sr);
    } else {
      sr = await nodeHash(sr, c);
    }
  }
  return equal(fr, fromRoot) && equal(sr, toRoot);
}

/**
 * Checks the current head against the one kept from the last visit; `proofTo` fetches the
 * consistency proof from the kept size to the current size. Only a check that passed keeps
 * the current head: a failure leaves the old head in place, so it shows again next time.
 */
export async function checkAgainstKept(
  kept: KeptHead | undefined,
  current: KeptHead,
  proofTo: (fromSize: number, toSize: number) => Promise<readonly string[]>,
): Promise<HeadCheck> {
  if (!kept || kept.treeSize === 0) return { ok: true, kind: 'first', to: current.treeSize };
  if (kept.treeSize > current.treeSize) {
    return {
      ok: false,
      problem: `The register now has ${current.treeSize} events, fewer than the ${kept.treeSize} it had when you last looked: its log was cut back.`,
    };
  }
  if (kept.treeSize === current.treeSize) {
    return kept.rootHash === current.rootHash
      ? { ok: true, kind: 'same', from: kept.treeSize, to: current.treeSize }
      : {
          ok: false,
          problem: `The register's first ${kept.treeSize} events are not those you last saw: the root hash differs at the same size.`,
        };
  }
  const proof = await proofTo(kept.treeSize, current.treeSize);
  return (await verifyConsistency(kept, current, proof))
    ? { ok: true, kind: 'grown', from: kept.treeSize, to: current.treeSize }
    : {
        ok: false,
        problem: `The consistency proof from the ${kept.treeSize} events you last saw to the ${current.treeSize} now does not verify: the log was rewritten, not only added to.`,
      };
}
