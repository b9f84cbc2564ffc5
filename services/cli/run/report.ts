import { note, writeDocument } from '../output.ts';
import { parsePointArgument } from '../points.ts';
import { loadCliConfig, withRegister, type GlobalOptions } from '../session.ts';
import { buildMovementReport } from '../report/movement-report.ts';
import { renderReport, type ReportFormat } from '../report/render.ts';

export interface MovementOptions {
  readonly from: string;
  readonly to: string;
  readonly format: ReportFormat;
  readonly out?: string;
}

export async function runMovementReport(options: MovementOptions, globals: GlobalOptions): Promise<void> {
  const config = loadCliConfig(globals);
  const from = parsePointArgument(options.from, '--from');
  const to = parsePointArgument(options.to, '--to');
  await withRegister(config, async (register) => {
    const report = await buildMovementReport(register, from, to);
    await writeDocument(renderReport(report, options.format), options.out);
    if (options.out !== undefined) note(`wrote ${options.out}`);
  });
}
