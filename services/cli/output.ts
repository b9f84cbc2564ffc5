import { createWriteStream, mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { once } from 'node:events';
import type { Writable } from 'node:stream';

/** Writes a whole document to `out`, or to stdout when no file is named. */
export async function writeDocument(text: string | Uint8Array, out: string | undefined): Promise<void> {
  if (out === undefined) {
    await writeChunk(process.stdout, text);
    return;
  }
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, text);
}

/** A sink for output written piece by piece (a long log), honouring back-pressure. */
export interface LineSink {
  write(text: string): Promise<void>;
  close(): Promise<void>;
}

export function openSink(out: string | undefined): LineSink {
  if (out === undefined) {
    return { write: (text) => writeChunk(process.stdout, text), close: async () => {} };
  }
  mkdirSync(dirname(out), { recursive: true });
  const file = createWriteStream(out);
  return {
    write: (text) => writeChunk(file, text),
    async close() {
      file.end();
      await once(file, 'finish');
    },
  };
}

async function writeChunk(stream: Writable, text: string | Uint8Array): Promise<void> {
  if (!stream.write(text)) await once(stream, 'drain');
}

/** Messages for the person at the terminal, kept off stdout so the data stays pipeable. */
export function note(message: string): void {
  process.stderr.write(`${message}\n`);
}
