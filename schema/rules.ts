import { z } from 'zod';
import { changeProposalStatus, defaultTextLimits, type TextLimits } from './values.ts';

/**
 * The register's configurable vocabulary: which code bodies and workstreams exist and how
 * risk scores are banded. Defaults come from the CCAG #36 pack; operators may replace them
 * (REGISTER_RULES_FILE), and the whole object is validated at start-up.
 */
export const codeBodySchema = z.object({
  /** Short code used in ids and tokens: `REC`, `DCUSA`, `DIP`. */
  code: z.string().regex(/^[A-Z][A-Z0-9]{1,11}$/, 'must be 2-12 capitals or digits'),
  name: z.string().min(1),
  /** Regular expressions a CP reference of this body must match in full (`^R\d{4}$`). */
  refPatterns: z.array(z.string().min(1)).min(1),
  /** An example reference, used in error messages. */
  example: z.string().min(1),
  /** The change proposal statuses this body's process uses; omitted: every status the register knows. */
  statuses: z.array(z.string().min(1)).min(1).optional(),
});
export type CodeBody = z.infer<typeof codeBodySchema>;

export const workstreamSchema = z.object({
  /** Id used in milestone ids: `REC-M8`. */
  id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9-]{0,31}$/),
  name: z.string().min(1),
  /** The code body that owns the workstream's milestones (editors' scope); null: programme. */
  codeBody: z.string().nullable(),
});
export type Workstream = z.infer<typeof workstreamSchema>;

export const riskBandSchema = z.object({
  name: z.string().min(1),
  min: z.number().int().min(1).max(30),
  max: z.number().int().min(1).max(30),
});
export type RiskBand = z.infer<typeof riskBandSchema>;

export const registerRulesSchema = z
  .object({
    codeBodies: z.array(codeBodySchema).min(1),
    workstreams: z.array(workstreamSchema).min(1),
    riskBands: z.array(riskBandSchema).min(1),
  })
  .superRefine((rules, ctx) => {
    const covered = new Map<number, string>();
    rules.riskBands.forEach((band, i) => {
      if (band.min > band.max) {
        ctx.addIssue({ code: 'custom', path: ['riskBands', i], message: `min ${band.min} is above max ${band.max}` });
      }
      for (let s = band.min; s <= band.max; s++) {
        const other = covered.get(s);
        if (other !== undefined) {
          ctx.addIssue({ code: 'custom', path: ['riskBands', i], message: `score ${s} is already in band ${other}` });
          return;
        }
        covered.set(s, band.name);
      }
    });
    for (let s = 1; s <= 30; s++) {
      if (!covered.has(s)) {
        ctx.addIssue({ code: 'custom', path: ['riskBands'], message: `score ${s} is in no band` });
        break;
      }
    }
    const codes = new Set(rules.codeBodies.map((b) => b.code));
    rules.workstreams.forEach((w, i) => {
      if (w.codeBody !== null && !codes.has(w.codeBody)) {
        ctx.addIssue({ code: 'custom', path: ['workstreams', i, 'codeBody'], message: `unknown code body ${w.codeBody}` });
      }
    });
    rules.codeBodies.forEach((b, i) =>
      b.statuses?.forEach((status, j) => {
        if (!(changeProposalStatus.options as readonly string[]).includes(status)) {
          ctx.addIssue({
            code: 'custom',
            path: ['codeBodies', i, 'statuses', j],
            message: `unknown status ${status}; known: ${changeProposalStatus.options.join(', ')}`,
          });
        }
      }),
    );
    rules.codeBodies.forEach((b, i) =>
      b.refPatterns.forEach((p, j) => {
        try {
          new RegExp(p);
        } catch {
          ctx.addIssue({ code: 'custom', path: ['codeBodies', i, 'refPatterns', j], message: 'not a valid regular expression' });
        }
      }),
    );
  });
/** The vocabulary, and how long each kind of free text may be (set from the environment, not the file). */
export type RegisterRules = z.infer<typeof registerRulesSchema> & { readonly textLimits: TextLimits };

export const defaultRegisterRules: RegisterRules = {
  codeBodies: [
    { code: 'REC', name: 'Retail Energy Code', refPatterns: ['^R\\d{4}$', '^I\\d{4}$'], example: 'R0209' },
    { code: 'BSC', name: 'Balancing and Settlement Code', refPatterns: ['^P\\d{3,4}$', '^I\\d{3}$'], example: 'P478' },
    { code: 'DCUSA', name: 'Distribution Connection and Use of System Agreement', refPatterns: ['^DCP\\d{3,4}$'], example: 'DCP444' },
    { code: 'DIP', name: 'DIP Manager', refPatterns: ['^DCR\\d{4}$'], example: 'DCR0001' },
    { code: 'CUSC', name: 'Connection and Use of System Code (NESO)', refPatterns: ['^CMP\\d{3,4}$'], example: 'CMP434' },
    { code: 'GC', name: 'Grid Code (NESO)', refPatterns: ['^GC\\d{4}$'], example: 'GC0156' },
    { code: 'SEC', name: 'Smart Energy Code', refPatterns: ['^(MP|SECMP)\\d{3,4}[A-Z]?$'], example: 'MP162' },
  ],
  workstreams: [
    { id: 'PROGRAMME', name: 'Programme code workstream', codeBody: null },
    { id: 'OFGEM-M7', name: 'Ofgem M7 delivery', codeBody: null },
    { id: 'REC-M8', name: 'REC M8 milestones', codeBody: 'REC' },
    { id: 'BSC-M8', name: 'BSC M8 milestones', codeBody: 'BSC' },
    { id: 'DIP-M8', name: 'DIP Manager M8 milestones', codeBody: 'DIP' },
  ],
  riskBands: [
    { name: 'Critical', min: 26, max: 30 },
    { name: 'High', min: 21, max: 25 },
    { name: 'Medium', min: 16, max: 20 },
    { name: 'Low', min: 1, max: 15 },
  ],
  textLimits: defaultTextLimits,
};

export function riskBandOf(rules: RegisterRules, score: number): string {
  const band = rules.riskBands.find((b) => score >= b.min && score <= b.max);
  if (!band) throw new Error(`risk score ${score} is in no band`);
  return band.name;
}

/** The statuses a code body's change proposals may have (configured per body; default all). */
export function statusesOfCodeBody(rules: RegisterRules, codeBody: string): readonly string[] {
  return rules.codeBodies.find((b) => b.code === codeBody)?.statuses ?? changeProposalStatus.options;
}

/** Returns an error message, or null when `ref` is a valid reference for `codeBody`. */
export function checkChangeProposalRef(rules: RegisterRules, codeBody: string, ref: string): string | null {
  const body = rules.codeBodies.find((b) => b.code === codeBody);
  if (!body) return `unknown code body ${codeBody}; known: ${rules.codeBodies.map((b) => b.code).join(', ')}`;
  if (body.refPatterns.some((p) => new RegExp(p).test(ref))) return null;
  return `${ref} is not a ${body.code} reference (e.g. ${body.example})`;
}
