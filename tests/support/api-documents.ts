import { readFileSync } from 'node:fs';
import { buildSchema, getNamedType, print, type GraphQLField } from 'graphql';
import * as itemFragments from '../../services/web/src/api/item-fragments.ts';
import { eventsQuery, historyQuery, movementQuery, pointQuery } from '../../services/web/src/api/operations.ts';

/** GraphQL documents the API suite sends, built from the public schema so they follow it. */

export const schemaText = readFileSync(new URL('../../schema/register.graphql', import.meta.url), 'utf8');
const schema = buildSchema(schemaText);

/** The item fragments the web app reads too (one source: services/web/src/api/item-fragments.ts), one definition each. */
export const fragments = Object.values(itemFragments)
  .map((document) => print(document.definitions[0]!))
  .join('\n');

/** Uses only the fragments a document needs: GraphQL rejects unused fragments. */
export function withFragments(document: string): string {
  const used = new Set<string>();
  const pending = [document];
  while (pending.length > 0) {
    const text = pending.pop()!;
    for (const [, name] of text.matchAll(/\.\.\.(\w+Fields)/g)) {
      if (used.has(name!)) continue;
      used.add(name!);
      const definition = fragmentDefinition(name!);
      pending.push(definition);
    }
  }
  return [document, ...[...used].map(fragmentDefinition)].join('\n');
}

function fragmentDefinition(name: string): string {
  const start = fragments.indexOf(`fragment ${name} `);
  if (start < 0) throw new Error(`no fragment ${name}`);
  const next = fragments.indexOf('fragment ', start + 1);
  return fragments.slice(start, next < 0 ? undefined : next).trim();
}

export type ResultField = 'changeProposal' | 'milestone' | 'risk' | 'action' | 'meeting' | 'workstreamReport' | 'riskTheme';

const resultFieldOf: Record<string, ResultField> = {
  ChangeProposalWrite: 'changeProposal',
  MilestoneWrite: 'milestone',
  RiskWrite: 'risk',
  ActionWrite: 'action',
  MeetingWrite: 'meeting',
  WorkstreamReportWrite: 'workstreamReport',
  RiskThemeWrite: 'riskTheme',
};

const fragmentOf: Record<ResultField, string> = {
  changeProposal: 'ChangeProposalFields',
  milestone: 'MilestoneFields',
  risk: 'RiskFields',
  action: 'ActionFields',
  meeting: 'MeetingFields',
  workstreamReport: 'WorkstreamReportFields',
  riskTheme: 'RiskThemeFields',
};

export interface MutationShape {
  readonly name: string;
  readonly inputType: string;
  readonly resultField: ResultField;
}

/** Every root mutation in the published schema. */
export const mutationShapes: readonly MutationShape[] = Object.values(schema.getMutationType()!.getFields()).map(
  (field: GraphQLField<unknown, unknown>) => {
    const input = field.args.find((a) => a.name === 'input');
    const resultType = getNamedType(field.type).name;
    const resultField = resultFieldOf[resultType];
    if (!input || !resultField) throw new Error(`mutation ${field.name} does not follow the (input, options) -> *Write shape`);
    return { name: field.name, inputType: getNamedType(input.type).name, resultField };
  },
);

export function mutationShape(name: string): MutationShape {
  const shape = mutationShapes.find((m) => m.name === name);
  if (!shape) throw new Error(`no mutation ${name} in the schema`);
  return shape;
}

/** `mutation($input, $options) { name(...) { version position changed replayed <item> { ...fields } } }` */
export function mutationDocument(name: string): string {
  const { inputType, resultField } = mutationShape(name);
  return withFragments(`mutation Write($input: ${inputType}!, $options: WriteOptions) {
    ${name}(input: $input, options: $options) {
      version position changed replayed
      ${resultField} { ...${fragmentOf[resultField]} }
    }
  }`);
}

/** The list and single-item queries for one kind, with every field. */
export const queries = {
  changeProposals: withFragments(
    `query($filter: ChangeProposalFilter, $at: Point) { changeProposals(filter: $filter, at: $at) { ...ChangeProposalFields } }`,
  ),
  changeProposal: withFragments(`query($id: ID!, $at: Point) { changeProposal(id: $id, at: $at) { ...ChangeProposalFields } }`),
  milestones: withFragments(`query($filter: MilestoneFilter, $at: Point) { milestones(filter: $filter, at: $at) { ...MilestoneFields } }`),
  milestone: withFragments(`query($id: ID!, $at: Point) { milestone(id: $id, at: $at) { ...MilestoneFields } }`),
  risks: withFragments(`query($filter: RiskFilter, $at: Point) { risks(filter: $filter, at: $at) { ...RiskFields } }`),
  risk: withFragments(`query($id: ID!, $at: Point) { risk(id: $id, at: $at) { ...RiskFields } }`),
  actions: withFragments(`query($filter: ActionFilter, $at: Point) { actions(filter: $filter, at: $at) { ...ActionFields } }`),
  action: withFragments(`query($id: ID!, $at: Point) { action(id: $id, at: $at) { ...ActionFields } }`),
  meetings: withFragments(`query { meetings { ...MeetingFields } }`),
  meetingsAt: withFragments(`query($at: Point) { meetings(at: $at) { ...MeetingFields } }`),
  workstreamReports: withFragments(
    `query($filter: WorkstreamReportFilter, $at: Point) { workstreamReports(filter: $filter, at: $at) { ...WorkstreamReportFields } }`,
  ),
  workstreamReport: withFragments(`query($id: ID!, $at: Point) { workstreamReport(id: $id, at: $at) { ...WorkstreamReportFields } }`),
  riskThemes: withFragments(`query($filter: RiskThemeFilter, $at: Point) { riskThemes(filter: $filter, at: $at) { ...RiskThemeFields } }`),
  riskTheme: withFragments(`query($id: ID!, $at: Point) { riskTheme(id: $id, at: $at) { ...RiskThemeFields } }`),
  history: print(historyQuery),
  events: print(eventsQuery),
  point: print(pointQuery),
  movement: print(movementQuery),
  verification: `query { verification { ok eventsChecked streams firstBad { position stream revision eventId type problem } badDigests } }`,
  readModelStatus: `query { readModelStatus { checkpoint head eventsBehind caughtUp } }`,
  vocabulary: `query { vocabulary { codeBodies { code name example } workstreams { id name codeBody } riskBands { name min max } } }`,
} as const;
