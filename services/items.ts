import type { z } from 'zod';
import type { ItemKind } from './core/decider.ts';
import { asItemModule, createItemRegistry, type ItemRegistry } from './core/registry.ts';
import type { RegisterRules } from '../schema/rules.ts';
import { changeProposalModule, changeProposalCommandSchemas } from './change-proposal/index.ts';
import { milestoneModule, milestoneCommandSchemas } from './milestone/index.ts';
import { riskModule, riskCommandSchemas } from './risk/index.ts';
import { actionModule, actionCommandSchemas } from './action/index.ts';
import { meetingModule, meetingCommandSchemas } from './meeting/index.ts';

export type CommandSchemaFactory = (rules: RegisterRules) => z.ZodType;

/** Every command the register accepts, by item kind and command type. */
export const commandSchemas: Record<ItemKind, Record<string, CommandSchemaFactory>> = {
  changeProposal: changeProposalCommandSchemas,
  milestone: milestoneCommandSchemas,
  risk: riskCommandSchemas,
  action: actionCommandSchemas,
  meeting: meetingCommandSchemas,
};

export function createRegisterItems(): ItemRegistry {
  return createItemRegistry([
    asItemModule(changeProposalModule),
    asItemModule(milestoneModule),
    asItemModule(riskModule),
    asItemModule(actionModule),
    asItemModule(meetingModule),
  ]);
}
