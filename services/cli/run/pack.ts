import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { buildPack, isTextFormat, type PackFormat } from '../../pack/pack.ts';
import { CheckFailed, UsageError } from '../exit-codes.ts';
import { note, writeDocument } from '../output.ts';
import { loadCliConfig, withRegister, type GlobalOptions } from '../session.ts';
import { catchUpNamingBadEvents } from './verify.ts';
import { IntegrityError } from '../../core/errors.ts';

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
  const config = loadCliConfig(globals);
  await withRegister(
    config,
    async (register, internals) => {
      await catchUpNamingBadEvents(internals);
      let pack;
      try {
        pack = await buildPack(register, { meeting, format: options.format, unverified: options.unverified });
      } catch (error) {
        if (error instanceof IntegrityError) throw new CheckFailed(error.message);
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
    { readModel: false },
  );
}
