// The citizens' assemblies module's public face: every business action, each asking the gate first,
// as plain async functions (deps, actor, input) → result. Routes, other modules and tests import
// from here; the actions live in files by sub-topic.

// ——— Helper A1's part: the assembly, quotas, invitations, registration, selection and members ———
export {
  type AssemblyDetail,
  type AssemblyInput,
  type AssemblySummary,
  assemblyDefaults,
  assemblyInputOf,
  checkAssembly,
  createAssembly,
  getAssembly,
  listAssemblies,
  moveAssemblyPhase,
  nextPhases,
  phaseLabels,
  updateAssembly,
} from './assemblies.js';
export {
  drawInvitations,
  type InvitationSummary,
  importAddresses,
  invitationLetters,
  invitationSummary,
  maxAddressLines,
  normaliseCode,
  sampleWithoutReplacement,
} from './invitations.js';
export { assemblyLimits } from './limits.js';
export { listMembers, type MemberListItem, type MemberResponse, openSeats, recordMemberResponse, respondToSelection, rotate } from './members.js';
export {
  checkQuotas,
  parseQuotasText,
  type QuotaComparisonLine,
  type QuotaInput,
  quotaComparison,
  quotasFromPopulation,
  quotasOf,
  setQuotas,
} from './quotas.js';
// ——— Helper A2's part ———
// The assembly's work: sessions, documents, recommendations and their answers, representativeness.
export {
  type AnswerInput,
  answerLabels,
  answerRecommendation,
  daysAfter,
  draftRecommendation,
  editRecommendation,
  getRecommendation,
  listRecommendations,
  openVoting,
  publishRecommendations,
  type RecommendationInput,
  type RecommendationItem,
  type Support,
  supportLabels,
  voteOnRecommendation,
} from './recommendations.js';
export type { AssembliesDeps, Feature } from './records.js';
export {
  checkCode,
  checkRegistration,
  listVolunteers,
  type MyRegistration,
  myRegistration,
  type RegistrationInput,
  register,
  type VolunteerDetails,
  type VolunteerListItem,
  withdraw,
} from './registration.js';
export {
  type Representation,
  type RepresentationFeature,
  type RepresentationValue,
  representation,
  smallestPoolGroup,
  suppressedText,
} from './representation.js';
export {
  computeSelection,
  type DrawInputs,
  type FeasibilityOutcome,
  feasibilityReport,
  getSelection,
  listSelections,
  requestSelection,
  type SelectionRecord,
  type SelectionRound,
  type SelectionSummary,
  selectionRecord,
} from './selection.js';
export { claimSelection, runQueuedSelections } from './selectionJob.js';
export { categoriesCsvOf, respondentsCsvOf } from './sortition.js';
export {
  type AssemblyDocument,
  type AssemblySession,
  addDocument,
  addSession,
  type DocumentInput,
  isMember,
  listDocuments,
  listSessions,
  type SessionInput,
} from './work.js';
