// The social prescribing module's public face: every business action, each asking the gate first,
// as plain async functions (deps, actor, input) → result. Routes, other modules and tests import from
// here; the actions live in files by sub-topic.
export { type WellbeingChart, type WellbeingChartLine, wellbeingChart } from './charts.js';
export { median, type ReferralFigures, referralFigures, suppress, suppressedBelow, wellbeingChange } from './figures.js';
export { type GroupReferrals, groupReferrals } from './groups.js';
export {
  closeReasonLabels,
  connectionStatusLabels,
  conversationModeLabels,
  type SocialPrescribingDeps,
  sourceLabels,
  stateLabels,
  type Viewer,
} from './records.js';
export {
  createReferral,
  getReferral,
  myReferrals,
  type Organisation,
  type ReferralInput,
  type ReferralRecord,
  type ReferralSummary,
  referOptions,
  referralsMadeBy,
  socialPrescribingServices,
} from './referrals.js';
export { sendFollowUpReminders } from './reminders.js';
export {
  type CloseReason,
  type ConnectionStatus,
  type ConversationMode,
  closeReasons,
  connectionStatuses,
  conversationModes,
  type ReferralSource,
  type ReferralState,
  referralSources,
  referralStates,
  type WellbeingMoment,
  wellbeingMoments,
} from './schema.js';
export { checkOns4, type Ons4, type Ons4Key, ons4Measures, optionalOns4, recordWellbeing, type WellbeingInput, wellbeingMomentLabels } from './wellbeing.js';
export {
  addConnection,
  addConversation,
  type CaseloadItem,
  type CaseloadShow,
  type ConversationInput,
  caseload,
  caseloadShows,
  closeReferral,
  nextState,
  recordFirstContact,
  recordFollowUp,
  savePlan,
  scheduleFollowUp,
  setConnectionStatus,
  takeOn,
} from './work.js';
