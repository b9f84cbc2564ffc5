import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { isTextFormat, type PackFormat } from '../../pack/pack.ts';
import { CheckFailed, UsageError } from '../exit-codes.ts';
import { note, writeDocument } from '../output.ts';
import { withRegisterAccess, type GlobalOptions } from '../session.ts';
import { catchUpNamingBadEvents } from './verify.ts';
import { isRegisterError } from '../../core/errors.ts';

export interface PackOptions {
  readonly meeting: string;
  readonly format: PackFormat;
  readonly out?: string;
  readonly unverified: boolean;
}

function meetingNumber(text: string): number {
  if (!/^\d{1,6}$/.test(text.trim()) || Number(text) < 1) throw new UsageError(`--meeting: "${text}" is not a meeting number such as 36`);
  return Number(text);
}

export async function runPack(options: PackOptions, globals: GlobalOptions): Promise<void> {
  const meeting = meetingNumber(options.meeting);
  await withRegisterAccess(
    globals,
    async (access) => {
      let pack;
      try {
        pack = await access.pack({ meeting, format: options.format, unverified: options.unverified });
      } catch (error) {
        // On the store and over the API alike: a log that does not verify builds no pack (exit 1).
        if (isRegisterError(error) && error.code === 'INTEGRITY') throw new CheckFailed(error.message);
        throw error;
      }
      if (!pack.verified) note('warning: the event log does not verify; every page of this pack says UNVERIFIED');
      const out = options.out ?? (isTextFormat(options.format) ? undefined : pack.fileName);
      if (out === undefined) await writeDocument(pack.content.toString('utf8'), undefined);
      else {
        mkdirSync(dirname(out), { recursive: true });
        writeFileSync(out, pack.content);
        note(`wrote ${out} (CCAG #${meeting}, boundary position ${pack.boundaryPosition}, digest ${pack.digest})`);
      }
    },
    { catchUp: catchUpNamingBadEvents },
  );
}
