import { readFileSync } from 'node:fs';
import type { GraphQLSchema } from 'graphql';
import type { ItemRegistry } from '../core/registry.ts';
import { graphqlRuntime } from './graphql-runtime.ts';

const schemaPath = new URL('../../schema/register.graphql', import.meta.url);

/** The register's schema text, and what any further kind of item adds to it. */
export function registerSchemaSource(items: ItemRegistry): string {
  return [readFileSync(schemaPath, 'utf8'), ...items.modules.flatMap((m) => m.presenter.graphql.typeDefs ?? [])].join('\n');
}

/**
 * The schema the server executes. Its text is validated as SDL by the test suite
 * (tests/schema), not at every start, where the SDL rules cost a third of building it;
 * mercurius still validates the built schema when the server gets ready.
 */
export function buildRegisterSchema(items: ItemRegistry): GraphQLSchema {
  return graphqlRuntime.buildSchema(registerSchemaSource(items), { assumeValidSDL: true });
}
