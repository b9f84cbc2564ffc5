import { join } from 'node:path';
import type { ItemKind } from '../../core/decider.ts';
import type { Register } from '../../register.ts';
import type { Point, ResolvedPoint } from '../../../projections/register/queries.ts';
import { UsageError } from '../exit-codes.ts';
import { csvColumns, csvRow, jsonItem } from '../export/flatten.ts';
import { writeCsv } from '../csv.ts';
import { parseKinds } from '../kinds.ts';
import { createRegisterItems } from '../../items.ts';
import { note, writeDocument } from '../output.ts';
import { parsePointArgument } from '../points.ts';
import { loadCliConfig, withRegister, type GlobalOptions } from '../session.ts';

export interface ExportOptions {
  readonly format: 'csv' | 'json';
  readonly at?: string;
  readonly kind?: string[];
  readonly out?: string;
}

export async function runExport(options: ExportOptions, globals: GlobalOptions): Promise<void> {
  const config = loadCliConfig(globals);
  const point = parsePointArgument(options.at ?? 'now', '--at');
  const registerItems = createRegisterItems();
  const kinds = parseKinds(registerItems, options.kind) ?? [...registerItems.kinds];
  if (options.format === 'csv' && kinds.length > 1 && options.out === undefined) {
    throw new UsageError('CSV of several kinds is one file per kind: give --out DIRECTORY, or one --kind');
  }
  await withRegister(config, async (register) => {
    const at = register.itemsAt.resolve(point);
    if (options.format === 'json') {
      await writeDocument(`${JSON.stringify(jsonExport(register, point, at, kinds), null, 2)}\n`, options.out);
      return;
    }
    for (const kind of kinds) {
      const out = kinds.length > 1 ? join(options.out!, `${register.items.presenterOf(kind).names.file}.csv`) : options.out;
      await writeDocument(csvExport(register, kind, at), out);
      if (out !== undefined) note(`wrote ${out}`);
    }
  });
}

function jsonExport(register: Register, point: Point | undefined, at: ResolvedPoint, kinds: readonly ItemKind[]) {
  return {
    at: {
      requested: point ?? 'now',
      position: at.position,
      recordedAt: at.recordedAt,
      ...(at.meeting !== undefined ? { meeting: at.meeting } : {}),
    },
    items: Object.fromEntries(
      kinds.map((kind) => {
        const module = register.items.moduleOf(kind);
        return [kind, register.itemsAt.items(kind, at.seq).map((item) => jsonItem(module, item, register.rules))];
      }),
    ),
  };
}

/** One kind's CSV at a point: the header from its presenter, one row per item. */
export function csvExport(register: Register, kind: ItemKind, at: ResolvedPoint): string {
  const module = register.items.moduleOf(kind);
  const rows = register.itemsAt.items(kind, at.seq).map((item) => csvRow(module, item, register.rules));
  return writeCsv(rows, { header: true, columns: csvColumns(module) });
}
