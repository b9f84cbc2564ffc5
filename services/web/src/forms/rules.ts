import type { RegisterRules } from '../../../../schema/rules.ts';
import type { Vocabulary } from '../data.ts';

/** The register's rules as the server configured them (its vocabulary), for the command schemas. */
export function rulesFrom(vocabulary: Vocabulary['vocabulary']): RegisterRules {
  return {
    codeBodies: vocabulary.codeBodies.map((b) => ({ code: b.code, name: b.name, example: b.example, refPatterns: [...b.refPatterns] })),
    workstreams: vocabulary.workstreams.map((w) => ({ id: w.id, name: w.name, codeBody: w.codeBody })),
    riskBands: vocabulary.riskBands.map((b) => ({ name: b.name, min: b.min, max: b.max })),
    textLimits: { ...vocabulary.textLimits },
  };
}
