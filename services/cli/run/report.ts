import { note, writeDocument } from '../output.ts';
import { parsePointArgument } from '../points.ts';
import { withRegisterAccess, type GlobalOptions } from '../session.ts';
import type { ReportFormat } from '../report/render.ts';

export interface MovementOptions {
  readonly from: string;
  readonly to: string;
  readonly format: ReportFormat;
  readonly out?: string;
}

export async function runMovementReport(options: MovementOptions, globals: GlobalOptions): Promise<void> {
  const from = parsePointArgument(options.from, '--from');
  const to = parsePointArgument(options.to, '--to');
  await withRegisterAccess(globals, async (access) => {
    await writeDocument(await access.movementReport({ from, to, format: options.format }), options.out);
    if (options.out !== undefined) note(`wrote ${options.out}`);
  });
}
