import type { ASTNode, DocumentNode } from 'graphql';
import { graphqlRuntime } from './graphql-runtime.ts';

const { BREAK, Kind, OperationTypeNode, visit } = graphqlRuntime;

/**
 * Whether `document`'s complexity is the same whatever its variables: true when every variable
 * it uses is an argument of a field inside a mutation. The work estimator (complexity.ts) reads
 * arguments of Query fields only, and @include/@skip decide what is counted, so a variable in a
 * query, a fragment (which a query may spread) or a directive makes the cost depend on it. A
 * mutation's input (`assessRiskScore(input: $input)`) does not: measured once, it holds for
 * every request with that document.
 */
export function complexityIgnoresVariables(document: DocumentNode): boolean {
  let ignores = true;
  visit(document, {
    Variable(_node, _key, _parent, _path, ancestors) {
      const chain = ancestors.filter((node): node is ASTNode => !Array.isArray(node));
      // A variable's own definition ($input: AssessRiskScoreInput!) is not a use of it.
      if (chain.some((node) => node.kind === Kind.VARIABLE_DEFINITION)) return undefined;
      const inDirective = chain.some((node) => node.kind === Kind.DIRECTIVE);
      const inMutation = chain.some((node) => node.kind === Kind.OPERATION_DEFINITION && node.operation === OperationTypeNode.MUTATION);
      if (inDirective || !inMutation) {
        ignores = false;
        return BREAK;
      }
      return undefined;
    },
  });
  return ignores;
}
