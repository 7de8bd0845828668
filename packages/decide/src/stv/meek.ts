// Meek STV: the method of B. L. Meek ("Une nouvelle approche du scrutin transférable", Mathématiques
// et sciences humaines 25, 1969), as published by Hill, Wichmann and Woodall ("Algorithm 123 — Single
// transferable vote by Meek's method", The Computer Journal 30(3), 1987), in the parametric form
// counted by droop 0.14 with its defaults: the reference whose results the tests compare with.
//
// Every candidate has a keep factor: 1 while hopeful, 0 once excluded, and for an elected
// candidate the share of each vote reaching them that they keep. Every paper is passed down its
// preferences: each candidate keeps (weight × keep factor) and passes on weight × (1 − keep factor).
// Votes that pass the last preference are non-transferable, so the quota
// (total votes credited to candidates / (seats + 1)) falls as the count goes on.
//
// A round iterates: distribute every paper; elect every hopeful candidate above the quota; if one
// was elected, the round ends. Otherwise the round ends when the total surplus of the elected is at
// most omega = 10^-9 of a vote, or stops falling ("stable"), or when a batch of "sure losers" can be
// excluded together (droop's defeat_batch=safe: the lowest candidates whose votes together, plus the
// surplus, are below the next candidate's, leaving enough candidates for the seats). Otherwise each
// elected candidate's keep factor becomes kf × quota / votes, and the iteration goes on. A round
// that does not elect excludes the batch, or else the lowest hopeful candidate; candidates whose
// votes are within the surplus of the lowest count as tied, and the tie is decided by lot. The count
// ends when the hopeful candidates are no more than the seats left, which they then fill.
//
// Arithmetic is droop's "guarded" fixed point, exactly: integers in units of 10^-27 (18 digits of
// precision and 9 guard digits); products and quotients are cut off (floor); two values that differ
// by less than half a unit of the 9th guard digit (5 × 10^-19 of a vote) compare equal. Keep
// factors are updated as ⌊⌊kf × quota⌋ / votes⌋ and a paper's weight after a candidate is
// ⌊weight × (1 − kf)⌋ (droop's "OpenSTV" split), so figures agree with droop's to the last digit.

import { type PreparedBallots, prepareBallots } from './ballots.js';
import type { BltElection } from './blt.js';
import { type LotSource, Lots } from './lot.js';
import type { CandidateState, StageEvent, StageFields, StvResult, StvStage } from './result.js';
import { firstPreferencesStage, formatFixed, stageFigures, stvResult } from './result.js';

const PRECISION = 18;
const GUARD = 9;
const DIGITS = PRECISION + GUARD;
const S = 10n ** BigInt(DIGITS); // one vote
const GEPS = 10n ** BigInt(GUARD) / 2n; // values closer than this are equal
const OMEGA = S / 10n ** 9n;

/** droop's guarded comparison: -1, 0 or 1, treating values within GEPS as equal. */
function cmp(a: bigint, b: bigint): number {
  const d = a - b;
  if (d < GEPS && d > -GEPS) return 0;
  return d > 0n ? 1 : -1;
}

export interface MeekOptions {
  lot: LotSource;
}

/** The ballots as a prefix tree: papers that share their first preferences share the work. */
class BallotTree {
  readonly candidate: number[] = [];
  readonly through: bigint[] = []; // papers passing through this node
  readonly ending: bigint[] = []; // papers whose last preference is this node
  readonly children: number[][] = [];
  readonly roots: number[] = [];

  constructor(groups: PreparedBallots['groups']) {
    const index = new Map<string, number>();
    for (const group of groups) {
      let parent = -1;
      const weight = BigInt(group.weight);
      for (const c of group.preferences) {
        const key = `${parent}:${c}`;
        let node = index.get(key);
        if (node === undefined) {
          node = this.candidate.length;
          index.set(key, node);
          this.candidate.push(c);
          this.through.push(0n);
          this.ending.push(0n);
          this.children.push([]);
          if (parent < 0) this.roots.push(node);
          else (this.children[parent] as number[]).push(node);
        }
        this.through[node] = (this.through[node] as bigint) + weight;
        parent = node;
      }
      this.ending[parent] = (this.ending[parent] as bigint) + weight;
    }
  }
}

export function countMeek(election: BltElection, options: MeekOptions, prepared: PreparedBallots = prepareBallots(election)): StvResult {
  const n = election.candidates.length;
  const names = election.candidates;
  const fmt = (v: bigint) => formatFixed(v, DIGITS, PRECISION);
  const lots = new Lots(options.lot);
  const tree = new BallotTree(prepared.groups);
  const state: CandidateState[] = names.map((_, i) => (election.withdrawn.includes(i + 1) ? 'withdrawn' : 'continuing'));
  const keep: bigint[] = names.map((_, i) => (state[i] === 'withdrawn' ? 0n : S));
  const votes: bigint[] = new Array(n).fill(0n);
  const valid = BigInt(prepared.valid) * S;
  const seats = BigInt(election.seats + 1);
  let nonTransferable = 0n;
  let quota = valid / seats;
  let surplus = 0n;
  const electedOrder: number[] = [];
  const electedAtStage: number[] = [];
  const stages: StvStage[] = [];
  let previous: bigint[] | undefined;
  let previousNonTransferable = 0n;
  let previousLost = 0n;

  const hopeful = () => state.flatMap((s, i) => (s === 'continuing' ? [i] : []));
  const seatsLeft = () => election.seats - electedOrder.length;
  const complete = () => seatsLeft() <= 0 || hopeful().length <= seatsLeft();

  // Pass every paper down its preferences with the current keep factors.
  const { candidate, through, ending, children } = tree;
  const visit = (node: number, weight: bigint) => {
    const c = candidate[node] as number;
    const k = keep[c] as bigint;
    let w = weight;
    if (k !== 0n) {
      if (k === S) {
        votes[c] = (votes[c] as bigint) + w * (through[node] as bigint); // a hopeful candidate keeps it all
        return;
      }
      votes[c] = (votes[c] as bigint) + ((w * k) / S) * (through[node] as bigint);
      w = (w * (S - k)) / S;
      if (w < GEPS) return; // droop stops a paper whose weight compares equal to 0
    }
    const ends = ending[node] as bigint;
    if (ends !== 0n) nonTransferable += w * ends;
    for (const child of children[node] as number[]) visit(child, w);
  };
  const distribute = () => {
    votes.fill(0n);
    nonTransferable = 0n;
    for (const root of tree.roots) visit(root, S);
  };

  const elect = (c: number, stageNumber: number, reason: string, events: StageEvent[]) => {
    state[c] = 'elected';
    electedOrder.push(c);
    electedAtStage.push(stageNumber);
    events.push({ id: c + 1, name: names[c] as string, reason });
  };
  const exclude = (c: number, reason: string, events: StageEvent[]) => {
    state[c] = 'excluded';
    keep[c] = 0n;
    events.push({ id: c + 1, name: names[c] as string, reason });
  };

  /** droop's defeat_batch=safe: the largest group of lowest candidates who cannot catch up. */
  const sureLosers = (): number[] => {
    const sorted = hopeful().sort((a, b) => cmp(votes[a] as bigint, votes[b] as bigint) || a - b);
    const groups: number[][] = [];
    let group: number[] = [];
    let base = 0n;
    for (const c of sorted) {
      if (cmp(base + surplus, votes[c] as bigint) >= 0) {
        group.push(c);
      } else {
        if (group.length > 0) groups.push(group);
        group = [c];
        base = votes[c] as bigint;
      }
    }
    if (group.length > 0) groups.push(group);
    const maxDefeat = sorted.length - seatsLeft();
    let total = 0n;
    let taken = 0;
    let last = -1;
    for (let g = 0; g < groups.length - 1; g++) {
      const members = groups[g] as number[];
      taken += members.length;
      if (taken > maxDefeat) break;
      for (const c of members) total += votes[c] as bigint;
      if (cmp(total + surplus, votes[(groups[g + 1] as number[])[0] as number] as bigint) < 0) last = g;
    }
    return groups.slice(0, last + 1).flat();
  };

  const iterate = (
    stageNumber: number,
    events: StageEvent[],
  ): { stoppedBecause: 'elected' | 'omega' | 'stable' | 'batch'; iterations: number; batch: number[] } => {
    let lastSurplus = valid;
    for (let iterations = 1; ; iterations++) {
      distribute();
      let total = 0n;
      for (const v of votes) total += v;
      quota = total / seats;
      let electedNow = false;
      for (const c of hopeful()) {
        if (cmp(votes[c] as bigint, quota) > 0) {
          elect(c, stageNumber, `${fmt(votes[c] as bigint)} votes exceed the quota of ${fmt(quota)}`, events);
          electedNow = true;
        }
      }
      surplus = 0n;
      for (let c = 0; c < n; c++) if (state[c] === 'elected') surplus += (votes[c] as bigint) - quota;
      if (electedNow) return { stoppedBecause: 'elected', iterations, batch: [] };
      if (cmp(surplus, OMEGA) <= 0) return { stoppedBecause: 'omega', iterations, batch: [] };
      if (cmp(surplus, lastSurplus) >= 0) return { stoppedBecause: 'stable', iterations, batch: [] };
      const batch = sureLosers();
      if (batch.length > 0) return { stoppedBecause: 'batch', iterations, batch };
      lastSurplus = surplus;
      for (let c = 0; c < n; c++) {
        // (An elected candidate always has votes; the test only keeps a degenerate count from dividing by 0.)
        if (state[c] === 'elected' && votes[c] !== 0n) keep[c] = ((((keep[c] as bigint) * quota) / S) * S) / (votes[c] as bigint);
      }
    }
  };

  const makeStage = (fields: StageFields): StvStage => {
    let credited = 0n;
    for (const v of votes) credited += v;
    const lost = valid - credited - nonTransferable;
    const stage: StvStage = {
      ...fields,
      quota: fmt(quota),
      ...stageFigures({ names, state, votes, before: previous, keepFactors: keepShown, nonTransferable, previousNonTransferable, lost, previousLost }, fmt),
      total: fmt(valid),
    };
    previous = [...votes];
    previousNonTransferable = nonTransferable;
    previousLost = lost;
    return stage;
  };

  // First preferences (droop's round 0).
  distribute();
  let keepShown = [...keep]; // keep factors of the distribution a stage shows (before its exclusions)
  let fields = firstPreferencesStage(`First preferences of ${prepared.valid} valid ballot papers; quota ${fmt(quota)}`);
  let { elected, excluded, ties } = fields;
  const firstQuota = quota;
  let stageNumber = 1;
  while (!complete()) {
    stages.push(makeStage(fields));
    stageNumber++;
    elected = [];
    excluded = [];
    ties = [];
    const { stoppedBecause, iterations, batch } = iterate(stageNumber, elected);
    keepShown = [...keep];
    const meek = { iterations, stoppedBecause, surplus: fmt(surplus) };
    fields = { stage: stageNumber, action: 'meek-round', description: '', elected, excluded, ties, meek };
    if (stoppedBecause === 'elected') {
      fields.description = `Round ${stageNumber - 1}: ${elected.map((e) => e.name).join(', ')} elected after ${iterations} iteration${iterations === 1 ? '' : 's'}`;
      continue;
    }
    if (stoppedBecause === 'batch') {
      for (const c of batch) exclude(c, `sure loser: with the total surplus (${fmt(surplus)}) cannot overtake the next candidate`, excluded);
      fields.description = `Round ${stageNumber - 1}: ${excluded.map((e) => e.name).join(', ')} excluded together as sure losers after ${iterations} iteration${iterations === 1 ? '' : 's'}`;
      continue;
    }
    const candidates = hopeful();
    let low = votes[candidates[0] as number] as bigint;
    for (const c of candidates) if ((votes[c] as bigint) < low) low = votes[c] as bigint;
    const tied = candidates.filter((c) => cmp(low + surplus, votes[c] as bigint) >= 0);
    let out = tied[0] as number;
    if (tied.length > 1) {
      const purpose = 'whom to exclude (votes within the surplus of the lowest)';
      out = lots.draw(tied, stageNumber, purpose);
      ties.push({ purpose, tied: tied.map((c) => names[c] as string), chosen: names[out] as string, decidedBy: 'lot' });
    }
    const why = stoppedBecause === 'omega' ? `the surplus ${fmt(surplus)} is at most omega (10^-9)` : `the surplus ${fmt(surplus)} stopped falling`;
    exclude(out, `lowest votes (${fmt(votes[out] as bigint)}) once ${why}`, excluded);
    fields.description = `Round ${stageNumber - 1}: ${names[out]} excluded after ${iterations} iteration${iterations === 1 ? '' : 's'}`;
  }
  for (const c of hopeful()) {
    if (seatsLeft() > 0) elect(c, stageNumber, 'hopeful candidates are no more than the seats left', elected);
  }
  stages.push(makeStage(fields));

  return stvResult(
    {
      rule: 'meek',
      method:
        "Meek STV (Hill, Wichmann and Woodall, Computer Journal 30(3), 1987) as counted by droop 0.14's rule meek with its defaults: guarded fixed point (18 digits + 9 guard), omega 10^-9, defeat_batch safe",
      quota: fmt(firstQuota),
      decimals: PRECISION,
    },
    { election, prepared, electedOrder, electedAtStage, stages, lot: options.lot, lotsDrawn: lots.draws },
  );
}
