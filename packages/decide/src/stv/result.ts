// The result of an STV count: the count sheet (every stage with each candidate's votes, the
// transfers, the non-transferable votes, who was elected or excluded and why), the order of
// election, the lots drawn and the seed, and the notes on ballots that were read as the rules say.
// Every figure is a decimal string written from exact integers, never a float.

import type { BallotNote, BallotNoteKind, PreparedBallots } from './ballots.js';
import type { BltElection } from './blt.js';
import type { LotDraw, LotSource } from './lot.js';

export type StvRule = 'scottish' | 'meek';

export type CandidateState = 'continuing' | 'elected' | 'excluded' | 'withdrawn';

export interface StageRow {
  id: number;
  name: string;
  /** Votes gained (or lost, negative) at this stage. */
  change: string;
  /** Votes at the end of this stage (Meek: in the round's last iteration, on which its decision rests). */
  votes: string;
  /** State at the end of this stage. */
  state: CandidateState;
  /** Meek only: the keep factor of the distribution shown (the round's last iteration, before its exclusions). */
  keepFactor?: string;
}

export interface StageEvent {
  id: number;
  name: string;
  /** Why, in words, with the rule it follows. */
  reason: string;
}

export interface TieRecord {
  purpose: string;
  tied: string[];
  chosen: string;
  /** How the tie was broken: "stage N" (the most recent earlier stage at which they differed) or "lot". */
  decidedBy: string;
}

export interface StvStage {
  stage: number;
  action: 'first-preferences' | 'surplus' | 'exclusion' | 'meek-round';
  description: string;
  /** The candidate whose surplus is transferred or who is excluded at this stage. */
  candidateId?: number;
  candidate?: string;
  /** Scottish surplus stages: the surplus transferred. */
  surplus?: string;
  /** Scottish surplus stages: the transfer value of a paper that came to the candidate at value 1. */
  transferValue?: string;
  quota: string;
  rows: StageRow[];
  /** Votes on papers with no next available preference. */
  nonTransferable: { change: string; total: string };
  /** Votes lost because figures are cut to the rule's decimal places (Scottish: rule 48(3)). */
  lost: { change: string; total: string };
  /** Votes credited to candidates + non-transferable + lost: always the number of valid papers. */
  total: string;
  elected: StageEvent[];
  excluded: StageEvent[];
  ties: TieRecord[];
  /** Meek rounds: how the iteration went. */
  meek?: {
    iterations: number;
    /** Why the iteration stopped: a candidate reached the quota, the surplus fell to omega, the surplus stopped falling, or sure losers could be excluded together. */
    stoppedBecause: 'elected' | 'omega' | 'stable' | 'batch';
    /** Total surplus of the elected candidates at the end of the round. */
    surplus: string;
  };
}

/** What a rule says of a stage; the figures (quota, rows, non-transferable, lost, total) come from the count. */
export type StageFields = Omit<StvStage, 'quota' | 'rows' | 'nonTransferable' | 'lost' | 'total'>;

export interface StvResult {
  rule: StvRule;
  /** The rule in words, with its source. */
  method: string;
  title: string;
  seats: number;
  /** Scottish: the quota (rule 46). Meek: the quota of the first round (it falls as votes become non-transferable). */
  quota: string;
  /** Decimal places of the figures. */
  decimals: number;
  validBallots: number;
  invalidBallots: number;
  candidates: { id: number; name: string; withdrawn: boolean }[];
  /** Names in order of election. */
  elected: string[];
  electedIds: number[];
  /** Stage (1-based) at which each elected candidate was elected, in the same order. */
  electedAtStage: number[];
  stages: StvStage[];
  /** Where lots come from; with a seed, the count can be repeated to the letter. */
  lot: { method: 'seeded'; generator: 'SplitMix64'; seed: number } | { method: 'candidate-order' };
  lotsDrawn: { stage: number; purpose: string; tied: string[]; chosen: string }[];
  ballotNotes: {
    /** Papers affected, by kind. */
    summary: Partial<Record<BallotNoteKind, { lines: number; papers: number }>>;
    notes: BallotNote[];
  };
}

export function lotDescription(source: LotSource): StvResult['lot'] {
  return source.method === 'seeded' ? { method: 'seeded', generator: 'SplitMix64', seed: source.seed } : { method: 'candidate-order' };
}

export function summariseNotes(notes: BallotNote[]): StvResult['ballotNotes'] {
  const summary: StvResult['ballotNotes']['summary'] = {};
  for (const note of notes) {
    const entry = summary[note.kind] ?? { lines: 0, papers: 0 };
    entry.lines++;
    entry.papers += note.weight;
    summary[note.kind] = entry;
  }
  return { summary, notes };
}

/**
 * Writes a fixed-point integer (value / 10^scale) as a decimal with `digits` places. When digits is
 * less than scale the last shown digit is rounded half up (away from zero), as droop displays.
 */
export function formatFixed(value: bigint, scale: number, digits: number = scale): string {
  const negative = value < 0n;
  let v = negative ? -value : value;
  if (digits < scale) {
    const unit = 10n ** BigInt(scale - digits);
    v = (v + unit / 2n) / unit;
  } else if (digits > scale) {
    v *= 10n ** BigInt(digits - scale);
  }
  const text = v.toString().padStart(digits + 1, '0');
  const whole = text.slice(0, text.length - digits);
  const fraction = text.slice(text.length - digits);
  const body = digits > 0 ? `${whole}.${fraction}` : whole;
  return negative && v !== 0n ? `-${body}` : body;
}

/** The first stage (first preferences), with nothing yet elected, excluded or decided by a tie. */
export function firstPreferencesStage(description: string): StageFields {
  return { stage: 1, action: 'first-preferences', description, elected: [], excluded: [], ties: [] };
}

/** A count's figures at the end of a stage, and at the end of the stage before. */
export interface StageTally {
  names: string[];
  state: CandidateState[];
  votes: bigint[];
  /** Votes at the end of the stage before; none before the first stage. */
  before: bigint[] | undefined;
  nonTransferable: bigint;
  previousNonTransferable: bigint;
  lost: bigint;
  previousLost: bigint;
  /** Meek only: the keep factors of the distribution shown. */
  keepFactors?: bigint[];
}

/** A stage's rows, non-transferable and lost votes, each with its change since the stage before, as both rules write them. */
export function stageFigures(tally: StageTally, fmt: (value: bigint) => string): Pick<StvStage, 'rows' | 'nonTransferable' | 'lost'> {
  const { votes, before, keepFactors } = tally;
  return {
    rows: tally.names.map((name, i) => {
      const row: StageRow = {
        id: i + 1,
        name,
        change: fmt((votes[i] as bigint) - (before ? (before[i] as bigint) : 0n)),
        votes: fmt(votes[i] as bigint),
        state: tally.state[i] as CandidateState,
      };
      if (keepFactors) row.keepFactor = fmt(keepFactors[i] as bigint);
      return row;
    }),
    nonTransferable: { change: fmt(tally.nonTransferable - tally.previousNonTransferable), total: fmt(tally.nonTransferable) },
    lost: { change: fmt(tally.lost - tally.previousLost), total: fmt(tally.lost) },
  };
}

/** What a finished count comes to, whichever rule counted it. */
export interface FinishedCount {
  election: BltElection;
  prepared: PreparedBallots;
  /** Candidates (0-based) in order of election. */
  electedOrder: number[];
  electedAtStage: number[];
  stages: StvStage[];
  lot: LotSource;
  lotsDrawn: LotDraw[];
}

/** The result of a count: the rule's own description and quota, and the rest as every rule reports it. */
export function stvResult(rule: Pick<StvResult, 'rule' | 'method' | 'quota' | 'decimals'>, count: FinishedCount): StvResult {
  const { election, prepared } = count;
  const names = election.candidates;
  return {
    rule: rule.rule,
    method: rule.method,
    title: election.title,
    seats: election.seats,
    quota: rule.quota,
    decimals: rule.decimals,
    validBallots: prepared.valid,
    invalidBallots: prepared.invalid,
    candidates: names.map((name, i) => ({ id: i + 1, name, withdrawn: election.withdrawn.includes(i + 1) })),
    elected: count.electedOrder.map((c) => names[c] as string),
    electedIds: count.electedOrder.map((c) => c + 1),
    electedAtStage: count.electedAtStage,
    stages: count.stages,
    lot: lotDescription(count.lot),
    lotsDrawn: count.lotsDrawn.map((d) => ({
      stage: d.stage,
      purpose: d.purpose,
      tied: d.tied.map((c) => names[c] as string),
      chosen: names[d.chosen] as string,
    })),
    ballotNotes: summariseNotes(prepared.notes),
  };
}
