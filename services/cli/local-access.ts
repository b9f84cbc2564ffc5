import type { Caller } from '../access.ts';
import type { Register } from '../register.ts';
import { rehearseBatch } from '../rehearsal.ts';
import { meetingId } from '../../schema/ids.ts';
import { buildExport } from './export/documents.ts';
import { buildMovementReport } from './report/movement-report.ts';
import { renderReport } from './report/render.ts';
import type { RegisterAccess } from './register-access.ts';
import { buildPack } from '../pack/pack.ts';

/** The register opened in this process, on the store itself: what an operator uses. */
export function localAccess(register: Register, caller: Caller, where: string): RegisterAccess {
  return {
    where,
    rules: async () => register.rules,
    exportRegister: async (request) => buildExport(register, request),
    registerAt: async (at, kinds) => {
      const point = register.itemsAt.resolve(at);
      // Before the first event the register holds nothing (and the read model has no version to read).
      const items = new Map(kinds.map((kind) => [kind, point.seq === 0 ? [] : register.itemsAt.items(kind, point.seq)]));
      return { position: point.position, recordedAt: point.recordedAt, items: (kind) => items.get(kind) ?? [] };
    },
    movementReport: async ({ from, to, format }) => renderReport(await buildMovementReport(register, from, to), format),
    rehearse: (commands) => rehearseBatch(register, commands, caller),
    async write({ kind, command, input, options }) {
      const { result, position } = await register.execute(kind, command, input, caller, options);
      return { replayed: result.replayed, events: result.events.length, changed: result.events.length > 0, position };
    },
    pack: (request) => buildPack(register, request),
    meetingHeldOn: async (number) => {
      const view = register.itemsAt.item(meetingId(number))?.view;
      return view?.['status'] === 'Held' && typeof view['heldOn'] === 'string' ? view['heldOn'] : undefined;
    },
  };
}
