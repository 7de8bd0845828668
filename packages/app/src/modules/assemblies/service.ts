// The citizens' assemblies module's public face: every business action, each asking the gate first,
// as plain async functions (deps, actor, input) → result. Routes, other modules and tests import
// from here; the actions live in files by sub-topic.

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
export {
  type Representation,
  type RepresentationFeature,
  type RepresentationValue,
  representation,
  smallestPoolGroup,
  suppressedText,
} from './representation.js';
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
