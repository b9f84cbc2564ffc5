import { readFileSync } from 'node:fs';
import { buildSchema, getVariableValues, parse, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import { mutationOfCommand, writeDocument } from '../../../schema/write-documents.ts';
import type { ItemRegistry } from '../../core/registry.ts';
import type { ItemKind } from '../../core/decider.ts';

/** The GraphQL operations `ccag` sends to a running register, in one place. */
export const operations = {
  viewer: `query Viewer { viewer { principal role codeBodies } }`,
  registerExport: `query Export($format: ExportFormat!, $at: Point, $kinds: [ItemKind!]) {
    registerExport(format: $format, at: $at, kinds: $kinds) { position files { fileName mediaType encoding content } }
  }`,
  vocabulary: `query Vocabulary {
    vocabulary {
      codeBodies { code name example refPatterns statuses }
      workstreams { id name codeBody }
      riskBands { name min max }
      textLimits { title text summary }
    }
  }`,
  movementReport: `query Report($from: Point!, $to: Point, $format: ReportFormat!) {
    movementReport(from: $from, to: $to, format: $format) { mediaType content }
  }`,
  rehearsal: `query Rehearse($commands: [RehearsedCommand!]!) {
    rehearsal(commands: $commands) { index replayed events refusal { code message details } }
  }`,
  meeting: `query Meeting($id: ID!) { meeting(id: $id) { status heldOn } }`,
  pack: `query Pack($meeting: Int!, $format: PackFormat!, $unverified: Boolean) {
    pack(meeting: $meeting, format: $format, unverified: $unverified) {
      format fileName mediaType encoding content verified boundaryPosition digest
    }
  }`,
} as const;

export interface WriteOperation {
  readonly mutation: string;
  readonly document: string;
  /** GraphQL's own check of the variables, against the schema this CLI was built with: the coercion errors, if any. */
  check(variables: Record<string, unknown>): readonly string[];
}

let schema: GraphQLSchema | undefined;
const schemaOf = () => (schema ??= buildSchema(readFileSync(new URL('../../../schema/register.graphql', import.meta.url), 'utf8')));

const writes = new Map<string, WriteOperation>();

/** The mutation of `command`, from its slice's mutation table, and its document built from the published schema. */
export function writeOperation(items: ItemRegistry, kind: ItemKind, command: string): WriteOperation {
  const key = `${kind}/${command}`;
  const kept = writes.get(key);
  if (kept) return kept;
  const mutation = mutationOfCommand(items.moduleOf(kind).mutations, command);
  if (!mutation) throw new Error(`no mutation sends ${command}`);
  const document = writeDocument(schemaOf(), mutation);
  const definition = parse(document).definitions[0] as OperationDefinitionNode;
  const operation: WriteOperation = {
    mutation,
    document,
    check: (variables) => {
      const result = getVariableValues(schemaOf(), definition.variableDefinitions ?? [], variables, { maxErrors: 20 });
      return result.errors ? result.errors.map((e) => e.message) : [];
    },
  };
  writes.set(key, operation);
  return operation;
}
