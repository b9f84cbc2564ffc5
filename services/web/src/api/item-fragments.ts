import { graphql } from './graphql.ts';

/*
 * Every field of each kind of item, as one fragment per kind: the item pages read them, and the
 * API suite (tests/support/api-documents.ts) sends the same documents, printed.
 */

export const plannedDateFields = graphql(`
  fragment PlannedDateFields on PlannedDate {
    text
    iso
    sortKey
    value
  }
`);

export const lastChangeFields = graphql(`
  fragment LastChangeFields on LastChange {
    position
    recordedAt
    effectiveAt
    actor
    eventType
  }
`);

export const changeProposalFields = graphql(
  `
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
  `,
  [lastChangeFields, plannedDateFields],
);

export const milestoneFields = graphql(
  `
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
  `,
  [lastChangeFields, plannedDateFields],
);

export const riskFields = graphql(
  `
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
  `,
  [lastChangeFields],
);

export const actionFields = graphql(
  `
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
  `,
  [lastChangeFields],
);

export const meetingFields = graphql(
  `
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
  `,
  [lastChangeFields],
);

export const workstreamReportFields = graphql(
  `
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
  `,
  [lastChangeFields],
);

export const riskThemeFields = graphql(
  `
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
  `,
  [lastChangeFields],
);
