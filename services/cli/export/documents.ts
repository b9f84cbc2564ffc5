import type { ItemKind } from '../../core/decider.ts';
import type { Register } from '../../register.ts';
import type { Point, ResolvedPoint } from '../../../projections/register/queries.ts';
import { writeCsv } from '../csv.ts';
import { csvColumns, csvRow, jsonItem } from './flatten.ts';

export type ExportFormat = 'csv' | 'json';

export interface ExportRequest {
  readonly format: ExportFormat;
  readonly at: Point | undefined;
  readonly kinds: readonly ItemKind[];
}

/** One file of an export: text as UTF-8, or bytes as base64 (a workbook). */
export interface ExportFile {
  readonly fileName: string;
  readonly mediaType: string;
  readonly encoding: 'utf8' | 'base64';
  readonly content: string;
}

export interface RegisterExport {
  /** The log position the export was read at (null: before the first event). */
  readonly position: string | null;
  readonly files: readonly ExportFile[];
}

/**
 * The register at a point as files: JSON is one document, CSV one file per kind. The CLI
 * writes them from its own store or from the API's `registerExport`, which runs this same
 * code on the server, so both give the same bytes.
 */
export function buildExport(register: Register, request: ExportRequest): RegisterExport {
  const at = register.itemsAt.resolve(request.at);
  if (request.format === 'json') {
    const content = `${JSON.stringify(jsonExport(register, request.at, at, request.kinds), null, 2)}\n`;
    return { position: at.position, files: [{ fileName: 'register.json', mediaType: 'application/json', encoding: 'utf8', content }] };
  }
  return {
    position: at.position,
    files: request.kinds.map((kind) => ({
      fileName: `${register.items.presenterOf(kind).names.file}.csv`,
      mediaType: 'text/csv',
      encoding: 'utf8' as const,
      content: csvExport(register, kind, at),
    })),
  };
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
