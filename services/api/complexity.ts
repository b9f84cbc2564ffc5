import mercurius from 'mercurius';
import type { DocumentNode, GraphQLSchema } from 'graphql';
import { getComplexity, simpleEstimator } from 'graphql-query-complexity';

const { ErrorWithProps } = mercurius;

/**
 * Refuses a query whose estimated cost (one per field, aliases included) is above `limit`.
 *
 * Measured before execution, with the request's variables, rather than as a validation
 * rule: a validation rule is built once, without variables, and would reject every
 * operation that declares a required variable.
 */
export function refuseComplexQueries(limit: number) {
  // mercurius hands every request with the same query text the same parsed document; without
  // variables its complexity cannot change, so it is measured once (walking it cost a few % of a list query).
  const withoutVariables = new WeakMap<DocumentNode, number>();
  return (schema: GraphQLSchema, document: DocumentNode, variables: Record<string, unknown> | undefined): void => {
    const fixed = !variables || Object.keys(variables).length === 0;
    let complexity = fixed ? withoutVariables.get(document) : undefined;
    if (complexity === undefined) {
      complexity = measure(schema, document, variables ?? {});
      if (fixed) withoutVariables.set(document, complexity);
    }
    if (complexity > limit) {
      throw new ErrorWithProps(
        `The query is too large: complexity ${Number.isFinite(complexity) ? complexity : 'over 10000 nodes'}, limit ${limit}`,
        { code: 'QUERY_TOO_COMPLEX', limit, ...(Number.isFinite(complexity) ? { complexity } : {}) },
        400,
      );
    }
  };
}

function measure(schema: GraphQLSchema, document: DocumentNode, variables: Record<string, unknown>): number {
  try {
    return getComplexity({ schema, query: document, variables, estimators: [simpleEstimator({ defaultComplexity: 1 })] });
  } catch {
    // Only a document too large to walk (maxQueryNodes) gets here: variables were already checked.
    return Number.POSITIVE_INFINITY;
  }
}
