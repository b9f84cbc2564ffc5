import { join } from 'node:path';
import { UsageError } from '../exit-codes.ts';
import type { ExportFile } from '../export/documents.ts';
import { parseKinds } from '../kinds.ts';
import { createRegisterItems } from '../../items.ts';
import { note, writeDocument } from '../output.ts';
import { parsePointArgument } from '../points.ts';
import { chooseAccess, loadCliConfig, withRegister, withRegisterAccess, type GlobalOptions } from '../session.ts';
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

/** The workbook is read from the store itself: its origin tab records the store's identity and the log position. */
async function exportWorkbookFile(
  options: ExportOptions,
  globals: GlobalOptions,
  point: Point | undefined,
  kinds: readonly ItemKind[],
): Promise<void> {
  if (chooseAccess(globals).mode === 'server') {
    throw new UsageError('--format xlsx reads the store itself (--data-dir / DATA_DIR); over --server, export csv or json');
  }
  if (options.out === undefined && process.stdout.isTTY) {
    throw new UsageError('a workbook is not for the terminal: give --out FILE.xlsx (or redirect stdout)');
  }
  await withRegister(loadCliConfig(globals), async (register, internals) => {
    const at = register.itemsAt.resolve(point);
    // ExcelJS is loaded only for a workbook.
    const { exportWorkbook } = await import('../../spreadsheet/export.ts');
    const workbook = await exportWorkbook(register, at, options.at ?? 'now', await internals.store.identity(), kinds);
    await writeDocument(workbook, options.out);
    if (options.out !== undefined)
      note(`wrote ${options.out} (the register at ${at.position === null ? 'the empty log' : `log position ${at.position}`})`);
  });
}

function contentOf(file: ExportFile): string | Buffer {
  return file.encoding === 'base64' ? Buffer.from(file.content, 'base64') : file.content;
}
