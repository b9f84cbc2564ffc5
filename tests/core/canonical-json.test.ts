import canonicalize from 'canonicalize';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../services/core/canonical-json.ts';

/** What canonicalize gives, or the error it throws. */
function reference(value: unknown): string | undefined | Error {
  try {
    return canonicalize(value);
  } catch (error) {
    return error as Error;
  }
}

describe('canonical JSON (RFC 8785) for hashes', () => {
  it('is the text canonicalize gives for any JSON value, unicode and key order included', () => {
    const text = fc.oneof(fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' }), fc.string());
    const json = fc.letrec<{ value: unknown }>((tie) => ({
      value: fc.oneof(
        { depthSize: 'small' },
        fc.constant(null),
        fc.boolean(),
        fc.double({ noNaN: true, noDefaultInfinity: true }),
        fc.integer(),
        text,
        fc.array(tie('value')),
        fc.dictionary(text, tie('value')),
      ),
    }));
    fc.assert(
      fc.property(json.value, (value) => {
        expect(canonicalJson(value)).toBe(canonicalize(value));
      }),
      { numRuns: 2000 },
    );
  });

  it('refuses a lone surrogate as canonicalize does, and keeps a pair or an escaped backslash', () => {
    for (const value of [{ a: 'x\ud800y' }, ['\udc00'], { ['\ud83d']: 1 }]) {
      const refused = reference(value);
      expect(refused).toBeInstanceOf(Error);
      expect(() => canonicalJson(value)).toThrow();
    }
    for (const value of [{ emoji: '\ud83d\ude00' }, { path: 'C:\\ud800' }, { b: 1, a: [2, { d: null, c: -0 }] }]) {
      expect(canonicalJson(value)).toBe(canonicalize(value));
    }
  });
});
