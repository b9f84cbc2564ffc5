export * from './view.ts';
export * from './events.ts';
export * from './commands.ts';
export * from './decider.ts';
export * from './module.ts';
export {
  changeProposalIdShape,
  changeProposalIdInput,
  changeProposalIdList,
  relateFields,
  relatedChangeProposalsChange,
  applyRelatedChangeProposalsChange,
  type RelatedChangeProposalsChanged,
} from './related-change-proposals.ts';
