import type { introspection } from './graphql-env.d.ts';

/**
 * A mutation of the register, as schema/register.graphql names it (gql.tada's introspection):
 * a form naming one the schema lacks fails `npm run typecheck`.
 */
export type MutationName = keyof introspection['types']['Mutation']['fields'];
