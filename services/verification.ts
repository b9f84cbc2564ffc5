import { computeLogDigest } from './core/digest.ts';
import { parsePosition } from './core/position.ts';
import type { Register } from './register.ts';

/** Numbers of held meetings whose recorded digest no longer matches the log up to their boundary. */
export async function verifyMeetingDigests(register: Register): Promise<number[]> {
  const bad: number[] = [];
  for (const meeting of register.queries.items('meeting')) {
    const { number, boundaryPosition, digest } = meeting.view as { number: number; boundaryPosition: string | null; digest: string | null };
    if (boundaryPosition === null || digest === null) continue;
    const boundary = parsePosition(boundaryPosition);
    try {
      const recomputed = await computeLogDigest(register.store, boundary && boundary.commit > 0n ? boundary : undefined);
      if (recomputed.digest !== digest) bad.push(number);
    } catch {
      bad.push(number);
    }
  }
  return bad.sort((a, b) => a - b);
}
