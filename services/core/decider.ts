import type { z } from 'zod';
import type { SignedTreeHead } from '../transparency/tree-head.ts';
import type { RegisterRules } from '../../schema/rules.ts';
import type { ItemPresenter } from './presenter.ts';

/** A fact in the register's words: `RiskScoreAssessed`, `MilestoneRebaselined`, ... */
export interface DomainEvent<Type extends string = string, Data = unknown> {
  readonly type: Type;
  readonly data: Data;
}

export interface DomainCommand<Type extends string = string, Data = unknown> {
  readonly type: Type;
  readonly data: Data;
}

/**
 * Pure decision logic of one item. No clock, no random ids, no I/O: everything the
 * decision needs arrives in the command or the state. `decide` throws a RegisterError
 * (InvalidTransitionError, NotFoundError, ValidationError) to reject a command, and may
 * return no events when the command changes nothing.
 */
export interface Decider<Command, Event, State> {
  initialState(): State;
  evolve(state: State, event: Event): State;
  decide(command: Command, state: State): readonly Event[];
}

/** How one event type is stored: its current schema, and how older versions are upcast. */
export interface EventDefinition {
  readonly type: string;
  /** Schema version written now; stored events of older versions are upcast on read. */
  readonly version: number;
  /** Validates the data of the current version. */
  readonly schema: z.ZodType;
  /** upcasters[n] turns version-n data into version n+1 data. */
  readonly upcasters?: Readonly<Record<number, (data: unknown) => unknown>>;
  /** A `...Corrected` event: fixes a data-entry mistake; never counted as movement. */
  readonly correction?: boolean;
}

/** A kind of item (`changeProposal`, `risk`, ...): whatever the registry's modules name themselves. */
export type ItemKind = string;

/** Builds a command's schema from the configured vocabulary. */
export type CommandSchemaFactory = (rules: RegisterRules) => z.ZodType;

/** What a module may ask of the application service before its decider sees a command. */
export interface CommandServices {
  /** The log's head, verified, and the signed tree head of the log up to it (its root is the digest): the freeze of a meeting's pack. */
  logDigest(): Promise<{ readonly boundaryPosition: string; readonly digest: string; readonly treeHead: SignedTreeHead }>;
  /** True when the log holds a stream of that name (read from the store, not the read model). */
  streamExists(stream: string): Promise<boolean>;
  /** The views of every item of a kind as the register shows them now. */
  viewsOf(kind: ItemKind): readonly Record<string, unknown>[];
}

/**
 * Everything the shared plumbing (command handler, projections, API) needs to know
 * about one kind of item. `View` is the item as the register shows it: plain JSON.
 */
export interface ItemModule<
  Command extends DomainCommand = DomainCommand,
  Event extends DomainEvent = DomainEvent,
  State = unknown,
  View extends Record<string, unknown> = Record<string, unknown>,
> {
  readonly kind: ItemKind;
  readonly decider: Decider<Command, Event, State>;
  readonly events: readonly EventDefinition[];
  /** The stream a command writes to. */
  streamOf(command: Command): string;
  /** The item a command acts on, when it is not the stream (meetings share one stream). */
  itemIdOfCommand?(command: Command): string;
  /** The item an event belongs to (its stable, readable id, e.g. `risk:R920`). */
  itemIdOf(stream: string, event: Event): string;
  /** The read side: the item's view after `event`, from its view before (null: absent). */
  evolveView(view: View | null, event: Event): View;
  /** Prefix of the item ids (`cp` in `cp:REC:R0209`). */
  readonly idPrefix: string;
  /** The input schema of every command, by command type. */
  readonly commands: Readonly<Record<string, CommandSchemaFactory>>;
  /** GraphQL mutation name -> command type: the API builds one resolver per entry. */
  readonly mutations: Readonly<Record<string, string>>;
  /**
   * Completes parsed input with what only the application service knows (a meeting's
   * boundary and digest) before the decider sees it; by command type.
   */
  readonly completeCommand?: Readonly<
    Record<string, (data: Readonly<Record<string, unknown>>, services: CommandServices) => Promise<Record<string, unknown>>>
  >;
  /** Fields of each command (by type) that list change proposal ids; the register checks each names one in the log. */
  readonly references?: Readonly<Record<string, readonly string[]>>;
  /** How the read side shows the item. */
  readonly presenter: ItemPresenter<View>;
}

/** The event union of a slice, from its record of data schemas: `{ type: 'RiskRaised'; data: ... } | ...`. */
export type EventsOf<DataSchemas extends Record<string, z.ZodType>> = {
  [T in keyof DataSchemas & string]: { type: T; data: z.infer<DataSchemas[T]> };
}[keyof DataSchemas & string];

/** The command union of a slice, from its record of command schema factories. */
export type CommandsOf<Factories extends Record<string, (rules: never) => z.ZodType>> = {
  [T in keyof Factories & string]: { type: T; data: z.infer<ReturnType<Factories[T]>> };
}[keyof Factories & string];

/**
 * A slice's event definitions: one per data schema, at version 1 unless `evolved` says
 * otherwise (with its upcasters), and its `...Corrected` event marked as a correction.
 */
export function eventDefinitions(
  dataSchemas: Record<string, z.ZodType>,
  correctionType: string,
  evolved: Record<string, Pick<EventDefinition, 'version' | 'upcasters'>> = {},
): EventDefinition[] {
  if (!(correctionType in dataSchemas)) throw new Error(`${correctionType} is not one of the slice's events`);
  return Object.entries(dataSchemas).map(([type, schema]) => ({
    type,
    schema,
    version: 1,
    ...evolved[type],
    ...(type === correctionType ? { correction: true } : {}),
  }));
}
