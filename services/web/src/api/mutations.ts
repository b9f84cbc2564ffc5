import { graphql } from './graphql.ts';

/** Every mutation of the register, typed against the schema: the forms send exactly these. */
export const mutations = {
  raiseChangeProposal: graphql(`
    mutation RaiseChangeProposal($input: RaiseChangeProposalInput!, $options: WriteOptions) {
      raiseChangeProposal(input: $input, options: $options) {
        version
        position
        changed
        replayed
        changeProposal {
          id
          version
        }
      }
    }
  `),
  editChangeProposal: graphql(`
    mutation EditChangeProposal($input: EditChangeProposalInput!, $options: WriteOptions) {
      editChangeProposal(input: $input, options: $options) {
        version
        position
        changed
        replayed
        changeProposal {
          id
          version
        }
      }
    }
  `),
  changeChangeProposalStatus: graphql(`
    mutation ChangeChangeProposalStatus($input: ChangeChangeProposalStatusInput!, $options: WriteOptions) {
      changeChangeProposalStatus(input: $input, options: $options) {
        version
        position
        changed
        replayed
        changeProposal {
          id
          version
        }
      }
    }
  `),
  setDecisionDate: graphql(`
    mutation SetDecisionDate($input: SetDecisionDateInput!, $options: WriteOptions) {
      setDecisionDate(input: $input, options: $options) {
        version
        position
        changed
        replayed
        changeProposal {
          id
          version
        }
      }
    }
  `),
  addChangeProposalUpdate: graphql(`
    mutation AddChangeProposalUpdate($input: AddChangeProposalUpdateInput!, $options: WriteOptions) {
      addChangeProposalUpdate(input: $input, options: $options) {
        version
        position
        changed
        replayed
        changeProposal {
          id
          version
        }
      }
    }
  `),
  setKeyDates: graphql(`
    mutation SetKeyDates($input: SetKeyDatesInput!, $options: WriteOptions) {
      setKeyDates(input: $input, options: $options) {
        version
        position
        changed
        replayed
        changeProposal {
          id
          version
        }
      }
    }
  `),
  assignChangeProposalToRelease: graphql(`
    mutation AssignChangeProposalToRelease($input: AssignChangeProposalToReleaseInput!, $options: WriteOptions) {
      assignChangeProposalToRelease(input: $input, options: $options) {
        version
        position
        changed
        replayed
        changeProposal {
          id
          version
        }
      }
    }
  `),
  withdrawChangeProposal: graphql(`
    mutation WithdrawChangeProposal($input: WithdrawChangeProposalInput!, $options: WriteOptions) {
      withdrawChangeProposal(input: $input, options: $options) {
        version
        position
        changed
        replayed
        changeProposal {
          id
          version
        }
      }
    }
  `),
  reinstateChangeProposal: graphql(`
    mutation ReinstateChangeProposal($input: ReinstateChangeProposalInput!, $options: WriteOptions) {
      reinstateChangeProposal(input: $input, options: $options) {
        version
        position
        changed
        replayed
        changeProposal {
          id
          version
        }
      }
    }
  `),
  relateChangeProposal: graphql(`
    mutation RelateChangeProposal($input: RelateChangeProposalInput!, $options: WriteOptions) {
      relateChangeProposal(input: $input, options: $options) {
        version
        position
        changed
        replayed
        changeProposal {
          id
          version
        }
      }
    }
  `),
  correctChangeProposal: graphql(`
    mutation CorrectChangeProposal($input: CorrectChangeProposalInput!, $options: WriteOptions) {
      correctChangeProposal(input: $input, options: $options) {
        version
        position
        changed
        replayed
        changeProposal {
          id
          version
        }
      }
    }
  `),
  baselineMilestone: graphql(`
    mutation BaselineMilestone($input: BaselineMilestoneInput!, $options: WriteOptions) {
      baselineMilestone(input: $input, options: $options) {
        version
        position
        changed
        replayed
        milestone {
          id
          version
        }
      }
    }
  `),
  rebaselineMilestone: graphql(`
    mutation RebaselineMilestone($input: RebaselineMilestoneInput!, $options: WriteOptions) {
      rebaselineMilestone(input: $input, options: $options) {
        version
        position
        changed
        replayed
        milestone {
          id
          version
        }
      }
    }
  `),
  forecastMilestone: graphql(`
    mutation ForecastMilestone($input: ForecastMilestoneInput!, $options: WriteOptions) {
      forecastMilestone(input: $input, options: $options) {
        version
        position
        changed
        replayed
        milestone {
          id
          version
        }
      }
    }
  `),
  reportMilestoneStatus: graphql(`
    mutation ReportMilestoneStatus($input: ReportMilestoneStatusInput!, $options: WriteOptions) {
      reportMilestoneStatus(input: $input, options: $options) {
        version
        position
        changed
        replayed
        milestone {
          id
          version
        }
      }
    }
  `),
  completeMilestone: graphql(`
    mutation CompleteMilestone($input: CompleteMilestoneInput!, $options: WriteOptions) {
      completeMilestone(input: $input, options: $options) {
        version
        position
        changed
        replayed
        milestone {
          id
          version
        }
      }
    }
  `),
  editMilestoneDescription: graphql(`
    mutation EditMilestoneDescription($input: EditMilestoneDescriptionInput!, $options: WriteOptions) {
      editMilestoneDescription(input: $input, options: $options) {
        version
        position
        changed
        replayed
        milestone {
          id
          version
        }
      }
    }
  `),
  relateMilestone: graphql(`
    mutation RelateMilestone($input: RelateMilestoneInput!, $options: WriteOptions) {
      relateMilestone(input: $input, options: $options) {
        version
        position
        changed
        replayed
        milestone {
          id
          version
        }
      }
    }
  `),
  correctMilestone: graphql(`
    mutation CorrectMilestone($input: CorrectMilestoneInput!, $options: WriteOptions) {
      correctMilestone(input: $input, options: $options) {
        version
        position
        changed
        replayed
        milestone {
          id
          version
        }
      }
    }
  `),
  raiseRisk: graphql(`
    mutation RaiseRisk($input: RaiseRiskInput!, $options: WriteOptions) {
      raiseRisk(input: $input, options: $options) {
        version
        position
        changed
        replayed
        risk {
          id
          version
        }
      }
    }
  `),
  assessRiskScore: graphql(`
    mutation AssessRiskScore($input: AssessRiskScoreInput!, $options: WriteOptions) {
      assessRiskScore(input: $input, options: $options) {
        version
        position
        changed
        replayed
        risk {
          id
          version
        }
      }
    }
  `),
  reviseRiskMitigation: graphql(`
    mutation ReviseRiskMitigation($input: ReviseRiskMitigationInput!, $options: WriteOptions) {
      reviseRiskMitigation(input: $input, options: $options) {
        version
        position
        changed
        replayed
        risk {
          id
          version
        }
      }
    }
  `),
  editRiskDescription: graphql(`
    mutation EditRiskDescription($input: EditRiskDescriptionInput!, $options: WriteOptions) {
      editRiskDescription(input: $input, options: $options) {
        version
        position
        changed
        replayed
        risk {
          id
          version
        }
      }
    }
  `),
  closeRisk: graphql(`
    mutation CloseRisk($input: CloseRiskInput!, $options: WriteOptions) {
      closeRisk(input: $input, options: $options) {
        version
        position
        changed
        replayed
        risk {
          id
          version
        }
      }
    }
  `),
  reopenRisk: graphql(`
    mutation ReopenRisk($input: ReopenRiskInput!, $options: WriteOptions) {
      reopenRisk(input: $input, options: $options) {
        version
        position
        changed
        replayed
        risk {
          id
          version
        }
      }
    }
  `),
  relateRisk: graphql(`
    mutation RelateRisk($input: RelateRiskInput!, $options: WriteOptions) {
      relateRisk(input: $input, options: $options) {
        version
        position
        changed
        replayed
        risk {
          id
          version
        }
      }
    }
  `),
  correctRisk: graphql(`
    mutation CorrectRisk($input: CorrectRiskInput!, $options: WriteOptions) {
      correctRisk(input: $input, options: $options) {
        version
        position
        changed
        replayed
        risk {
          id
          version
        }
      }
    }
  `),
  raiseAction: graphql(`
    mutation RaiseAction($input: RaiseActionInput!, $options: WriteOptions) {
      raiseAction(input: $input, options: $options) {
        version
        position
        changed
        replayed
        action {
          id
          version
        }
      }
    }
  `),
  updateAction: graphql(`
    mutation UpdateAction($input: UpdateActionInput!, $options: WriteOptions) {
      updateAction(input: $input, options: $options) {
        version
        position
        changed
        replayed
        action {
          id
          version
        }
      }
    }
  `),
  changeActionDueDate: graphql(`
    mutation ChangeActionDueDate($input: ChangeActionDueDateInput!, $options: WriteOptions) {
      changeActionDueDate(input: $input, options: $options) {
        version
        position
        changed
        replayed
        action {
          id
          version
        }
      }
    }
  `),
  reassignAction: graphql(`
    mutation ReassignAction($input: ReassignActionInput!, $options: WriteOptions) {
      reassignAction(input: $input, options: $options) {
        version
        position
        changed
        replayed
        action {
          id
          version
        }
      }
    }
  `),
  recommendActionClosed: graphql(`
    mutation RecommendActionClosed($input: ActionStatusInput!, $options: WriteOptions) {
      recommendActionClosed(input: $input, options: $options) {
        version
        position
        changed
        replayed
        action {
          id
          version
        }
      }
    }
  `),
  closeAction: graphql(`
    mutation CloseAction($input: ActionStatusInput!, $options: WriteOptions) {
      closeAction(input: $input, options: $options) {
        version
        position
        changed
        replayed
        action {
          id
          version
        }
      }
    }
  `),
  reopenAction: graphql(`
    mutation ReopenAction($input: ActionStatusInput!, $options: WriteOptions) {
      reopenAction(input: $input, options: $options) {
        version
        position
        changed
        replayed
        action {
          id
          version
        }
      }
    }
  `),
  relateAction: graphql(`
    mutation RelateAction($input: RelateActionInput!, $options: WriteOptions) {
      relateAction(input: $input, options: $options) {
        version
        position
        changed
        replayed
        action {
          id
          version
        }
      }
    }
  `),
  correctAction: graphql(`
    mutation CorrectAction($input: CorrectActionInput!, $options: WriteOptions) {
      correctAction(input: $input, options: $options) {
        version
        position
        changed
        replayed
        action {
          id
          version
        }
      }
    }
  `),
  scheduleMeeting: graphql(`
    mutation ScheduleMeeting($input: ScheduleMeetingInput!, $options: WriteOptions) {
      scheduleMeeting(input: $input, options: $options) {
        version
        position
        changed
        replayed
        meeting {
          id
          version
          boundaryPosition
          digest
        }
      }
    }
  `),
  rescheduleMeeting: graphql(`
    mutation RescheduleMeeting($input: RescheduleMeetingInput!, $options: WriteOptions) {
      rescheduleMeeting(input: $input, options: $options) {
        version
        position
        changed
        replayed
        meeting {
          id
          version
          boundaryPosition
          digest
        }
      }
    }
  `),
  planMeetingAgenda: graphql(`
    mutation PlanMeetingAgenda($input: PlanMeetingAgendaInput!, $options: WriteOptions) {
      planMeetingAgenda(input: $input, options: $options) {
        version
        position
        changed
        replayed
        meeting {
          id
          version
          boundaryPosition
          digest
        }
      }
    }
  `),
  holdMeeting: graphql(`
    mutation HoldMeeting($input: HoldMeetingInput!, $options: WriteOptions) {
      holdMeeting(input: $input, options: $options) {
        version
        position
        changed
        replayed
        meeting {
          id
          version
          boundaryPosition
          digest
        }
      }
    }
  `),
  correctMeeting: graphql(`
    mutation CorrectMeeting($input: CorrectMeetingInput!, $options: WriteOptions) {
      correctMeeting(input: $input, options: $options) {
        version
        position
        changed
        replayed
        meeting {
          id
          version
          boundaryPosition
          digest
        }
      }
    }
  `),
  recordMeetingDocument: graphql(`
    mutation RecordMeetingDocument($input: RecordMeetingDocumentInput!, $options: WriteOptions) {
      recordMeetingDocument(input: $input, options: $options) {
        version
        position
        changed
        replayed
        meeting {
          id
          version
        }
      }
    }
  `),
  recordMeetingNextSteps: graphql(`
    mutation RecordMeetingNextSteps($input: RecordMeetingNextStepsInput!, $options: WriteOptions) {
      recordMeetingNextSteps(input: $input, options: $options) {
        version
        position
        changed
        replayed
        meeting {
          id
          version
        }
      }
    }
  `),
  recordForwardPlan: graphql(`
    mutation RecordForwardPlan($input: RecordForwardPlanInput!, $options: WriteOptions) {
      recordForwardPlan(input: $input, options: $options) {
        version
        position
        changed
        replayed
        meeting {
          id
          version
        }
      }
    }
  `),
  setChangeProposalDisplayOrder: graphql(`
    mutation SetChangeProposalDisplayOrder($input: SetChangeProposalDisplayOrderInput!, $options: WriteOptions) {
      setChangeProposalDisplayOrder(input: $input, options: $options) {
        version
        position
        changed
        replayed
        changeProposal {
          id
          version
        }
      }
    }
  `),
  setMilestoneDisplayOrder: graphql(`
    mutation SetMilestoneDisplayOrder($input: SetMilestoneDisplayOrderInput!, $options: WriteOptions) {
      setMilestoneDisplayOrder(input: $input, options: $options) {
        version
        position
        changed
        replayed
        milestone {
          id
          version
        }
      }
    }
  `),
  submitWorkstreamReport: graphql(`
    mutation SubmitWorkstreamReport($input: SubmitWorkstreamReportInput!, $options: WriteOptions) {
      submitWorkstreamReport(input: $input, options: $options) {
        version
        position
        changed
        replayed
        workstreamReport {
          id
          version
        }
      }
    }
  `),
  reportWorkstreamStatus: graphql(`
    mutation ReportWorkstreamStatus($input: ReportWorkstreamStatusInput!, $options: WriteOptions) {
      reportWorkstreamStatus(input: $input, options: $options) {
        version
        position
        changed
        replayed
        workstreamReport {
          id
          version
        }
      }
    }
  `),
  reviseWorkstreamReport: graphql(`
    mutation ReviseWorkstreamReport($input: ReviseWorkstreamReportInput!, $options: WriteOptions) {
      reviseWorkstreamReport(input: $input, options: $options) {
        version
        position
        changed
        replayed
        workstreamReport {
          id
          version
        }
      }
    }
  `),
  correctWorkstreamReport: graphql(`
    mutation CorrectWorkstreamReport($input: CorrectWorkstreamReportInput!, $options: WriteOptions) {
      correctWorkstreamReport(input: $input, options: $options) {
        version
        position
        changed
        replayed
        workstreamReport {
          id
          version
        }
      }
    }
  `),
  raiseRiskTheme: graphql(`
    mutation RaiseRiskTheme($input: RaiseRiskThemeInput!, $options: WriteOptions) {
      raiseRiskTheme(input: $input, options: $options) {
        version
        position
        changed
        replayed
        riskTheme {
          id
          version
        }
      }
    }
  `),
  reviseRiskTheme: graphql(`
    mutation ReviseRiskTheme($input: ReviseRiskThemeInput!, $options: WriteOptions) {
      reviseRiskTheme(input: $input, options: $options) {
        version
        position
        changed
        replayed
        riskTheme {
          id
          version
        }
      }
    }
  `),
  retireRiskTheme: graphql(`
    mutation RetireRiskTheme($input: RetireRiskThemeInput!, $options: WriteOptions) {
      retireRiskTheme(input: $input, options: $options) {
        version
        position
        changed
        replayed
        riskTheme {
          id
          version
        }
      }
    }
  `),
  correctRiskTheme: graphql(`
    mutation CorrectRiskTheme($input: CorrectRiskThemeInput!, $options: WriteOptions) {
      correctRiskTheme(input: $input, options: $options) {
        version
        position
        changed
        replayed
        riskTheme {
          id
          version
        }
      }
    }
  `),
} as const;

export type MutationName = keyof typeof mutations;
