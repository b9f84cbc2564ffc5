import { join } from 'node:path';
import { UsageError } from '../exit-codes.ts';
import type { ExportFile } from '../export/documents.ts';
import { parseKinds } from '../kinds.ts';
import { createRegisterItems } from '../../items.ts';
import { note, writeDocument } from '../output.ts';
import { parsePointArgument } from '../points.ts';
import { withRegisterAccess, type GlobalOptions } from '../session.ts';

export { csvExport } from '../export/documents.ts';

export interface ExportOptions {
  readonly format: 'csv' | 'json';
  readonly at?: string;
  readonly kind?: string[];
  readonly out?: string;
}

export async function runExport(options: ExportOptions, globals: GlobalOptions): Promise<void> {
  const point = parsePointArgument(options.at ?? 'now', '--at');
  const registerItems = createRegisterItems();
  const kinds = parseKinds(registerItems, options.kind) ?? [...registerItems.kinds];
  if (options.format === 'csv' && kinds.length > 1 && options.out === undefined) {
    throw new UsageError('CSV of several kinds is one file per kind: give --out DIRECTORY, or one --kind');
  }
  await withRegisterAccess(globals, async (access) => {
    const { files } = await access.exportRegister({ format: options.format, at: point, kinds });
    // One file goes to --out (or stdout); several go into the --out directory under their own names.
    for (const file of files) {
      const out = files.length > 1 ? join(options.out!, file.fileName) : options.out;
      await writeDocument(contentOf(file), out);
      if (out !== undefined && options.format === 'csv') note(`wrote ${out}`);
    }
  });
}

function contentOf(file: ExportFile): string | Buffer {
  return file.encoding === 'base64' ? Buffer.from(file.content, 'base64') : file.content;
}
