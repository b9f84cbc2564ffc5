import { z } from 'zod';
import type { EventDefinition, EventsOf } from '../../../services/core/decider.ts';
import { isoDate } from '../../../schema/values.ts';
import { decisionRef, decisionStatus } from './commands.ts';

const decisionEventData = {
  DecisionRaised: z.strictObject({ ref: decisionRef, text: z.string().min(1), raisedOn: isoDate }),
  DecisionStatusChanged: z.strictObject({ from: decisionStatus, to: decisionStatus }),
};

export type DecisionEvent = EventsOf<typeof decisionEventData>;

export const decisionEventDefinitions: EventDefinition[] = Object.entries(decisionEventData).map(([type, schema]) => ({
  type,
  schema,
  version: 1,
}));
