import { buildASTSchema, buildSchema, printSchema, validateSchema, type DocumentNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { graphqlRuntime } from '../../services/api/graphql-runtime.ts';
import { buildRegisterSchema, registerSchemaSource } from '../../services/api/schema-source.ts';
import { registerSchemaDocumentJson } from '../../services/start/build-server.mjs';
import { createRegisterItems } from '../../services/items.ts';
import { decisionModule } from '../sixth-kind/decision/module.ts';

/**
 * The server builds its schema without checking the text as SDL (that check was a third of the
 * build, at every start): the check is here instead, for the register's own kinds and for a
 * further kind that adds its own type definitions.
 */
describe('the schema the server serves', () => {
  it.each([
    ['the register', createRegisterItems()],
    ['the register with a further kind', createRegisterItems([decisionModule])],
  ])('is valid SDL and a valid schema: %s', (_name, items) => {
    const source = registerSchemaSource(items);
    const schema = buildSchema(source);
    expect(validateSchema(schema).map((error) => error.message)).toEqual([]);
  });

  it.each([
    ['the register', createRegisterItems()],
    ['the register with a further kind', createRegisterItems([decisionModule])],
  ])('is the schema its text gives, built as the server builds it: %s', (_name, items) => {
    const fromText = printSchema(buildSchema(registerSchemaSource(items)));
    expect(graphqlRuntime.printSchema(buildRegisterSchema(items))).toBe(fromText);
  });

  it("is the schema its text gives when built from the document the server's build parsed", () => {
    const fromBuild = buildASTSchema(JSON.parse(registerSchemaDocumentJson()) as DocumentNode, { assumeValidSDL: true });
    expect(printSchema(fromBuild)).toBe(printSchema(buildSchema(registerSchemaSource(createRegisterItems()))));
  });
});
