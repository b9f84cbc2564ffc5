import type { CommandsOf } from '../core/decider.ts';
import { z } from 'zod';
import type { RegisterRules } from '../../schema/rules.ts';
import { freeTextTypes } from '../../schema/values.ts';
import { correctionInput } from '../core/corrections.ts';
import { optionalInput, workstreamInput } from '../core/input-checks.ts';
import { meetingNumber } from '../meeting/view.ts';
import { ragStatus } from './view.ts';

const bullets = (rules: RegisterRules) => z.array(freeTextTypes(rules.textLimits).text);

/** "green" is Green: the pack's colour names, in any case. */
const ragInput = z.preprocess(
  (value) => (typeof value === 'string' ? (ragStatus.options.find((r) => r.toLowerCase() === value.trim().toLowerCase()) ?? value) : value),
  ragStatus,
);

/** Every command names the report by its meeting and workstream. */
const reportKey = (rules: RegisterRules) => ({ meeting: meetingNumber, workstream: workstreamInput(rules) });

const texts = (rules: RegisterRules) => ({
  overallStatus: bullets(rules),
  monthlySummary: bullets(rules),
  nextMonthDeliverables: bullets(rules),
});

export const submitWorkstreamReportSchema = (rules: RegisterRules) =>
  z.strictObject({ ...reportKey(rules), rag: ragInput, ...texts(rules) });

export const reportWorkstreamStatusSchema = (rules: RegisterRules) => z.strictObject({ ...reportKey(rules), rag: ragInput });

/** Revises the texts given; those left out stay as they are. */
export const reviseWorkstreamReportSchema = (rules: RegisterRules) => {
  const { overallStatus, monthlySummary, nextMonthDeliverables } = texts(rules);
  return z.strictObject({
    ...reportKey(rules),
    overallStatus: optionalInput(overallStatus),
    monthlySummary: optionalInput(monthlySummary),
    nextMonthDeliverables: optionalInput(nextMonthDeliverables),
  });
};

export const correctWorkstreamReportSchema = (rules: RegisterRules) => {
  const { overallStatus, monthlySummary, nextMonthDeliverables } = texts(rules);
  return z.strictObject({
    ...reportKey(rules),
    ...correctionInput(rules, {
      rag: optionalInput(ragInput),
      overallStatus: optionalInput(overallStatus),
      monthlySummary: optionalInput(monthlySummary),
      nextMonthDeliverables: optionalInput(nextMonthDeliverables),
    }),
  });
};

export const workstreamReportCommandSchemas = {
  SubmitWorkstreamReport: submitWorkstreamReportSchema,
  ReportWorkstreamStatus: reportWorkstreamStatusSchema,
  ReviseWorkstreamReport: reviseWorkstreamReportSchema,
  CorrectWorkstreamReport: correctWorkstreamReportSchema,
} satisfies Record<string, (rules: RegisterRules) => z.ZodType>;

export type WorkstreamReportCommand = CommandsOf<typeof workstreamReportCommandSchemas>;
