// The meetings module's public face: the only file other modules (and its own routes) import.
// Meetings of the registry's bodies, their agendas and papers, the public's questions and
// registrations, and the minutes and decisions after them. Plain data in and out; every action asks
// the gate first.
export {
  addItem,
  addPaper,
  type ItemDecisionInput,
  type ItemInput,
  moveItemUp,
  type PaperUpload,
  paperFile,
  publishPapers,
  recordItemDecision,
  recordMinutes,
  removeItem,
  tellFollowersPapersPublished,
} from './agenda.js';
export { type CalendarMeeting, meetingsCalendar } from './calendar.js';
export {
  type AgendaItem,
  accessOf,
  type CalendarScope,
  calendarMeetings,
  createMeeting,
  getMeeting,
  listMeetings,
  type MeetingDetail,
  type MeetingFilter,
  type MeetingListItem,
  type MeetingsDeps,
  type PublishedQuestion,
  setMeetingStatus,
  updateMeeting,
} from './meetings.js';
export {
  askQuestion,
  type ModerationInput,
  moderateQuestion,
  type QuestionForStaff,
  type QuestionInput,
  questionsForModeration,
  type RegistrationForStaff,
  type RegistrationInput,
  registerToAttend,
  registrationsOf,
} from './participation.js';
export { formatLondon, fromLondon, type MeetingForm } from './rules.js';
