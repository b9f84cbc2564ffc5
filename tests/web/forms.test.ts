import { readFileSync } from 'node:fs';
import { buildSchema, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { commandSchemas, itemKinds, registerModules } from '../../services/items.ts';
import { formsByKind } from '../../services/web/src/forms/catalogue.ts';
import type { ItemKind } from '../../services/web/src/items.ts';
import { mutationOfCommand, writeDocument } from '../../schema/write-documents.ts';

const schema = buildSchema(readFileSync(new URL('../../schema/register.graphql', import.meta.url), 'utf8'));

describe('the web app has a form for every command', () => {
  it('offers each command type of each kind of item the register accepts', () => {
    for (const kind of itemKinds) {
      const offered = formsByKind[kind as ItemKind].map((form) => form.commandType).sort();
      expect({ kind, offered }).toEqual({ kind, offered: Object.keys(commandSchemas[kind]!).sort() });
    }
  });

  it('sends each command by the mutation its slice names for it, in a document the schema accepts', () => {
    for (const module of registerModules) {
      for (const form of formsByKind[module.kind as ItemKind]) {
        expect({ form: form.label, mutation: form.mutation }).toEqual({
          form: form.label,
          mutation: mutationOfCommand(module.mutations, form.commandType),
        });
        const document = parse(writeDocument(schema, form.mutation));
        expect(validate(schema, document).map((e) => e.message)).toEqual([]);
      }
    }
  });
});
