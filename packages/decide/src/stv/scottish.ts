// Scottish STV: the count of the Scottish Local Government Elections Order 2007 (SSI 2007/42),
// schedule 1, rules 45 to 52, in exact fixed-point arithmetic: every figure is an integer number of
// hundred-thousandths of a vote (10^-5), so that "the calculation being made to five decimal places
// (any remainder being ignored)" (rule 48(3)) is an integer division.
//
// The reading of the Order, stage by stage (a "stage of the count" is the first count, one surplus
// transfer, or one exclusion; article 2):
//  45  First stage: each valid paper counts one vote for its first preference.
//  46  Quota = ⌊valid papers / (seats + 1)⌋ + 1, fixed for the whole count.
//  47  A candidate whose votes equal or exceed the quota at the end of a stage is elected. When
//      several are elected at once they are listed by votes, most first (as droop lists them).
//  48  The surplus (votes − quota) of an elected candidate is transferred: every paper the
//      candidate holds goes to its next available preference at transfer value
//      ⌊surplus × (value of the paper when received) / (candidate's total votes)⌋ to 5 places;
//      papers with no next available preference are non-transferable. The candidate keeps the quota;
//      what the truncation cuts off is recorded as "lost".
//  49  One surplus per stage, the largest first. Equal surpluses: the candidate with more votes at
//      the most recent earlier stage at which they differed goes first; equal at every stage: lot.
//      A candidate elected with exactly the quota has no surplus, so no stage transfers it.
//  50  With no surplus left to transfer, the continuing candidate with the fewest votes is excluded
//      and all their papers go on, each at the value it had, in a single stage.
//  51  Equal lowest: the one with fewer votes at the most recent earlier stage at which they
//      differed is excluded; equal at every stage: lot. (With three or more tied, the comparison
//      keeps those sharing the lowest figure at each earlier stage, going back, as droop does.)
//  52  When the continuing candidates are no more than the vacancies, they are all elected (in
//      order on the ballot paper) and nothing more is transferred; the count also ends once every
//      seat is filled.
// This is the reading of droop 0.14's rule "scotland", the reference the tests compare with.

import { type PreparedBallots, prepareBallots } from './ballots.js';
import type { BltElection } from './blt.js';
import { type LotSource, Lots } from './lot.js';
import type { CandidateState, StageEvent, StageFields, StvResult, StvStage, TieRecord } from './result.js';
import { firstPreferencesStage, formatFixed, stageFigures, stvResult } from './result.js';

const DECIMALS = 5;
const SCALE = 10n ** BigInt(DECIMALS);

export interface ScottishOptions {
  lot: LotSource;
}

export function countScottish(election: BltElection, options: ScottishOptions, prepared: PreparedBallots = prepareBallots(election)): StvResult {
  const n = election.candidates.length;
  const names = election.candidates;
  const fmt = (v: bigint) => formatFixed(v, DECIMALS);
  const lots = new Lots(options.lot);
  const state: CandidateState[] = names.map((_, i) => (election.withdrawn.includes(i + 1) ? 'withdrawn' : 'continuing'));
  const pending: boolean[] = new Array(n).fill(false);
  const votes: bigint[] = new Array(n).fill(0n);
  const piles: number[][] = names.map(() => []);
  const { groups } = prepared;
  const position = new Int32Array(groups.length);
  const value: bigint[] = new Array(groups.length).fill(SCALE); // value of each paper in the group
  const count: bigint[] = groups.map((g) => BigInt(g.weight));
  const quotaVotes = Math.floor(prepared.valid / (election.seats + 1)) + 1;
  const quota = BigInt(quotaVotes) * SCALE;
  const history: bigint[][] = []; // votes at the end of each stage, for rules 49(2) and 51(2)
  const stages: StvStage[] = [];
  const electedOrder: number[] = [];
  const electedAtStage: number[] = [];
  let nonTransferable = 0n;
  let lost = 0n;
  let previousNonTransferable = 0n;
  let previousLost = 0n;

  const continuing = () => state.flatMap((s, i) => (s === 'continuing' ? [i] : []));
  const seatsLeft = () => election.seats - electedOrder.length;
  const complete = () => seatsLeft() <= 0 || continuing().length <= seatsLeft();

  /** Moves a group of papers to its next available preference, or to the non-transferable parcel. */
  const passOn = (g: number) => {
    const prefs = (groups[g] as PreparedBallots['groups'][number]).preferences;
    let p = position[g] as number;
    while (p < prefs.length && state[prefs[p] as number] !== 'continuing') p++;
    position[g] = p;
    const papersValue = (value[g] as bigint) * (count[g] as bigint);
    if (p >= prefs.length) {
      nonTransferable += papersValue;
      return papersValue;
    }
    const to = prefs[p] as number;
    votes[to] = (votes[to] as bigint) + papersValue;
    (piles[to] as number[]).push(g);
    return 0n;
  };

  // Ties (rules 49(2)-(3) and 51(2)): go back through the stages; then draw a lot.
  const breakTie = (tied: number[], lowest: boolean, stageNumber: number, purpose: string, ties: TieRecord[]): number => {
    if (tied.length === 1) return tied[0] as number;
    let remaining = [...tied].sort((a, b) => a - b);
    for (let s = history.length - 1; s >= 0; s--) {
      const at = history[s] as bigint[];
      let extreme = at[remaining[0] as number] as bigint;
      for (const c of remaining) {
        const v = at[c] as bigint;
        if (lowest ? v < extreme : v > extreme) extreme = v;
      }
      remaining = remaining.filter((c) => at[c] === extreme);
      if (remaining.length === 1) {
        const chosen = remaining[0] as number;
        ties.push({ purpose, tied: tied.map((c) => names[c] as string), chosen: names[chosen] as string, decidedBy: `stage ${s + 1}` });
        return chosen;
      }
    }
    const chosen = lots.draw(remaining, stageNumber, purpose);
    ties.push({ purpose, tied: tied.map((c) => names[c] as string), chosen: names[chosen] as string, decidedBy: 'lot' });
    return chosen;
  };

  const makeStage = (fields: StageFields): StvStage => {
    const before = history[history.length - 1];
    const total = votes.reduce((a, b) => a + b, 0n) + nonTransferable + lost;
    const stage: StvStage = {
      ...fields,
      quota: fmt(quota),
      ...stageFigures({ names, state, votes, before, nonTransferable, previousNonTransferable, lost, previousLost }, fmt),
      total: fmt(total),
    };
    previousNonTransferable = nonTransferable;
    previousLost = lost;
    return stage;
  };

  /** Rule 47: everyone at or over the quota is elected, most votes first. */
  const electWithQuota = (stageNumber: number, elected: StageEvent[]) => {
    const reached = continuing()
      .filter((c) => (votes[c] as bigint) >= quota)
      .sort((a, b) => {
        const d = (votes[b] as bigint) - (votes[a] as bigint);
        return d > 0n ? 1 : d < 0n ? -1 : b - a;
      });
    for (const c of reached) {
      state[c] = 'elected';
      pending[c] = (votes[c] as bigint) > quota;
      electedOrder.push(c);
      electedAtStage.push(stageNumber);
      elected.push({ id: c + 1, name: names[c] as string, reason: `${fmt(votes[c] as bigint)} votes reach the quota of ${quotaVotes} (rule 47)` });
    }
  };

  /** Rule 52: the continuing candidates fill the last vacancies, in order on the ballot paper. */
  const electRemaining = (stageNumber: number, elected: StageEvent[]) => {
    if (continuing().length > seatsLeft()) return;
    for (const c of continuing()) {
      state[c] = 'elected';
      electedOrder.push(c);
      electedAtStage.push(stageNumber);
      elected.push({ id: c + 1, name: names[c] as string, reason: 'continuing candidates are no more than the vacancies left (rule 52)' });
    }
  };

  // Rule 45: first stage.
  for (let g = 0; g < groups.length; g++) passOn(g);
  let stageNumber = 1;
  let fields = firstPreferencesStage(`First preferences of ${prepared.valid} valid ballot papers (rule 45); quota ${quotaVotes} (rule 46)`);
  let { elected, excluded, ties } = fields;
  electWithQuota(stageNumber, elected);

  for (;;) {
    if (complete()) {
      electRemaining(stageNumber, elected);
      stages.push(makeStage(fields));
      history.push([...votes]);
      break;
    }
    stages.push(makeStage(fields));
    history.push([...votes]);
    stageNumber++;
    elected = [];
    excluded = [];
    ties = [];
    const withSurplus = state.flatMap((s, i) => (s === 'elected' && pending[i] ? [i] : []));
    if (withSurplus.length > 0) {
      // Rules 48-49: transfer the largest surplus.
      let high = withSurplus[0] as number;
      for (const c of withSurplus) if ((votes[c] as bigint) > (votes[high] as bigint)) high = c;
      const tied = withSurplus.filter((c) => votes[c] === votes[high]);
      const from = breakTie(tied, false, stageNumber, 'whose surplus to transfer first (rule 49)', ties);
      const total = votes[from] as bigint;
      const surplus = total - quota;
      const pile = piles[from] as number[];
      piles[from] = [];
      votes[from] = quota;
      pending[from] = false;
      let passed = 0n;
      for (const g of pile) {
        value[g] = ((value[g] as bigint) * surplus) / total;
        position[g] = (position[g] as number) + 1;
        passed += (value[g] as bigint) * (count[g] as bigint);
        passOn(g);
      }
      lost += surplus - passed;
      fields = {
        stage: stageNumber,
        action: 'surplus',
        description: `Surplus of ${names[from]} (${fmt(surplus)}) transferred (rule 48)`,
        candidateId: from + 1,
        candidate: names[from] as string,
        surplus: fmt(surplus),
        transferValue: fmt((SCALE * surplus) / total),
        elected,
        excluded,
        ties,
      };
      electWithQuota(stageNumber, elected);
      continue;
    }
    // Rules 50-51: exclude the lowest continuing candidate.
    const candidates = continuing();
    let low = candidates[0] as number;
    for (const c of candidates) if ((votes[c] as bigint) < (votes[low] as bigint)) low = c;
    const tied = candidates.filter((c) => votes[c] === votes[low]);
    const out = breakTie(tied, true, stageNumber, 'whom to exclude (rule 51)', ties);
    state[out] = 'excluded';
    excluded.push({ id: out + 1, name: names[out] as string, reason: `fewest votes (${fmt(votes[out] as bigint)}) with no surplus to transfer (rule 50)` });
    const pile = piles[out] as number[];
    piles[out] = [];
    votes[out] = 0n;
    for (const g of pile) {
      position[g] = (position[g] as number) + 1;
      passOn(g);
    }
    fields = {
      stage: stageNumber,
      action: 'exclusion',
      description: `${names[out]} excluded; their papers transferred at their current values (rule 50)`,
      candidateId: out + 1,
      candidate: names[out] as string,
      elected,
      excluded,
      ties,
    };
    if (!complete()) electWithQuota(stageNumber, elected);
  }

  return stvResult(
    {
      rule: 'scottish',
      method: 'Scottish STV: the Scottish Local Government Elections Order 2007 (SSI 2007/42), schedule 1, rules 45-52; 5 decimal places, remainders ignored',
      quota: String(quotaVotes),
      decimals: DECIMALS,
    },
    { election, prepared, electedOrder, electedAtStage, stages, lot: options.lot, lotsDrawn: lots.draws },
  );
}
