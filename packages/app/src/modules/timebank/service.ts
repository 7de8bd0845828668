// The time bank module's public face: every business action, each asking the gate first, as plain
// async functions (deps, actor, input) → result. Routes, other modules and tests import from here.

export {
  answerExchange,
  type ExchangeInput,
  type ExchangeView,
  getExchange,
  listExchanges,
  pendingExchanges,
  proposeExchange,
  recordExchange,
  reverseExchange,
} from './exchanges.js';
export { hoursNumber, hoursText, minutesFromHours, type TimebankDeps } from './records.js';
export { getStatement, type Statement, type StatementLine, statementCsv } from './statements.js';
export {
  addListing,
  createTimebank,
  getTimebank,
  hideListing,
  joinTimebank,
  type ListingView,
  listListings,
  listMembers,
  listTimebanks,
  type Membership,
  memberChoices,
  type TimebankDetail,
  type TimebankInput,
  type TimebankSummary,
} from './timebanks.js';
