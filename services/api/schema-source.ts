import { readFileSync } from 'node:fs';
import type { DocumentNode, GraphQLSchema } from 'graphql';
import type { ItemRegistry } from '../core/registry.ts';
import { graphqlRuntime } from './graphql-runtime.ts';

const schemaPath = new URL('../../schema/register.graphql', import.meta.url);

/**
 * schema/register.graphql parsed by the server's build (services/start/build-server.mjs), as
 * JSON: reading it back is a sixth of parsing the text, which was 30-40 ms of every start.
 * Undefined in a source run.
 */
declare const CCAG_REGISTER_SCHEMA_DOCUMENT: string | undefined;

/** What any further kind of item adds to the register's schema. */
const typeDefsOf = (items: ItemRegistry): string[] => items.modules.flatMap((m) => m.presenter.graphql.typeDefs ?? []);

/** The register's schema text, and what any further kind of item adds to it. */
export function registerSchemaSource(items: ItemRegistry): string {
  return [readFileSync(schemaPath, 'utf8'), ...typeDefsOf(items)].join('\n');
}

function registerDocument(): DocumentNode {
  if (typeof CCAG_REGISTER_SCHEMA_DOCUMENT === 'string') return JSON.parse(CCAG_REGISTER_SCHEMA_DOCUMENT) as DocumentNode;
  return graphqlRuntime.parse(readFileSync(schemaPath, 'utf8'), { noLocation: true });
}

/**
 * The schema the server executes. Its text is validated as SDL by the test suite
 * (tests/schema), not at every start, where the SDL rules cost a third of building it;
 * mercurius still validates the built schema when the server gets ready.
 */
export function buildRegisterSchema(items: ItemRegistry): GraphQLSchema {
  const document = registerDocument();
  const further = typeDefsOf(items);
  const definitions =
    further.length === 0
      ? document.definitions
      : [...document.definitions, ...graphqlRuntime.parse(further.join('\n'), { noLocation: true }).definitions];
  return graphqlRuntime.buildASTSchema({ ...document, definitions }, { assumeValidSDL: true });
}
