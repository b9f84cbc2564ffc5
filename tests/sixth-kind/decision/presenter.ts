import type { ItemPresenter } from '../../../services/core/presenter.ts';
import { inListIgnoringCase } from '../../../services/core/presenter.ts';
import { decisionStatus } from './commands.ts';
import { decisionViewSchema, type DecisionView } from './view.ts';

export const decisionPresenter: ItemPresenter<DecisionView> = {
  viewSchema: decisionViewSchema,
  names: { plural: 'decisions', file: 'decisions' },
  graphql: {
    typeName: 'Decision',
    kindEnum: 'DECISION',
    one: 'decision',
    list: 'decisions',
    typeDefs: /* GraphQL */ `
      """
      A decision of the CCAG.
      """
      type Decision {
        """
        Item id: decision:D36-1.
        """
        id: ID!
        """
        Reference.
        """
        ref: String!
        """
        What was decided.
        """
        text: String!
        """
        Day it was raised.
        """
        raisedOn: String!
        """
        Proposed, Agreed or Rescinded.
        """
        status: String!
        """
        Number of events.
        """
        version: Int!
        """
        The last event.
        """
        lastChange: LastChange!
      }
      """
      Which decisions to list.
      """
      input DecisionFilter {
        """
        Only these statuses.
        """
        statuses: [String!]
      }
      """
      Raise a decision.
      """
      input RaiseDecisionInput {
        """
        Reference.
        """
        ref: String!
        """
        What was decided.
        """
        text: String!
        """
        Day raised.
        """
        raisedOn: String!
      }
      """
      Change a decision's status.
      """
      input ChangeDecisionStatusInput {
        """
        Reference.
        """
        ref: String!
        """
        New status.
        """
        status: String!
      }
      """
      The result of a decision write.
      """
      type DecisionWrite implements WriteResult {
        """
        The decision now.
        """
        decision: Decision
        """
        Its version.
        """
        version: Int!
        """
        Position written.
        """
        position: String
        """
        True when something was written.
        """
        changed: Boolean!
        """
        True for a retry.
        """
        replayed: Boolean!
      }
      extend union Item = Decision
      extend enum ItemKind {
        """
        Decisions.
        """
        DECISION
      }
      extend type Movement {
        """
        Decisions.
        """
        decisions: [ItemMovement!]!
      }
      extend type Query {
        """
        Decisions.
        """
        decisions("Only those that match." filter: DecisionFilter, "The point to read at." at: Point): [Decision!]!
        """
        One decision.
        """
        decision("Its id or reference." id: ID!, "The point to read at." at: Point): Decision
      }
      extend type Mutation {
        """
        Raise a decision.
        """
        raiseDecision("Input." input: RaiseDecisionInput!, "Options." options: WriteOptions): DecisionWrite!
        """
        Change a decision's status.
        """
        changeDecisionStatus("Input." input: ChangeDecisionStatusInput!, "Options." options: WriteOptions): DecisionWrite!
      }
    `,
  },
  ref: (decision) => decision.ref,
  label: (decision) => `Decision ${decision.ref}`,
  matches: (decision, f) => inListIgnoringCase(f['statuses'], decision.status),
  describeNew: () => 'New decision',
  describeChanges({ before, after, moved, say }) {
    if (moved('status')) say(`${after.status} (was ${before.status})`, 'status');
  },
  statuses: () => decisionStatus.options,
};
