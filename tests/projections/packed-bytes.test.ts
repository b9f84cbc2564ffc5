import { describe, expect, it } from 'vitest';
import { pack, unpack } from '../../projections/runner/packed-bytes.ts';

describe("the read-ahead's packing of prepared bytes", () => {
  it('gives back each entry as it was: bytes, empty bytes, or none', () => {
    const entries = [Uint8Array.of(1, 2, 3), undefined, new Uint8Array(0), Uint8Array.of(4), undefined, Uint8Array.of(5, 6)];
    const packed = pack(entries);
    expect(packed.bytes).toEqual(Uint8Array.of(1, 2, 3, 4, 5, 6));
    expect(entries.map((_, index) => unpack(packed, index))).toEqual(entries);
  });

  it('survives the copy to another thread', () => {
    const packed = pack([Uint8Array.of(9, 8), undefined, Uint8Array.of(7)]);
    const copied = structuredClone(packed, { transfer: [packed.bytes.buffer, packed.bounds.buffer, packed.absent.buffer] });
    expect([0, 1, 2].map((index) => unpack(copied, index))).toEqual([Uint8Array.of(9, 8), undefined, Uint8Array.of(7)]);
  });
});
