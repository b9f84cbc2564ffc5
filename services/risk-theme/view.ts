import { z } from 'zod';
import { isoDate } from '../../schema/values.ts';

const line = z.string().min(1);

export const riskThemeStatus = z.enum(['Open', 'Retired']);
export type RiskThemeStatus = z.infer<typeof riskThemeStatus>;

/** A key: the slug of the theme as first raised ("top-risks-to-the-code-workstream"). */
export const riskThemeKey = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be a slug such as top-risks-to-the-code-workstream');

/** One row of the pack's "Top Programme Risks related to CCAG" theme table. */
export const riskThemeViewSchema = z.strictObject({
  id: z.string(),
  key: riskThemeKey,
  theme: line,
  summary: line,
  /** "Mitigation Approach Overview" bullets. */
  mitigationApproach: z.array(line),
  status: riskThemeStatus,
  raisedOn: isoDate,
  retiredOn: isoDate.nullable(),
});
export type RiskThemeView = z.infer<typeof riskThemeViewSchema>;
