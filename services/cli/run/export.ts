import { join } from 'node:path';
import { UsageError } from '../exit-codes.ts';
import type { ExportFile } from '../export/documents.ts';
import { parseKinds } from '../kinds.ts';
import { createRegisterItems } from '../../items.ts';
import { note, writeDocument } from '../output.ts';
import { parsePointArgument } from '../points.ts';
import { withRegisterAccess, type GlobalOptions } from '../session.ts';
import type { ItemKind } from '../../core/decider.ts';
import type { Point } from '../../../projections/register/queries.ts';

export { csvExport } from '../export/documents.ts';

export interface ExportOptions {
  readonly format: 'csv' | 'json' | 'xlsx';
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
  if (options.format === 'xlsx') {
    await exportWorkbookFile(options, globals, point, kinds);
    return;
  }
  const format = options.format;
  await withRegisterAccess(globals, async (access) => {
    const { files } = await access.exportRegister({ format, at: point, kinds });
    // One file goes to --out (or stdout); several go into the --out directory under their own names.
    for (const file of files) {
      const out = files.length > 1 ? join(options.out!, file.fileName) : options.out;
      await writeDocument(contentOf(file), out);
      if (out !== undefined && options.format === 'csv') note(`wrote ${out}`);
    }
  });
}

/** The workbook is written here from the register at the point, read through the port: the same cells from the store or over the API. */
async function exportWorkbookFile(
  options: ExportOptions,
  globals: GlobalOptions,
  point: Point | undefined,
  kinds: readonly ItemKind[],
): Promise<void> {
  if (options.out === undefined && process.stdout.isTTY) {
    throw new UsageError('a workbook is not for the terminal: give --out FILE.xlsx (or redirect stdout)');
  }
  await withRegisterAccess(globals, async (access) => {
    const at = await access.registerAt(point, kinds);
    // ExcelJS is loaded only for a workbook.
    const { exportWorkbook } = await import('../../spreadsheet/export.ts');
    const workbook = await exportWorkbook(createRegisterItems(), await access.rules(), at, options.at ?? 'now', kinds);
    await writeDocument(workbook, options.out);
    if (options.out !== undefined)
      note(`wrote ${options.out} (the register at ${at.position === null ? 'the empty log' : `log position ${at.position}`})`);
  });
}

function contentOf(file: ExportFile): string | Buffer {
  return file.encoding === 'base64' ? Buffer.from(file.content, 'base64') : file.content;
}
