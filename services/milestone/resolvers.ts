import { commandMutations } from '../api/mutation.ts';
import type { MilestoneCommandType } from './commands.ts';

const mutations: Record<string, MilestoneCommandType> = {
  baselineMilestone: 'BaselineMilestone',
  rebaselineMilestone: 'RebaselineMilestone',
  forecastMilestone: 'ForecastMilestone',
  reportMilestoneStatus: 'ReportMilestoneStatus',
  completeMilestone: 'CompleteMilestone',
  editMilestoneDescription: 'EditMilestoneDescription',
  relateMilestone: 'RelateMilestoneToChangeProposals',
  correctMilestone: 'CorrectMilestone',
};

export const milestoneMutations = commandMutations('milestone', 'milestone', mutations);
