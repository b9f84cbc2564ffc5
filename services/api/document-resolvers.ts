import { isRegisterError, ValidationError } from '../core/errors.ts';
import type { ItemKind } from '../core/decider.ts';
import { requireReader, requireWriter } from '../access.ts';
import { kindOfCommand, rehearseBatch } from '../rehearsal.ts';
import type { WriteOptions } from '../register.ts';
import type { Point } from '../../projections/register/queries.ts';
import { buildExport } from '../cli/export/documents.ts';
import { buildMovementReport } from '../cli/report/movement-report.ts';
import { renderReport, reportMediaType, type ReportFormat } from '../cli/report/render.ts';
import type { ApiContext } from './context.ts';
import { guard, refusalOf } from './guard.ts';
import type { PointInput } from './points.ts';

/**
 * The documents the CLI writes (exports, movement reports) and the rehearsal an import runs
 * before it writes, served by the same code `ccag` runs on a store, so a person on a laptop
 * gets the same bytes and the same refusals over the API without access to the store.
 */
export const documentQueries = {
  registerExport: guard(
    (_root: unknown, args: { format: 'CSV' | 'JSON'; at?: PointInput | null; kinds?: readonly string[] | null }, context: ApiContext) => {
      requireReader(context.caller(), context.config.openReads);
      const { items } = context.register;
      const kinds: ItemKind[] = args.kinds
        ? items.modules.filter((m) => args.kinds!.includes(m.presenter.graphql.kindEnum)).map((m) => m.kind)
        : [...items.kinds];
      const format = args.format === 'CSV' ? 'csv' : 'json';
      return buildExport(context.register, { format, at: recordedPoint(args.at, 'at'), kinds });
    },
  ),
  movementReport: guard(
    async (_root: unknown, args: { from: PointInput; to?: PointInput | null; format: Uppercase<ReportFormat> }, context: ApiContext) => {
      requireReader(context.caller(), context.config.openReads);
      const format = args.format.toLowerCase() as ReportFormat;
      const report = await buildMovementReport(context.register, recordedPoint(args.from, 'from'), recordedPoint(args.to, 'to'));
      return { mediaType: reportMediaType[format], content: renderReport(report, format) };
    },
  ),
  rehearsal: guard(
    async (
      _root: unknown,
      args: { commands: readonly { command: string; input: unknown; options?: WriteOptions | null }[] },
      context: ApiContext,
    ) => {
      const caller = context.caller();
      requireWriter(caller);
      const batch = args.commands.map(({ command, input, options }, index) => ({
        kind: kindOfCommand(context.register, command, ['commands', index, 'command']),
        command,
        input,
        options: options ?? {},
      }));
      const verdicts = await rehearseBatch(context.register, batch, caller);
      return verdicts.map(({ replayed, events, refusal }, index) => ({
        index,
        replayed,
        events,
        refusal: refusal && isRegisterError(refusal) ? refusalOf(refusal) : null,
      }));
    },
  ),
};

/** A recorded point (meeting, time or position); documents are of what the register was told, not of effective dates. */
function recordedPoint(input: PointInput | null | undefined, path: string): Point | undefined {
  if (input === null || input === undefined) return undefined;
  if (input.effective !== null && input.effective !== undefined) {
    throw new ValidationError([
      { path: [path, 'effective'], message: 'documents are written at recorded points: give meeting, time or position' },
    ]);
  }
  const given = (['meeting', 'time', 'position'] as const).filter((k) => input[k] !== null && input[k] !== undefined);
  if (given.length !== 1) throw new ValidationError([{ path: [path], message: 'give one of meeting, time or position' }]);
  const key = given[0]!;
  return { [key]: input[key] } as Point;
}
