// @involve/decide: counting rules for participatory budgeting, STV elections and sortition, with
// their file formats. Pure functions over plain data; never imports from the app.
export const decideVersion = '0.1.0';

// Participatory budgeting: pabulib files, greedy, Method of Equal Shares (with completions),
// sequential Phragmén, explanations.
export * from './pb/index.js';
export type {
  BallotGroup,
  BallotNote,
  BallotNoteKind,
  BltBallot,
  BltElection,
  CandidateState,
  LotDraw,
  LotSource,
  PreparedBallots,
  StageEvent,
  StageRow,
  StvOptions,
  StvResult,
  StvRule,
  StvStage,
  TieRecord,
} from './stv/index.js';
// Single transferable vote: BLT files, Scottish STV (2007 Order) and Meek, count sheets.
export {
  BltSyntaxError,
  countMeek,
  countScottish,
  countSheetCsv,
  countSheetText,
  countStv,
  freshSeed,
  parseBlt,
  prepareBallots,
  SplitMix64,
  writeBlt,
} from './stv/index.js';
