import { readFileSync } from 'node:fs';
import { buildSchema, isEnumType, isInputObjectType, isInterfaceType, isObjectType, isScalarType, isUnionType } from 'graphql';
import { describe, expect, it } from 'vitest';

const schema = buildSchema(readFileSync(new URL('../../schema/register.graphql', import.meta.url), 'utf8'));
const ourTypes = Object.values(schema.getTypeMap()).filter(
  (t) => !t.name.startsWith('__') && !['String', 'Int', 'Float', 'Boolean', 'ID'].includes(t.name),
);

/** The schema is the dashboards' contract: everything in it says what it is. */
describe('schema/register.graphql', () => {
  it('describes every type', () => {
    expect(ourTypes.filter((t) => !t.description?.trim()).map((t) => t.name)).toEqual([]);
  });

  it('describes every field, input field, argument and enum value', () => {
    const missing: string[] = [];
    for (const type of ourTypes) {
      if (isObjectType(type) || isInterfaceType(type)) {
        for (const field of Object.values(type.getFields())) {
          if (!field.description?.trim()) missing.push(`${type.name}.${field.name}`);
          for (const arg of field.args) if (!arg.description?.trim()) missing.push(`${type.name}.${field.name}(${arg.name})`);
        }
      } else if (isInputObjectType(type)) {
        for (const field of Object.values(type.getFields())) {
          if (!field.description?.trim()) missing.push(`${type.name}.${field.name}`);
        }
      } else if (isEnumType(type)) {
        for (const value of type.getValues()) if (!value.description?.trim()) missing.push(`${type.name}.${value.name}`);
      } else if (!isUnionType(type) && !isScalarType(type)) {
        missing.push(`${(type as { name: string }).name} (unexpected kind)`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('keeps the root field names dashboards depend on', () => {
    const query = Object.keys(schema.getQueryType()!.getFields());
    expect(query).toEqual(
      expect.arrayContaining([
        'changeProposals',
        'changeProposal',
        'milestones',
        'risks',
        'actions',
        'meetings',
        'movement',
        'history',
        'events',
      ]),
    );
    expect(Object.keys(schema.getSubscriptionType()!.getFields())).toEqual(['registerChanged']);
  });
});
