import { initGraphQLTada } from 'gql.tada';
import type { introspection } from './graphql-env.d.ts';

/**
 * Operations are written with `graphql(...)` and typed against schema/register.graphql
 * (`npm run typecheck` regenerates the schema's types and checks every operation).
 */
export const graphql = initGraphQLTada<{
  introspection: introspection;
  scalars: { JSON: unknown; ID: string };
  disableMasking: true;
}>();

export type { FragmentOf, ResultOf, VariablesOf } from 'gql.tada';
export { readFragment } from 'gql.tada';
