import { meetingId } from '../../../schema/ids.ts';
import type { RegisterRules } from '../../../schema/rules.ts';
import type { ExportFile } from '../export/documents.ts';
import type { ItemRegistry } from '../../core/registry.ts';
import type { BatchCommand, RehearsalVerdict } from '../../rehearsal.ts';
import type { RegisterAccess } from '../register-access.ts';
import type { PackFile } from '../../pack/pack.ts';
import { RemoteFailure, ServerRefusal, errorFromServer } from './errors.ts';
import type { GraphqlClient } from './client.ts';
import { operations, writeOperation } from './operations.ts';
import { rulesOfVocabulary, snapshotOfExport } from './snapshot.ts';

export interface Viewer {
  readonly principal: string;
  readonly role: string;
  readonly codeBodies: readonly string[];
}

/** The write options the API takes; the actor is never one of them: the server takes it from the token. */
const writeOptionKeys = ['expectedVersion', 'idempotencyKey', 'reason', 'effectiveAt'] as const;

/** A command as the variables of its mutation. */
export function variablesOf({ input, options }: BatchCommand): { input: unknown; options: Record<string, unknown> } {
  const given = options as Record<string, unknown>;
  return { input, options: Object.fromEntries(writeOptionKeys.filter((k) => given[k] !== undefined).map((k) => [k, given[k]])) };
}

/** Asks the register who the token speaks for; a token nobody issued is refused here, before anything else is sent. */
export function whoAmI(client: GraphqlClient): Promise<Viewer> {
  return client.request<{ viewer: Viewer }>(operations.viewer).then((data) => data.viewer);
}

/**
 * A running register over its GraphQL API: what a person at a laptop uses, with no access to
 * the store. The server renders exports and reports with the code `ccag` runs on a store,
 * judges an import's rows with the same rehearsal, and records the token's principal as the
 * actor of every write.
 */
export function remoteAccess(client: GraphqlClient, viewer: Viewer, items: ItemRegistry): RegisterAccess {
  let rules: Promise<RegisterRules> | undefined;
  const exportRegister: RegisterAccess['exportRegister'] = async ({ format, at, kinds }) => {
    const data = await client.request<{ registerExport: Awaited<ReturnType<RegisterAccess['exportRegister']>> }>(
      operations.registerExport,
      { format: format.toUpperCase(), at: at ?? null, kinds: kinds.map((kind) => items.presenterOf(kind).graphql.kindEnum) },
    );
    return data.registerExport;
  };
  return {
    where: `${client.origin} as ${viewer.principal}`,
    // Asked once, and only by the commands that need them (a workbook's choices and bands are the server's).
    rules: () =>
      (rules ??= client
        .request<{ vocabulary: unknown }>(operations.vocabulary)
        .then(({ vocabulary }) => rulesOfVocabulary(vocabulary, client.origin))),
    exportRegister,
    async registerAt(at, kinds) {
      const { files } = await exportRegister({ format: 'json', at, kinds });
      const file: ExportFile | undefined = files[0];
      if (files.length !== 1 || file?.encoding !== 'utf8') {
        throw new RemoteFailure(`${client.origin} answered a JSON export that is not one document`, 'UNREADABLE_ANSWER');
      }
      return snapshotOfExport(file.content, items, kinds, client.origin);
    },
    async movementReport({ from, to, format }) {
      const data = await client.request<{ movementReport: { content: string } }>(operations.movementReport, {
        from: from ?? {},
        to: to ?? null,
        format: format.toUpperCase(),
      });
      return data.movementReport.content;
    },
    async rehearse(commands) {
      // GraphQL's own type check first, on this side: a row the mutation could not even carry is refused before anything is sent.
      const unsendable = commands.map((command) => writeOperation(items, command.kind, command.command).check(variablesOf(command)));
      const data = await client.request<{
        rehearsal: {
          index: number;
          replayed: boolean;
          events: number;
          refusal: { code: string; message: string; details: Record<string, unknown> } | null;
        }[];
      }>(operations.rehearsal, {
        commands: commands.map((command) => ({ command: command.command, ...variablesOf(command) })),
      });
      return data.rehearsal.map(({ index, replayed, events, refusal }): RehearsalVerdict => {
        const typeErrors = unsendable[index] ?? [];
        if (typeErrors.length > 0)
          return { replayed: false, events: 0, refusal: new ServerRefusal('BAD_USER_INPUT', typeErrors.join('; '), {}) };
        if (!refusal) return { replayed, events };
        return { replayed, events, refusal: errorFromServer(refusal.code, refusal.message, { code: refusal.code, ...refusal.details }) };
      });
    },
    async write(command) {
      const operation = writeOperation(items, command.kind, command.command);
      const data = await client.request<Record<string, { position: string | null; changed: boolean; replayed: boolean }>>(
        operation.document,
        variablesOf(command),
      );
      const answer = data[operation.mutation]!;
      return { replayed: answer.replayed, changed: answer.changed, events: undefined, position: answer.position };
    },
    async pack({ meeting, format, unverified }) {
      const { pack } = await client.request<{ pack: Omit<PackFile, 'content' | 'format'> & { encoding: string; content: string } }>(
        operations.pack,
        { meeting, format: format.toUpperCase(), unverified },
      );
      const content = Buffer.from(pack.content, pack.encoding === 'base64' ? 'base64' : 'utf8');
      return { ...pack, format, content };
    },
    async meetingHeldOn(number) {
      const data = await client.request<{ meeting: { status: string; heldOn: string | null } | null }>(operations.meeting, {
        id: meetingId(number),
      });
      return data.meeting?.status === 'Held' ? (data.meeting.heldOn ?? undefined) : undefined;
    },
  };
}
