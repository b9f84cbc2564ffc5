import type { CommandSchemaFactory, DomainEvent, ItemKind, ItemModule } from './decider.ts';
import type { ItemPresenter } from './presenter.ts';
import { EventCatalogue } from './catalogue.ts';

/** The item modules the register runs with, looked up by kind, by event type and by id. */
export interface ItemRegistry {
  readonly modules: readonly ItemModule[];
  readonly kinds: readonly ItemKind[];
  readonly catalogue: EventCatalogue;
  moduleOf(kind: ItemKind): ItemModule;
  moduleForEventType(type: string): ItemModule | undefined;
  presenterOf(kind: ItemKind): ItemPresenter;
  /** The kind of item an id names (`cp:REC:R0209` -> changeProposal), or undefined when it names none. */
  kindOfItemId(id: string): ItemKind | undefined;
  /** The input schema of one command, or undefined when the kind has no such command. */
  commandSchema(kind: ItemKind, commandType: string): CommandSchemaFactory | undefined;
  /** The kind a command type belongs to (command types are unique across the register). */
  kindOfCommand(commandType: string): ItemKind | undefined;
}

export function createItemRegistry(modules: readonly ItemModule[]): ItemRegistry {
  const byKind = new Map<ItemKind, ItemModule>();
  const byEventType = new Map<string, ItemModule>();
  const byPrefix = new Map<string, ItemModule>();
  const byCommand = new Map<string, ItemModule>();
  for (const module of modules) {
    if (byKind.has(module.kind)) throw new Error(`two item modules for ${module.kind}`);
    if (byPrefix.has(module.idPrefix)) throw new Error(`two item modules with id prefix ${module.idPrefix}`);
    byKind.set(module.kind, module);
    byPrefix.set(module.idPrefix, module);
    for (const def of module.events) byEventType.set(def.type, module);
    for (const type of Object.keys(module.commands)) {
      const other = byCommand.get(type);
      if (other) throw new Error(`command ${type} is both ${other.kind}'s and ${module.kind}'s`);
      byCommand.set(type, module);
    }
  }
  const catalogue = new EventCatalogue(modules.flatMap((m) => m.events));
  const moduleOf = (kind: ItemKind): ItemModule => {
    const module = byKind.get(kind);
    if (!module) throw new Error(`no item module for ${kind}`);
    return module;
  };
  return {
    modules,
    kinds: modules.map((m) => m.kind),
    catalogue,
    moduleOf,
    moduleForEventType: (type) => byEventType.get(type),
    presenterOf: (kind) => moduleOf(kind).presenter,
    kindOfItemId: (id) => byPrefix.get(id.split(':', 1)[0] ?? '')?.kind,
    commandSchema: (kind, commandType) => byKind.get(kind)?.commands[commandType],
    kindOfCommand: (commandType) => byCommand.get(commandType)?.kind,
  };
}

/** Loosens a typed module to the registry's element type (modules are contravariant in their events and views). */
export function asItemModule<C extends { type: string; data: unknown }, E extends DomainEvent, S, V extends Record<string, unknown>>(
  module: ItemModule<C, E, S, V>,
): ItemModule {
  return module;
}
