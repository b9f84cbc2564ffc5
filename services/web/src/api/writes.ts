import { buildSchema, parse, print, type GraphQLSchema } from 'graphql';
import type { TadaDocumentNode } from 'gql.tada';
import schemaText from '../../../../schema/register.graphql?raw';
import { writeDocument } from '../../../../schema/write-documents.ts';
import { graphql, type ResultOf, type VariablesOf } from './graphql.ts';
import type { MutationName } from './mutation-names.ts';

/*
 * A form's mutation document, built as `ccag` builds it (schema/write-documents.ts) from the
 * published schema. What the app reads back is a fragment gql.tada checks against the schema,
 * and the write options are the schema's input type, so a schema change that breaks a write
 * still fails `npm run typecheck`. This module (and the schema text) loads with the first
 * write, not with the app.
 */

/** What every write answers (the schema's WriteResult interface). */
const writeOutcomeFields = graphql(`
  fragment WriteOutcomeFields on WriteResult {
    version
    position
    changed
    replayed
  }
`);

/** What holding a meeting froze: shown to the secretariat after the write. */
const frozenFields = graphql(`
  fragment FrozenFields on MeetingWrite {
    meeting {
      boundaryPosition
      digest
    }
  }
`);

/** Never sent: a rehearsed command carries the write options, typed as the schema has them. */
const _rehearsedCommand = graphql(`
  query RehearsedCommandShape($command: RehearsedCommand!) {
    rehearsal(commands: [$command]) {
      index
    }
  }
`);

export type WriteOptions = NonNullable<VariablesOf<typeof _rehearsedCommand>['command']['options']>;
export type WriteOutcome = ResultOf<typeof writeOutcomeFields> & Partial<ResultOf<typeof frozenFields>>;
type WriteDocument = TadaDocumentNode<Record<string, WriteOutcome>, { input: Record<string, unknown>; options: WriteOptions }>;

let schema: GraphQLSchema | undefined;
const documents = new Map<string, WriteDocument>();

/** The document that sends `mutation`; `freezes`: it also reads what the write froze (holding a meeting). */
export function writeDocumentOf(mutation: MutationName, freezes = false): WriteDocument {
  const key = `${mutation}/${freezes}`;
  let document = documents.get(key);
  if (!document) {
    schema ??= buildSchema(schemaText);
    const fragments = freezes ? [writeOutcomeFields, frozenFields] : [writeOutcomeFields];
    const text = writeDocument(schema, mutation, () => (freezes ? '...WriteOutcomeFields ...FrozenFields' : '...WriteOutcomeFields'));
    document = parse([text, ...fragments.map((f) => print(f))].join('\n'));
    documents.set(key, document);
  }
  return document;
}
