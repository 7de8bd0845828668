// The count of one constituency with decide: its ballots as a BLT election (the candidates who stand,
// in ballot order, numbered from 1; each ballot one line of weight 1), counted by the election's rule
// with lots drawn from its published seed; the BLT file published for anyone to count again (each
// ballot line followed by its receipt in a comment, which BLT readers skip, so a voter finds their
// ballot unchanged); the count sheet as CSV; and a recount of the same ballots with candidates
// withdrawn, to fill a casual vacancy.
import { type BltElection, countSheetCsv, countStv, type StvResult, writeBlt } from '@involve/decide';
import type { ElectionMethod } from './schema.js';

export interface CountCandidate {
  id: number;
  name: string;
}

export interface CountBallot {
  receipt: string;
  /** Candidate ids, first choice first. */
  preferences: readonly number[];
}

export interface ConstituencyForCount {
  /** `<election title> — <constituency name>` */
  title: string;
  seats: number;
  /** The candidates standing, in ballot order. */
  candidates: readonly CountCandidate[];
}

/** The ballots sorted by receipt (codes compared as plain text, the same everywhere). */
export function inReceiptOrder<T extends { receipt: string }>(ballots: readonly T[]): T[] {
  return [...ballots].sort((a, b) => (a.receipt < b.receipt ? -1 : a.receipt > b.receipt ? 1 : 0));
}

/** The BLT title of a constituency's count: the election's title and the constituency's name. */
export const bltTitle = (electionTitle: string, constituencyName: string) => `${electionTitle} — ${constituencyName}`;

/**
 * The ballots as a BLT election, in receipt order (not the order they came in). Candidates are
 * numbered by their place in ballot order; `withdrawnIds` (candidate ids) are marked withdrawn.
 * Throws when a ballot names someone not standing (the service stores only checked ballots).
 */
export function bltElectionOf(constituency: ConstituencyForCount, ballots: readonly CountBallot[], withdrawnIds: readonly number[] = []): BltElection {
  const numberOf = new Map(constituency.candidates.map((c, i) => [c.id, i + 1]));
  const sorted = inReceiptOrder(ballots);
  return {
    title: constituency.title,
    seats: constituency.seats,
    candidates: constituency.candidates.map((c) => c.name),
    withdrawn: withdrawnIds.map((id) => {
      const number = numberOf.get(id);
      if (number === undefined) throw new Error(`Candidate ${id} is not standing in ${constituency.title}`);
      return number;
    }),
    ballots: sorted.map((ballot) => ({
      weight: 1,
      line: 0,
      preferences: ballot.preferences.map((id) => {
        const number = numberOf.get(id);
        if (number === undefined) throw new Error(`Ballot ${ballot.receipt} names candidate ${id}, who is not standing in ${constituency.title}`);
        return [number];
      }),
    })),
  };
}

/** Count by the election's rule; lots (when the rules cannot separate candidates) come from the seed. */
export function countElection(election: BltElection, method: ElectionMethod, seed: number): StvResult {
  return countStv(election, { rule: method, lot: { method: 'seeded', seed } });
}

/**
 * The BLT file to publish: decide's writeBlt, with each ballot line followed by its receipt in a
 * comment when voters were given receipts (`receipts` in the election's order, as bltElectionOf sorts them).
 */
export function publishedBltText(election: BltElection, receipts: readonly string[] | null): string {
  const text = writeBlt(election);
  if (!receipts) return text;
  const lines = text.split('\n');
  const first = election.withdrawn.length ? 2 : 1;
  for (let i = 0; i < election.ballots.length; i++) lines[first + i] = `${lines[first + i]} /* ${receipts[i]} */`;
  return lines.join('\n');
}

/** Everything a constituency's count stores: the result, the published BLT file and the count sheet as CSV. */
export function countConstituency(
  constituency: ConstituencyForCount,
  ballots: readonly CountBallot[],
  options: { method: ElectionMethod; seed: number; receipts: boolean },
): { result: StvResult; blt: string; csv: string } {
  const election = bltElectionOf(constituency, ballots);
  const result = countElection(election, options.method, options.seed);
  const receipts = options.receipts ? inReceiptOrder(ballots).map((b) => b.receipt) : null;
  return { result, blt: publishedBltText(election, receipts), csv: countSheetCsv(result) };
}

/**
 * A recount of the same ballots with these candidates withdrawn (a departing member): their
 * preferences are passed over, as if they had never stood. Returns the result and who it elects
 * that the first count did not.
 */
export function recountWithoutCandidates(
  constituency: ConstituencyForCount,
  ballots: readonly CountBallot[],
  withdrawnIds: readonly number[],
  options: { method: ElectionMethod; seed: number; electedBefore: readonly string[] },
): { result: StvResult; fills: string[] } {
  const standing = constituency.candidates.length - withdrawnIds.length;
  if (standing < constituency.seats) throw new Error(`Only ${standing} candidates would stand for ${constituency.seats} seats`);
  const result = countElection(bltElectionOf(constituency, ballots, withdrawnIds), options.method, options.seed);
  return { result, fills: result.elected.filter((name) => !options.electedBefore.includes(name)) };
}
