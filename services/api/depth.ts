import type { FragmentDefinitionNode, SelectionSetNode, ValidationContext, ValidationRule } from 'graphql';

import { graphqlRuntime } from './graphql-runtime.ts';

// Errors must be the GraphQLError of the graphql mercurius validates with.
const { GraphQLError, Kind } = graphqlRuntime;

/**
 * Refuses an operation nested deeper than `limit`, counted as mercurius counts fields (each field a
 * level; fragments add none), except that introspection fields (`__schema`, `__type`) are not
 * counted: the standard introspection query (graphql-js getIntrospectionQuery, depth 15) must
 * pass at the default limit so GraphiQL and code generators can load the schema. Introspection
 * reads only the schema, never the register, and production turns it off altogether.
 */
export function queryDepthRule(limit: number): ValidationRule {
  return (context: ValidationContext) => {
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const definition of context.getDocument().definitions) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
    }
    return {
      OperationDefinition(operation) {
        const depth = depthOf(operation.selectionSet, fragments, new Set());
        if (depth > limit) {
          const name = operation.name?.value ?? 'unnamedQuery';
          context.reportError(
            new GraphQLError(`${name} query depth (${depth}) exceeds the query depth limit of ${limit}`, { nodes: [operation] }),
          );
        }
      },
    };
  };
}

function depthOf(
  selectionSet: SelectionSetNode | undefined,
  fragments: Map<string, FragmentDefinitionNode>,
  visiting: Set<string>,
): number {
  if (!selectionSet) return 0;
  let deepest = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      if (selection.name.value.startsWith('__')) continue;
      deepest = Math.max(deepest, 1 + depthOf(selection.selectionSet, fragments, visiting));
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      deepest = Math.max(deepest, depthOf(selection.selectionSet, fragments, visiting));
    } else {
      const name = selection.name.value;
      const fragment = fragments.get(name);
      // A cycle is reported by the standard rules; it adds nothing here.
      if (!fragment || visiting.has(name)) continue;
      visiting.add(name);
      deepest = Math.max(deepest, depthOf(fragment.selectionSet, fragments, visiting));
      visiting.delete(name);
    }
  }
  return deepest;
}
