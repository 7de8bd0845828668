// Single transferable vote: read a BLT file, count it under Scottish STV or Meek STV, and write the
// count sheet. See docs/stv.md for the rules, their sources and the check against droop.

import { prepareBallots } from './ballots.js';
import type { BltElection } from './blt.js';
import type { LotSource } from './lot.js';
import { countMeek } from './meek.js';
import type { StvResult, StvRule } from './result.js';
import { countScottish } from './scottish.js';

export type { BallotGroup, BallotNote, BallotNoteKind, PreparedBallots } from './ballots.js';
export { prepareBallots } from './ballots.js';
export type { BltBallot, BltElection } from './blt.js';
export { BltSyntaxError, parseBlt, writeBlt } from './blt.js';
export type { LotDraw, LotSource } from './lot.js';
export { freshSeed, SplitMix64 } from './lot.js';
export { countMeek } from './meek.js';
export type { CandidateState, StageEvent, StageRow, StvResult, StvRule, StvStage, TieRecord } from './result.js';
export { countScottish } from './scottish.js';
export { countSheetCsv, countSheetText } from './sheet.js';

export interface StvOptions {
  rule: StvRule;
  /** Where lots come from when the rules cannot separate tied candidates. */
  lot: LotSource;
}

/** Counts an election under the chosen rule. */
export function countStv(election: BltElection, options: StvOptions): StvResult {
  const prepared = prepareBallots(election);
  if (prepared.valid === 0) throw new Error('There are no valid ballot papers to count.');
  return options.rule === 'scottish' ? countScottish(election, { lot: options.lot }, prepared) : countMeek(election, { lot: options.lot }, prepared);
}
