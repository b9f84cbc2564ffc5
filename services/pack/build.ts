import type { Register } from '../register.ts';
import { headJson } from '../transparency/head-check.ts';
import type { VerificationReport } from '../verification.ts';
import { packContext } from './context.ts';
import type { PackModel, PackVerification } from './model.ts';
import { boundarySection } from './sections/boundary.ts';
import { packSections } from './sections/index.ts';

/**
 * What the verification run found, in the words the last page and every UNVERIFIED banner use.
 * Nothing in it depends on what was written after the meeting, so a later build of the same
 * meeting's pack, on a log that still verifies, is the same pack.
 */
export function packVerification(report: VerificationReport, meeting: number): PackVerification {
  if (report.ok) {
    const own = report.meetings.some((m) => m.number === meeting && m.ok) ? ` CCAG #${meeting}'s signed head verifies.` : '';
    return {
      ok: true,
      summary: `OK: every hash chain, the Merkle tree and every held meeting's signed head verify.${own}`,
      problems: [],
    };
  }
  return { ok: false, summary: `FAILED: ${report.problems[0] ?? 'the log does not verify'}`, problems: report.problems };
}

/**
 * The pack model of CCAG #`meeting`, read from the register at the meeting's boundary. The
 * verification is the run made while building; it is the caller's to refuse a failed one.
 */
export function buildPackModel(register: Register, meeting: number, verification: PackVerification): PackModel {
  const ctx = packContext(register, meeting);
  const held = ctx.meeting.status === 'Held' && ctx.meeting.boundaryPosition !== null && ctx.meeting.digest !== null;
  const head = ctx.meeting.treeHead ?? (held ? null : register.transparency.signedHead(ctx.point.seq));
  const frozen = {
    boundaryPosition: held ? ctx.meeting.boundaryPosition! : (ctx.point.position ?? '0'),
    digest: held ? ctx.meeting.digest! : head!.rootHash,
    treeHead: head ? headJson(head) : '(held before the register signed heads)',
  };
  return {
    meeting,
    title: `Cross Code Advisory Group #${meeting}`,
    date: ctx.meeting.date,
    boundaryPosition: frozen.boundaryPosition,
    digest: frozen.digest,
    verification,
    sections: [...packSections(ctx), boundarySection(ctx, frozen, verification, register.transparency)],
  };
}
