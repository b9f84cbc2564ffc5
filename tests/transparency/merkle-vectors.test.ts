import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  EMPTY_ROOT,
  consistencyPath,
  inclusionPath,
  leafHash,
  listRangeHasher,
  rootOfLeafHashes,
  verifyConsistency,
  verifyInclusion,
} from '../../services/transparency/merkle.ts';

/**
 * Published RFC 6962 / RFC 9162 test vectors of the transparency-dev project:
 * - leaf inputs and root hashes from testonly/constants.go,
 * - every inclusion and consistency probe under testdata/ (valid proofs and their mutations),
 * both at https://github.com/transparency-dev/merkle, commit 417fb0c314750d94e53942e9f92e79b6d35915db
 * (Apache-2.0). The JSON files of testdata/ are bundled unchanged in transparency-dev-vectors.json.
 */
const leafInputs = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'];
const rootHashes = [
  'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];

interface InclusionProbe {
  leafIdx: number;
  treeSize: number;
  root: string | null;
  leafHash: string | null;
  proof: string[] | null;
  desc: string;
  wantErr: boolean;
  file: string;
}
interface ConsistencyProbe {
  size1: number;
  size2: number;
  root1: string | null;
  root2: string | null;
  proof: string[] | null;
  desc: string;
  wantErr: boolean;
  file: string;
}
const vectors = JSON.parse(readFileSync(new URL('./transparency-dev-vectors.json', import.meta.url), 'utf8')) as {
  inclusion: InclusionProbe[];
  consistency: ConsistencyProbe[];
};
const b64 = (text: string | null) => Buffer.from(text ?? '', 'base64');
const leaves = leafInputs.map((hex) => leafHash(Buffer.from(hex, 'hex')));

describe('RFC 6962 tree hashes (transparency-dev testonly vectors)', () => {
  it('gives the published root for every size from 0 to 8', () => {
    rootHashes.forEach((root, size) => expect(rootOfLeafHashes(leaves.slice(0, size)).toString('hex')).toBe(root));
    expect(EMPTY_ROOT.toString('hex')).toBe(rootHashes[0]);
  });
});

describe('inclusion proofs (transparency-dev testdata/inclusion)', () => {
  it.each(vectors.inclusion.map((v) => [v.file, v] as const))('%s', (_file, v) => {
    const ok = verifyInclusion(v.leafIdx, v.treeSize, b64(v.leafHash), (v.proof ?? []).map(b64), b64(v.root));
    expect(ok).toBe(!v.wantErr);
  });

  it('generates exactly the published happy-path proofs over the 8 test leaves', () => {
    const happy = vectors.inclusion.filter(
      (v) => v.desc === 'happy path' && v.treeSize <= 8 && b64(v.root).equals(Buffer.from(rootHashes[v.treeSize]!, 'hex')),
    );
    expect(happy.length).toBeGreaterThan(3);
    for (const v of happy) {
      const path = inclusionPath(listRangeHasher(leaves.slice(0, v.treeSize)), v.leafIdx, v.treeSize);
      expect(path.map((p) => p.toString('base64'))).toEqual(v.proof ?? []);
    }
  });
});

describe('consistency proofs (transparency-dev testdata/consistency)', () => {
  it.each(vectors.consistency.map((v) => [v.file, v] as const))('%s', (_file, v) => {
    const ok = verifyConsistency(v.size1, v.size2, b64(v.root1), b64(v.root2), (v.proof ?? []).map(b64));
    expect(ok).toBe(!v.wantErr);
  });

  it('generates exactly the published happy-path proofs over the 8 test leaves', () => {
    const happy = vectors.consistency.filter(
      (v) => v.desc === 'happy path' && v.size2 <= 8 && b64(v.root2).equals(Buffer.from(rootHashes[v.size2]!, 'hex')),
    );
    expect(happy.length).toBeGreaterThan(3);
    for (const v of happy) {
      const proof = consistencyPath(listRangeHasher(leaves.slice(0, v.size2)), v.size1, v.size2);
      expect(proof.map((p) => p.toString('base64'))).toEqual(v.proof ?? []);
    }
  });
});
