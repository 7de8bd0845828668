// Participatory budgeting: the pabulib .pb format, the counting rules and their explanations.
export { equalSharesAdd1, equalSharesGreedy } from './completion.js';
export {
  type ApprovalProfile,
  approvalProfile,
  compareIds,
  type PbElection,
  type PbProject,
  type PbVoter,
  supportedProjects,
  type VoteType,
  voteTypes,
} from './election.js';
export { explanationText } from './explain.js';
export { PbFormatError, readPb, writePb } from './format.js';
export { greedyWelfare } from './greedy.js';
export { EqualSharesCounter, equalShares } from './mes.js';
export type * from './outcome.js';
export { sequentialPhragmen } from './phragmen.js';
export { type ProjectExplanationOptions, projectExplanations, projectSupport } from './projectExplanations.js';
export { formatRational, parseRational, type Rational } from './rational.js';
export { countPb, countProfile, isPbRule, outcomeOf, type PbOutcome, type PbRule, pbRules, pbRuleTitles } from './rules.js';
