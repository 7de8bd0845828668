// The participatory budgeting module's public face: every business action, each asking the gate
// first, as plain async functions (deps, actor, input) → result. Routes, other modules and tests
// import from here; the actions live in files by sub-topic.

export {
  addProject,
  commentOnIdea,
  getProject,
  type IdeaInput,
  listProjects,
  moderateComment,
  moderateIdea,
  moderationQueue,
  type ProjectView,
  proposeIdea,
  reviewProject,
  supportIdea,
} from './ideas.js';
export { textLimits } from './limits.js';
export { enterPaperBallot, type PaperState, paperEntries, removePaperEntry } from './paper.js';
export { moveBudgetPhase, nextPhases, type PhaseOptions, phaseLabels } from './phases.js';
export {
  type BudgetDetail,
  type BudgetInput,
  type BudgetSummary,
  budgetDefaults,
  checkBudget,
  createBudget,
  getBudget,
  inputOf,
  listBudgets,
  updateBudget,
} from './processes.js';
export type { BudgetsDeps } from './records.js';
export { findReceipt, getBudgetResult, publishedPbFile } from './results.js';
export { ballotFor, type CastInput, castBallot, createVotingCodes, importEligiblePeople, NotEligibleError, votingCodeCounts } from './voting.js';
