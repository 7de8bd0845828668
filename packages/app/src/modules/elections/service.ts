// The elections module's public face: every business action, each asking the gate first, as plain
// async functions (deps, actor, input) → result. Routes, other modules and tests import from here;
// the actions live in files by sub-topic, the plain rules (ranking, electorate file, ballot order,
// count) in their own files.

export {
  checkElection,
  createElection,
  type ElectionDetail,
  type ElectionInput,
  type ElectionSummary,
  electionDefaults,
  electionInput,
  getElection,
  listElections,
  updateElection,
} from './elections.js';
export { type ElectorateProblem, electorateColumns } from './electorate.js';
export { textLimits } from './limits.js';
export {
  addCandidate,
  type CandidateView,
  candidatePhoto,
  checkNomination,
  listCandidates,
  type NominationInput,
  NotEligibleError,
  nominate,
  nominationOf,
  withdrawNomination,
} from './nominations.js';
export { enterPaperBallot, importPaperBallots, type PaperInput, type PaperState, type PaperTyping, paperEntries, removePaperEntry } from './paper.js';
export { moveElectionPhase, nextPhases, type PhaseOptions, phaseLabels, seatElectedMembers } from './phases.js';
export { type Ranking, rankField, rankingFromForm, rankingFromRanks, ranksOf } from './ranking.js';
export type { ElectionsDeps } from './records.js';
export {
  type ConstituencyResult,
  findBallotReceipt,
  getElectionResult,
  listRecounts,
  publishedBlt,
  publishedCountSheet,
  type ReceiptFound,
  type RecountView,
  recountWithout,
} from './results.js';
export { constituenciesFromText, constituenciesText, electionRoles, wordCount } from './settings.js';
export { type CodeLetter, type ConstituencyTurnout, electorateSummary, importElectorate, issueVotingCodes } from './voters.js';
export { type BallotPaper, ballotForCode, castElectionBallot, codeMessages } from './voting.js';
