import type { Transparency } from '../../transparency/transparency.ts';
import type { PackContext } from '../context.ts';
import type { PackSection, PackVerification } from '../model.ts';
import { cells } from '../model.ts';
import { formatUkDate } from '../dates.ts';

/** The last page: what the pack covers, its digest, how anyone rechecks it, and what the check found. */
export function boundarySection(
  ctx: PackContext,
  frozen: { readonly boundaryPosition: string; readonly digest: string; readonly treeHead: string },
  verification: PackVerification,
  transparency: Pick<Transparency, 'key'>,
): PackSection {
  const { meeting } = ctx;
  return {
    id: 'boundary',
    title: 'The register behind this pack',
    blocks: [
      {
        kind: 'table',
        id: 'boundary',
        columns: ['', ''],
        widths: [1, 4],
        rows: [
          cells('Meeting', `CCAG #${meeting.number}${meeting.heldOn ? `, held ${formatUkDate(meeting.heldOn)}` : ' (not held yet)'}`),
          cells('Boundary position', frozen.boundaryPosition),
          cells('Meeting digest (Merkle root)', frozen.digest),
          cells('Signed tree head', frozen.treeHead),
          cells("Register's public key (Ed25519)", `${transparency.key.publicKey} (key id ${transparency.key.keyId})`),
          cells('Verification while building', verification.summary),
        ],
      },
      {
        kind: 'list',
        title: 'How to recheck',
        items: [
          'Run “ccag verify” on the register: it checks every hash chain, the Merkle tree and every held meeting’s signed head.',
          `Run “ccag verify --since '<signed tree head above>'” to prove the log still extends this pack’s head: nothing it covered was changed or removed.`,
          `Run “ccag pack --meeting ${meeting.number}” to rebuild this pack: the same log gives the same pack.`,
        ],
      },
      ...verification.problems.map((problem) => ({ kind: 'text' as const, style: 'note' as const, text: `FAILED: ${problem}` })),
    ],
  };
}
