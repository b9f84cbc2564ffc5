import { z } from 'zod';
import { eventDefinitions, type EventsOf } from '../core/decider.ts';
import { isoDate } from '../../schema/values.ts';
import { riskThemeKey } from './view.ts';

const line = z.string().min(1);

export const riskThemeRaisedData = z.strictObject({
  key: riskThemeKey,
  theme: line,
  summary: line,
  mitigationApproach: z.array(line),
  raisedOn: isoDate,
});

/** Only what changed. */
export const riskThemeRevisedData = z.strictObject({ summary: line.optional(), mitigationApproach: z.array(line).optional() });

export const riskThemeRetiredData = z.strictObject({ on: isoDate });

export const riskThemeCorrectedData = z.strictObject({
  fields: riskThemeRevisedData.extend({ theme: line.optional(), raisedOn: isoDate.optional() }),
  reason: line,
});

const riskThemeEventData = {
  RiskThemeRaised: riskThemeRaisedData,
  RiskThemeRevised: riskThemeRevisedData,
  RiskThemeRetired: riskThemeRetiredData,
  RiskThemeCorrected: riskThemeCorrectedData,
} as const;

export type RiskThemeEvent = EventsOf<typeof riskThemeEventData>;

export const riskThemeEventDefinitions = eventDefinitions(riskThemeEventData, 'RiskThemeCorrected');
