import type { CommandsOf } from '../core/decider.ts';
import { z } from 'zod';
import type { RegisterRules } from '../../schema/rules.ts';
import { slugify } from '../../schema/ids.ts';
import { freeTextTypes } from '../../schema/values.ts';
import { correctionInput } from '../core/corrections.ts';
import { day, evenWhenOtherFieldsFail, optionalInput } from '../core/input-checks.ts';
import { riskThemeKey } from './view.ts';

const approach = (rules: RegisterRules) => z.array(freeTextTypes(rules.textLimits).text);

/** Later commands name the theme by its key, or by its theme text as first raised. */
const keyInput = (rules: RegisterRules) => freeTextTypes(rules.textLimits).title.transform(slugify).pipe(riskThemeKey);

/** The key is the slug of the theme, so the theme needs a letter or digit. */
export const raiseRiskThemeSchema = (rules: RegisterRules) => {
  const text = freeTextTypes(rules.textLimits);
  return z
    .strictObject({ theme: text.title, summary: text.text, mitigationApproach: approach(rules), raisedOn: day })
    .superRefine((data: { theme?: unknown }, ctx) => {
      const theme = data.theme;
      if (typeof theme === 'string' && theme.trim() !== '' && slugify(theme) === '') {
        ctx.addIssue({ code: 'custom', path: ['theme'], message: 'needs a letter or digit' });
      }
    }, evenWhenOtherFieldsFail)
    .transform((data) => ({ key: slugify(data.theme), ...data }));
};

export const reviseRiskThemeSchema = (rules: RegisterRules) =>
  z.strictObject({
    key: keyInput(rules),
    summary: optionalInput(freeTextTypes(rules.textLimits).text),
    mitigationApproach: optionalInput(approach(rules)),
  });

export const retireRiskThemeSchema = (rules: RegisterRules) => z.strictObject({ key: keyInput(rules), on: day });

export const correctRiskThemeSchema = (rules: RegisterRules) =>
  z.strictObject({
    key: keyInput(rules),
    ...correctionInput(rules, {
      theme: optionalInput(freeTextTypes(rules.textLimits).title),
      summary: optionalInput(freeTextTypes(rules.textLimits).text),
      mitigationApproach: optionalInput(approach(rules)),
      raisedOn: optionalInput(day),
    }),
  });

export const riskThemeCommandSchemas = {
  RaiseRiskTheme: raiseRiskThemeSchema,
  ReviseRiskTheme: reviseRiskThemeSchema,
  RetireRiskTheme: retireRiskThemeSchema,
  CorrectRiskTheme: correctRiskThemeSchema,
} satisfies Record<string, (rules: RegisterRules) => z.ZodType>;

export type RiskThemeCommand = CommandsOf<typeof riskThemeCommandSchemas>;
