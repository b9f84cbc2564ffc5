import { graphql } from './graphql.ts';
import {
  actionFields,
  changeProposalFields,
  meetingFields,
  milestoneFields,
  riskFields,
  riskThemeFields,
  workstreamReportFields,
} from './item-fragments.ts';

export const viewerQuery = graphql(`
  query Viewer {
    viewer {
      principal
      role
      codeBodies
      canWrite
      canAudit
    }
  }
`);

export const vocabularyQuery = graphql(`
  query Vocabulary {
    vocabulary {
      statuses {
        kind
        statuses
      }
      textLimits {
        title
        text
        summary
      }
      codeBodies {
        code
        name
        example
        refPatterns
      }
      workstreams {
        id
        name
        codeBody
      }
      riskBands {
        name
        min
        max
      }
    }
    meetings {
      id
      number
      date
      status
      heldOn
      boundaryPosition
      digest
      version
      agenda
    }
  }
`);

/** A date as a table shows and sorts it: no more, for a register of a thousand rows. */
export const dateInTable = graphql(`
  fragment DateInTable on PlannedDate {
    text
    sortKey
  }
`);

export const changeProposalsQuery = graphql(
  `
    query ChangeProposals($at: Point) {
      changeProposals(at: $at) {
        id
        ref
        codeBody
        title
        summary
        stakeholderPositions
        raisedOn
        status
        decisionDate {
          ...DateInTable
        }
        mhhsImpact
        updates {
          on
          text
        }
      }
    }
  `,
  [dateInTable],
);

export const milestonesQuery = graphql(
  `
    query Milestones($at: Point) {
      milestones(at: $at) {
        id
        ref
        key
        workstream
        version
        description
        status
        completedOn
        baselineDate {
          ...DateInTable
        }
        forecastDate {
          ...DateInTable
        }
        rebaselines {
          reason
          from {
            text
          }
          to {
            text
          }
        }
      }
    }
  `,
  [dateInTable],
);

export const risksQuery = graphql(`
  query Risks($at: Point) {
    risks(at: $at) {
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
    }
  }
`);

export const actionsQuery = graphql(`
  query Actions($at: Point) {
    actions(at: $at) {
      id
      ref
      meeting
      version
      raisedOn
      text
      dueDate
      update
      status
      overdue
      owner {
        party
        person
        text
      }
    }
  }
`);

export const itemMovementFields = graphql(`
  fragment ItemMovementFields on ItemMovement {
    id
    kind
    ref
    change
    summary
    fields {
      field
      from
      to
    }
    versionBefore
    versionAfter
  }
`);

export const movementQuery = graphql(
  `
    query Movement($from: Point!, $to: Point) {
      movement(from: $from, to: $to) {
        from {
          position
          recordedAt
          meeting
        }
        to {
          position
          recordedAt
          meeting
        }
        horizonScanning {
          new {
            ...ItemMovementFields
          }
          existing {
            ...ItemMovementFields
          }
        }
        workstreamReports {
          ...ItemMovementFields
        }
        milestones {
          ...ItemMovementFields
        }
        riskThemes {
          ...ItemMovementFields
        }
        risks {
          ...ItemMovementFields
        }
        actions {
          ...ItemMovementFields
        }
        meetings {
          ...ItemMovementFields
        }
        corrections {
          id
          kind
          eventType
          reason
          actor
          recordedAt
          fields {
            field
            from
            to
          }
        }
      }
    }
  `,
  [itemMovementFields],
);

export const pointQuery = graphql(`
  query ResolvedPoint($at: Point) {
    point(at: $at) {
      position
      recordedAt
      meeting
    }
  }
`);

export const historyQuery = graphql(`
  query History($id: ID!) {
    history(id: $id) {
      position
      eventId
      stream
      revision
      itemId
      type
      correction
      summary
      data
      actor
      reason
      recordedAt
      effectiveAt
      prevHash
      hash
      metadata
    }
  }
`);

export const changeProposalQuery = graphql(
  `
    query ChangeProposal($id: ID!, $at: Point) {
      item: changeProposal(id: $id, at: $at) {
        ...ChangeProposalFields
      }
    }
  `,
  [changeProposalFields],
);

export const milestoneQuery = graphql(
  `
    query Milestone($id: ID!, $at: Point) {
      item: milestone(id: $id, at: $at) {
        ...MilestoneFields
      }
    }
  `,
  [milestoneFields],
);

export const riskQuery = graphql(
  `
    query Risk($id: ID!, $at: Point) {
      item: risk(id: $id, at: $at) {
        ...RiskFields
      }
    }
  `,
  [riskFields],
);

export const actionQuery = graphql(
  `
    query Action($id: ID!, $at: Point) {
      item: action(id: $id, at: $at) {
        ...ActionFields
      }
    }
  `,
  [actionFields],
);

export const meetingsQuery = graphql(
  `
    query Meetings($at: Point) {
      meetings(at: $at) {
        ...MeetingFields
      }
    }
  `,
  [meetingFields],
);

export const meetingQuery = graphql(
  `
    query Meeting($id: ID!, $at: Point) {
      item: meeting(id: $id, at: $at) {
        ...MeetingFields
      }
    }
  `,
  [meetingFields],
);

export const verificationQuery = graphql(`
  query Verification {
    verification {
      ok
      eventsChecked
      streams
      badDigests
      firstBad {
        position
        stream
        revision
        eventId
        type
        problem
      }
    }
    readModelStatus {
      checkpoint
      head
      eventsBehind
      caughtUp
    }
  }
`);

export const eventsQuery = graphql(`
  query Events($after: String, $first: Int) {
    events(after: $after, first: $first) {
      endPosition
      hasMore
      events {
        position
        eventId
        stream
        revision
        itemId
        type
        correction
        actor
        reason
        recordedAt
        effectiveAt
        prevHash
        hash
      }
    }
  }
`);

export const treeHeadQuery = graphql(`
  query TreeHead {
    treeHead {
      treeSize
      rootHash
    }
  }
`);

export const consistencyProofQuery = graphql(`
  query ConsistencyProof($fromSize: Int!, $toSize: Int) {
    consistencyProof(fromSize: $fromSize, toSize: $toSize) {
      path
    }
  }
`);

/** What holding a meeting now would freeze: the log's head position and the tree's root at its size. */
export const freezePreviewQuery = graphql(`
  query FreezePreview {
    treeHead {
      treeSize
      rootHash
    }
    readModelStatus {
      head
    }
  }
`);

export const workstreamReportsQuery = graphql(
  `
    query WorkstreamReports($at: Point) {
      workstreamReports(at: $at) {
        ...WorkstreamReportFields
      }
    }
  `,
  [workstreamReportFields],
);

export const workstreamReportQuery = graphql(
  `
    query WorkstreamReport($id: ID!, $at: Point) {
      item: workstreamReport(id: $id, at: $at) {
        ...WorkstreamReportFields
      }
    }
  `,
  [workstreamReportFields],
);

export const riskThemesQuery = graphql(
  `
    query RiskThemes($at: Point) {
      riskThemes(at: $at) {
        ...RiskThemeFields
      }
    }
  `,
  [riskThemeFields],
);

export const riskThemeQuery = graphql(
  `
    query RiskTheme($id: ID!, $at: Point) {
      item: riskTheme(id: $id, at: $at) {
        ...RiskThemeFields
      }
    }
  `,
  [riskThemeFields],
);
