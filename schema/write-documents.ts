import { getNamedType, type GraphQLSchema } from 'graphql';

/** The fields every write answers with (the schema's WriteResult interface). */
export const writeResultSelection = 'version position changed replayed';

/**
 * The document that sends one command, built from the published schema: every mutation has
 * the same shape (the command's input and the write options in, the write's outcome back),
 * so neither the CLI nor the web app writes one by hand. `selection` picks what to read of
 * the write's result type (its name given); by default the WriteResult fields.
 */
export function writeDocument(
  schema: GraphQLSchema,
  mutation: string,
  selection: (resultType: string) => string = () => writeResultSelection,
): string {
  const field = schema.getMutationType()?.getFields()[mutation];
  const input = field?.args.find((a) => a.name === 'input');
  if (!field || !input) throw new Error(`the schema has no mutation ${mutation}(input: ...)`);
  return `mutation Write($input: ${getNamedType(input.type).name}!, $options: WriteOptions) {
    ${mutation}(input: $input, options: $options) { ${selection(getNamedType(field.type).name)} }
  }`;
}

/** The mutation that sends a command, from its slice's mutation table (mutation -> command type). */
export function mutationOfCommand(mutations: Readonly<Record<string, string>>, command: string): string | undefined {
  return Object.entries(mutations).find(([, type]) => type === command)?.[0];
}
