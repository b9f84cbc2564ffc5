import type { DomainEvent, ItemKind, ItemModule } from './decider.ts';
import { EventCatalogue } from './catalogue.ts';

/** The item modules the register runs with, looked up by kind and by event type. */
export interface ItemRegistry {
  readonly modules: readonly ItemModule[];
  readonly catalogue: EventCatalogue;
  moduleOf(kind: ItemKind): ItemModule;
  moduleForEventType(type: string): ItemModule | undefined;
}

export function createItemRegistry(modules: readonly ItemModule[]): ItemRegistry {
  const byKind = new Map<ItemKind, ItemModule>();
  const byEventType = new Map<string, ItemModule>();
  for (const module of modules) {
    byKind.set(module.kind, module);
    for (const def of module.events) byEventType.set(def.type, module);
  }
  const catalogue = new EventCatalogue(modules.flatMap((m) => m.events));
  return {
    modules,
    catalogue,
    moduleOf(kind) {
      const module = byKind.get(kind);
      if (!module) throw new Error(`no item module for ${kind}`);
      return module;
    },
    moduleForEventType: (type) => byEventType.get(type),
  };
}

/** Loosens a typed module to the registry's element type (modules are contravariant in their events). */
export function asItemModule<C extends { type: string; data: unknown }, E extends DomainEvent, S, V extends Record<string, unknown>>(
  module: ItemModule<C, E, S, V>,
): ItemModule {
  return module as unknown as ItemModule;
}
