import type { CommandSchemaFactory, ItemKind, ItemModule } from './core/decider.ts';
import { asItemModule, createItemRegistry, type ItemRegistry } from './core/registry.ts';
import { changeProposalModule } from './change-proposal/index.ts';
import { milestoneModule } from './milestone/index.ts';
import { riskModule } from './risk/index.ts';
import { actionModule } from './action/index.ts';
import { meetingModule } from './meeting/index.ts';
import { workstreamReportModule } from './workstream-report/index.ts';
import { riskThemeModule } from './risk-theme/index.ts';

/** The register's own kinds of item, in the order the pack shows them. */
export const registerModules: readonly ItemModule[] = [
  asItemModule(changeProposalModule),
  asItemModule(workstreamReportModule),
  asItemModule(milestoneModule),
  asItemModule(riskThemeModule),
  asItemModule(riskModule),
  asItemModule(actionModule),
  asItemModule(meetingModule),
];

export const itemKinds: readonly ItemKind[] = registerModules.map((m) => m.kind);

/** Every command the register accepts, by item kind and command type. */
export const commandSchemas: Readonly<Record<ItemKind, Readonly<Record<string, CommandSchemaFactory>>>> = Object.fromEntries(
  registerModules.map((m) => [m.kind, m.commands]),
);

/** The register's items, and any a caller adds (a test's sixth kind). */
export function createRegisterItems(extra: readonly ItemModule[] = []): ItemRegistry {
  return createItemRegistry([...registerModules, ...extra]);
}
