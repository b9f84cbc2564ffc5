import { requirePackBuilder } from '../access.ts';
import { buildPack, isTextFormat, packFormats, type PackFormat } from '../pack/pack.ts';
import { ValidationError } from '../core/errors.ts';
import type { ApiContext } from './context.ts';
import { guard } from './guard.ts';

type PackFormatEnum = 'HTML' | 'PPTX' | 'MD' | 'PDF';

/** The meeting pack, built on request: text formats as UTF-8, the others base64. */
export const packQueries = {
  pack: guard(
    async (_root: unknown, args: { meeting: number; format: PackFormatEnum; unverified?: boolean | null }, context: ApiContext) => {
      requirePackBuilder(context.caller());
      if (!Number.isInteger(args.meeting) || args.meeting < 1) {
        throw new ValidationError([{ path: ['meeting'], message: 'must be a meeting number such as 36' }]);
      }
      const format = args.format.toLowerCase() as PackFormat;
      if (!packFormats.includes(format)) throw new ValidationError([{ path: ['format'], message: `unknown format ${args.format}` }]);
      const pack = await buildPack(context.register, { meeting: args.meeting, format, unverified: args.unverified ?? false });
      const text = isTextFormat(format);
      return {
        ...pack,
        format: args.format,
        encoding: text ? 'utf8' : 'base64',
        content: pack.content.toString(text ? 'utf8' : 'base64'),
      };
    },
  ),
};
