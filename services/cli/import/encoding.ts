import iconv from 'iconv-lite';
import { UsageError } from '../exit-codes.ts';

/*
 * An import file must be Unicode text. Excel saves "CSV" in the Windows code page, so a
 * "é" arrives as the single byte 0xE9, which a UTF-8 reader turns into U+FFFD for ever in an
 * append-only log. So text that is not valid UTF-8 is refused, naming the rows, unless the
 * person says what it is (`--encoding windows-1252`), and then it is converted.
 */

export const encodingHint = 'if Excel saved it (CSV in its Windows encoding), import it with --encoding windows-1252';

/** A line of the file that is not Unicode text, and why. */
export interface BadLine {
  readonly line: number;
  readonly problem: string;
}

/** Mis-decoded text: the replacement character, and C1 controls (Windows-1252 punctuation read as Latin-1). */
const misDecoded = /[\uFFFD\u0080-\u009F]/;

/** The problem with one piece of decoded text (a cell), or null. */
export function misDecodedText(text: string): string | null {
  const found = misDecoded.exec(text);
  if (!found) return null;
  const code = `U+${found[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
  return found[0] === '\uFFFD'
    ? `holds ${code}, the replacement character, where a character was lost when the text was decoded with the wrong encoding`
    : `holds the control character ${code}, a sign of text decoded with the wrong encoding`;
}

/** Decodes the file as UTF-8, or as the given encoding; returns the text, or the lines that are not Unicode text. */
export function decodeImportText(data: Buffer, encoding: string | undefined): { text: string } | { badLines: BadLine[]; text: string } {
  if (encoding !== undefined) {
    const name: string = encoding;
    if (!iconv.encodingExists(encoding)) throw new UsageError(`--encoding ${name}: not an encoding iconv-lite knows (try windows-1252)`);
    return { text: iconv.decode(data, encoding) };
  }
  const badLines: BadLine[] = [];
  let line = 1;
  let start = 0;
  for (let i = 0; i <= data.length; i++) {
    if (i < data.length && data[i] !== 0x0a) continue;
    const bytes = data.subarray(start, i);
    const bad = firstInvalidUtf8(bytes);
    if (bad >= 0) badLines.push({ line, problem: `byte 0x${bytes[bad]!.toString(16).toUpperCase()} is not UTF-8` });
    else {
      const problem = misDecodedText(bytes.toString('utf8'));
      if (problem) badLines.push({ line, problem });
    }
    line++;
    start = i + 1;
  }
  const text = data.toString('utf8');
  return badLines.length > 0 ? { badLines, text } : { text };
}

/** The offset of the first byte that does not begin or continue a well-formed UTF-8 sequence; -1 when all do. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i]!;
    const length =
      lead < 0x80 ? 1 : lead >= 0xc2 && lead <= 0xdf ? 2 : lead >= 0xe0 && lead <= 0xef ? 3 : lead >= 0xf0 && lead <= 0xf4 ? 4 : 0;
    if (length === 0 || i + length > bytes.length) return i;
    for (let j = 1; j < length; j++) if ((bytes[i + j]! & 0xc0) !== 0x80) return i;
    const second = bytes[i + 1];
    // Overlong forms, surrogates and code points past U+10FFFF.
    if (lead === 0xe0 && second! < 0xa0) return i;
    if (lead === 0xed && second! > 0x9f) return i;
    if (lead === 0xf0 && second! < 0x90) return i;
    if (lead === 0xf4 && second! > 0x8f) return i;
    i += length;
  }
  return -1;
}
