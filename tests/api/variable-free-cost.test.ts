import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { complexityIgnoresVariables } from '../../services/api/variable-free-cost.ts';

/*
 * The complexity limit measures a document once and keeps the figure when no variable can
 * change it. Wrongly kept, `history(first: $n)` measured with n = 1 would let n = 1000 through.
 */
const ignores = (source: string) => complexityIgnoresVariables(parse(source));

describe('whether a document costs the same whatever its variables', () => {
  it("does for a mutation's input, and for a document without variables", () => {
    expect(ignores('mutation Assess($input: AssessRiskScoreInput!) { assessRiskScore(input: $input) { version changed } }')).toBe(true);
    expect(ignores('{ risks { id score } }')).toBe(true);
  });

  it("does not for a query's arguments: page sizes, points and commands are what its cost reads", () => {
    expect(ignores('query H($id: ID!, $n: Int) { history(id: $id, first: $n) { events { seq } } }')).toBe(false);
    expect(ignores('query At($m: Int!) { risks(at: { meeting: $m }) { id } }')).toBe(false);
  });

  it('does not when a directive decides, with a variable, what is counted, even in a mutation', () => {
    expect(
      ignores(
        'mutation M($input: AssessRiskScoreInput!, $more: Boolean!) { assessRiskScore(input: $input) { version risk @include(if: $more) { id } } }',
      ),
    ).toBe(false);
  });

  it('does not for a variable in a fragment, which a query may spread', () => {
    expect(
      ignores(
        'mutation M($input: AssessRiskScoreInput!) { assessRiskScore(input: $input) { version } } fragment F on Query { history(id: "risk:R1", first: $n) { events { seq } } }',
      ),
    ).toBe(false);
  });
});
