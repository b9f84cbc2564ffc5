import { readFileSync } from 'node:fs';
import { buildSchema, getNamedType, type GraphQLField } from 'graphql';

/** GraphQL documents the API suite sends, built from the public schema so they follow it. */

export const schemaText = readFileSync(new URL('../../schema/register.graphql', import.meta.url), 'utf8');
const schema = buildSchema(schemaText);

export const fragments = /* GraphQL */ `
  fragment PlannedDateFields on PlannedDate {
    text
    iso
    sortKey
    value
  }
  fragment LastChangeFields on LastChange {
    position
    recordedAt
    effectiveAt
    actor
    eventType
  }
  fragment ChangeProposalFields on ChangeProposal {
    id
    ref
    codeBody
    version
    title
    summary
    stakeholderPositions
    raisedOn
    status
    decisionDate {
      ...PlannedDateFields
    }
    mhhsImpact
    updates {
      on
      text
    }
    keyDates {
      event
      date {
        ...PlannedDateFields
      }
    }
    release
    withdrawal {
      on
      statement
    }
    displayOrder
    relatedChangeProposals {
      id
      ref
      status
      version
    }
    lastChange {
      ...LastChangeFields
    }
  }
  fragment MilestoneFields on Milestone {
    id
    ref
    key
    workstream
    version
    description
    status
    completedOn
    baselineDate {
      ...PlannedDateFields
    }
    forecastDate {
      ...PlannedDateFields
    }
    displayOrder
    rebaselines {
      from {
        ...PlannedDateFields
      }
      to {
        ...PlannedDateFields
      }
      reason
    }
    relatedChangeProposals {
      id
      ref
      status
      version
    }
    lastChange {
      ...LastChangeFields
    }
  }
  fragment RiskFields on Risk {
    id
    ref
    version
    description
    score
    band
    mitigationPlan
    status
    raisedOn
    closedOn
    relatedChangeProposals {
      id
      ref
      status
      version
    }
    lastChange {
      ...LastChangeFields
    }
  }
  fragment ActionFields on Action {
    id
    ref
    meeting
    version
    raisedOn
    text
    owner {
      party
      person
      text
    }
    dueDate
    update
    status
    overdue
    relatedChangeProposals {
      id
      ref
      status
      version
    }
    lastChange {
      ...LastChangeFields
    }
  }
  fragment MeetingFields on Meeting {
    id
    number
    version
    date
    status
    agenda
    agendaItems {
      title
      objective
      type
      lead
      time {
        start
        end
        minutes
        text
      }
    }
    document {
      reference
      version
      classification
    }
    nextSteps
    forwardPlan {
      activities
      agendaItems
      standingItems
    }
    heldOn
    boundaryPosition
    digest
    lastChange {
      ...LastChangeFields
    }
  }
  fragment WorkstreamReportFields on WorkstreamReport {
    id
    ref
    meeting
    workstream
    version
    rag
    overallStatus
    monthlySummary
    nextMonthDeliverables
    lastChange {
      ...LastChangeFields
    }
  }
  fragment RiskThemeFields on RiskTheme {
    id
    key
    ref
    version
    theme
    summary
    mitigationApproach
    status
    raisedOn
    retiredOn
    lastChange {
      ...LastChangeFields
    }
  }
`;

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
  history: `query($id: ID!) { history(id: $id) {
    position eventId stream revision itemId type correction summary data actor reason recordedAt effectiveAt prevHash hash metadata
  } }`,
  events: `query($after: String, $first: Int) { events(after: $after, first: $first) {
    events { position eventId stream revision itemId type correction actor reason recordedAt effectiveAt prevHash hash }
    endPosition hasMore
  } }`,
  point: `query($at: Point) { point(at: $at) { position recordedAt meeting } }`,
  movement: `query($from: Point!, $to: Point) { movement(from: $from, to: $to) {
    from { position recordedAt meeting } to { position recordedAt meeting }
    horizonScanning {
      new { id kind ref change fields { field from to } summary versionBefore versionAfter }
      existing { id kind ref change fields { field from to } summary versionBefore versionAfter }
    }
    milestones { id kind ref change fields { field from to } summary versionBefore versionAfter }
    risks { id kind ref change fields { field from to } summary versionBefore versionAfter }
    actions { id kind ref change fields { field from to } summary versionBefore versionAfter }
    meetings { id kind ref change summary versionBefore versionAfter }
    workstreamReports { id kind ref change fields { field from to } summary versionBefore versionAfter }
    riskThemes { id kind ref change fields { field from to } summary versionBefore versionAfter }
    corrections { id kind eventType fields { field from to } reason actor recordedAt }
  } }`,
  verification: `query { verification { ok eventsChecked streams firstBad { position stream revision eventId type problem } badDigests } }`,
  readModelStatus: `query { readModelStatus { checkpoint head eventsBehind caughtUp } }`,
  vocabulary: `query { vocabulary { codeBodies { code name example } workstreams { id name codeBody } riskBands { name min max } } }`,
} as const;
