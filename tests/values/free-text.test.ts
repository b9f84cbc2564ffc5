import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { freeText, idempotencyKey } from '../../schema/values.ts';

const forbiddenControls = [
  ...Array.from({ length: 0x20 }, (_, i) => i).filter((c) => c !== 0x09 && c !== 0x0a && c !== 0x0d),
  ...Array.from({ length: 0x21 }, (_, i) => 0x7f + i),
].map((c) => String.fromCharCode(c));

const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c));
const controlCharacter = fc.constantFrom(...forbiddenControls);

/** Well-formed text with `insert` placed between two of its code points (or at either end). */
const withInserted = (insert: fc.Arbitrary<string>) =>
  fc.tuple(fc.string({ unit: 'grapheme', maxLength: 20 }), insert, fc.nat()).map(([text, bad, at]) => {
    const points = [...text];
    const i = at % (points.length + 1);
    return [...points.slice(0, i), bad, ...points.slice(i)].join('');
  });

const messagesOf = (value: string, max = 1000): string[] => {
  const result = freeText(max).safeParse(value);
  return result.success ? [] : result.error.issues.map((i) => i.message);
};

describe('free text', () => {
  it('refuses any text holding a lone surrogate, wherever it stands', () => {
    fc.assert(
      fc.property(withInserted(loneSurrogate), (value) => {
        expect(messagesOf(value)).toEqual(['contains a lone UTF-16 surrogate, which is not Unicode text']);
      }),
    );
  });

  it('refuses control characters other than newline and tab, even at either end', () => {
    fc.assert(
      fc.property(withInserted(controlCharacter), (value) => {
        expect(messagesOf(value)).toEqual([
          expect.stringMatching(/^contains the control character U\+00[0-9A-F]{2}; only newline and tab are allowed$/),
        ]);
      }),
    );
  });

  it('accepts what it stores as NFC, trimmed, with \\n line ends and no other control character', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (value) => {
        const result = freeText(1000).safeParse(value);
        if (!result.success) return;
        const stored = result.data;
        expect(stored).toBe(stored.normalize('NFC'));
        expect(stored).toBe(stored.trim());
        // eslint-disable-next-line no-control-regex -- control characters are what it looks for
        expect(stored).not.toMatch(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/);
        expect(stored).not.toMatch(/\p{Cs}/u);
        expect(stored.length).toBeGreaterThan(0);
      }),
    );
  });

  it('stores decomposed accents composed, and keeps newline and tab', () => {
    expect(freeText(100).parse('Cafe\u0301 plan\r\n\tstep two')).toBe('Café plan\n\tstep two');
  });

  it('counts characters, not UTF-16 units, against the maximum', () => {
    expect(freeText(3).parse('😀😀😀')).toBe('😀😀😀');
    expect(messagesOf('abcd', 3)).toEqual(['is 4 characters long; at most 3 are allowed']);
    expect(messagesOf('   ')).toEqual(['must not be empty']);
  });
});

describe('idempotency key', () => {
  it('is refused empty, blank, with a lone surrogate or a control character, or too long', () => {
    for (const bad of ['', '   ', 'key-\ud800', 'key\u0000', 'k'.repeat(201)]) {
      expect(idempotencyKey.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
    expect(idempotencyKey.parse('import:row-1:ab12')).toBe('import:row-1:ab12');
  });
});
