import type { CommandServices, ItemModule } from '../core/decider.ts';
import { milestoneId } from '../../schema/ids.ts';
import { milestoneCommandSchemas, type MilestoneCommand } from './commands.ts';
import { milestonePresenter } from './presenter.ts';
import { evolveMilestone, milestoneDecider, type MilestoneState } from './decider.ts';
import { milestoneEventDefinitions, type MilestoneEvent } from './events.ts';
import { milestoneKeyOf, resolveMilestoneKey } from './key.ts';
import type { MilestoneView } from './view.ts';

export const milestoneModule: ItemModule<MilestoneCommand, MilestoneEvent, MilestoneState, MilestoneView> = {
  kind: 'milestone',
  decider: milestoneDecider,
  events: milestoneEventDefinitions,
  streamOf: (command) =>
    command.type === 'BaselineMilestone'
      ? milestoneId(command.data.workstream, milestoneKeyOf(command.data))
      : milestoneId(command.data.workstream, command.data.key),
  // A milestone's stream is named by its id.
  itemIdOf: (stream) => stream,
  evolveView: evolveMilestone,
  idPrefix: 'milestone',
  commands: milestoneCommandSchemas,
  mutations: {
    baselineMilestone: 'BaselineMilestone',
    rebaselineMilestone: 'RebaselineMilestone',
    forecastMilestone: 'ForecastMilestone',
    reportMilestoneStatus: 'ReportMilestoneStatus',
    completeMilestone: 'CompleteMilestone',
    editMilestoneDescription: 'EditMilestoneDescription',
    relateMilestone: 'RelateMilestoneToChangeProposals',
    setMilestoneDisplayOrder: 'SetMilestoneDisplayOrder',
    correctMilestone: 'CorrectMilestone',
  },
  references: { BaselineMilestone: ['relatedChangeProposals'], RelateMilestoneToChangeProposals: ['add'] },
  completeCommand: Object.fromEntries(
    Object.keys(milestoneCommandSchemas)
      .filter((type) => type !== 'BaselineMilestone')
      .map((type) => [
        type,
        async (data: Readonly<Record<string, unknown>>, services: CommandServices) => {
          const workstream = String(data['workstream']);
          const key = String(data['key']);
          // A key the log knows is used as given; only another name is looked up.
          if (await services.streamExists(milestoneId(workstream, key))) return { ...data };
          return { ...data, key: resolveMilestoneKey(workstream, key, services.viewsOf('milestone') as MilestoneView[]) };
        },
      ]),
  ),
  presenter: milestonePresenter,
};
