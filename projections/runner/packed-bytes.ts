/** Many byte strings in one buffer: one copy across threads, not one object each. */
export interface PackedBytes {
  readonly bytes: Uint8Array;
  /** Entry i spans bytes bounds[i] to bounds[i + 1]. */
  readonly bounds: Int32Array;
  /** 1 where an entry is undefined (no bytes), not empty. */
  readonly absent: Uint8Array;
}

export function pack(values: readonly (Uint8Array | undefined)[]): PackedBytes {
  const bounds = new Int32Array(values.length + 1);
  const absent = new Uint8Array(values.length);
  values.forEach((value, index) => {
    bounds[index + 1] = bounds[index]! + (value?.byteLength ?? 0);
    if (value === undefined) absent[index] = 1;
  });
  const bytes = new Uint8Array(bounds[values.length]!);
  values.forEach((value, index) => {
    if (value) bytes.set(value, bounds[index]);
  });
  return { bytes, bounds, absent };
}

export function unpack({ bytes, bounds, absent }: PackedBytes, index: number): Uint8Array | undefined {
  return absent[index] ? undefined : bytes.subarray(bounds[index], bounds[index + 1]);
}

/** The buffers of `packed`, to transfer rather than copy. */
export function packedBuffers(packed: readonly PackedBytes[]): ArrayBuffer[] {
  return packed.flatMap(({ bytes, bounds, absent }) => [bytes.buffer, bounds.buffer, absent.buffer] as ArrayBuffer[]);
}
