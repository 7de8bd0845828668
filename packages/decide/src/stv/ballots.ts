// Turns the ballots of a BLT file into the preferences that count, as the Scottish Local Government
// Elections Order 2007 reads a ballot paper, and reports every ballot it had to change.
//
// The Order (article 2) counts a later preference only if it is a "next available preference": "a
// preference which is the second or, as the case may be, subsequent preference in consecutive order
// for a continuing candidate". So:
//  - a skipped preference ("-", e.g. 1, 2, then 4) breaks the consecutive order: the preferences
//    after the gap are not counted, and the paper becomes non-transferable there;
//  - a repeated preference (the same number for two candidates, written "2=5") names no single
//    candidate: counting stops before it. If it is the first preference, no first preference is
//    given for any one candidate, and the paper is void (not a valid ballot paper, rule 45);
//  - a candidate given two preferences keeps the first; the later one is ignored, as it would be in
//    the count (by then the candidate is elected or excluded, and preferences for such candidates
//    are "ignored" by the same definition);
//  - withdrawn candidates are not on the ballot paper: their preferences are removed and the rest
//    close up. A paper left with no preference at all is not a valid ballot paper.
// Both rules (Scottish STV and Meek) count the same prepared ballots. Identical ballots are merged,
// which changes nothing in either count (every paper in a group always moves together).

import type { BltElection } from './blt.js';

export type BallotNoteKind = 'skipped-preference' | 'equal-preference' | 'void-equal-first' | 'repeated-candidate' | 'no-valid-preference';

export interface BallotNote {
  /** Line of the BLT file (0 for ballots made in code). */
  line: number;
  /** Papers on that line. */
  weight: number;
  kind: BallotNoteKind;
  message: string;
}

export interface BallotGroup {
  /** Candidates in order of preference, as 0-based indices into the election's candidates. */
  preferences: number[];
  /** Number of papers. */
  weight: number;
}

export interface PreparedBallots {
  candidateCount: number;
  /** Distinct preference lists with their number of papers, in order of first appearance. */
  groups: BallotGroup[];
  /** Number of valid ballot papers (rule 45(3)). */
  valid: number;
  /** Papers that are not valid ballot papers (no first preference for any one candidate). */
  invalid: number;
  notes: BallotNote[];
}

/** Applies the Order's reading of a ballot paper to every ballot of the file. */
export function prepareBallots(election: BltElection): PreparedBallots {
  const candidateCount = election.candidates.length;
  const withdrawn = new Uint8Array(candidateCount + 1);
  for (const id of election.withdrawn) withdrawn[id] = 1;
  const seenAt = new Int32Array(candidateCount + 1); // ballot number (from 1) at which each candidate was last seen
  let ballotNumber = 0;
  const groupIndex = new Map<string, number>();
  const groups: BallotGroup[] = [];
  const notes: BallotNote[] = [];
  let valid = 0;
  let invalid = 0;

  for (const ballot of election.ballots) {
    let voidNoted = false;
    const note = (kind: BallotNoteKind, message: string) => {
      if (kind === 'no-valid-preference' || kind === 'void-equal-first') voidNoted = true;
      notes.push({ line: ballot.line, weight: ballot.weight, kind, message });
    };
    const where = ballot.line > 0 ? `line ${ballot.line}` : 'a ballot';
    ballotNumber++;
    const preferences: number[] = [];
    let position = 0; // preference number as written (1-based), for messages
    for (const rank of ballot.preferences) {
      position++;
      if (rank.length === 0) {
        if (preferences.length === 0) {
          note(
            'no-valid-preference',
            `${where}: preference ${position} is skipped before any counted preference; the paper gives no first preference and is void`,
          );
        } else {
          note(
            'skipped-preference',
            `${where}: preference ${position} is skipped, so the preferences after it are not in consecutive order and are not counted`,
          );
        }
        break;
      }
      const live: number[] = [];
      for (const id of rank) {
        if (withdrawn[id] === 1) continue;
        if (seenAt[id] === ballotNumber || live.includes(id)) {
          note('repeated-candidate', `${where}: candidate ${id} is given more than one preference; the later one (preference ${position}) is ignored`);
          continue;
        }
        live.push(id);
      }
      if (live.length === 0) continue; // only withdrawn or repeated candidates: the next preference closes up
      if (live.length > 1) {
        if (preferences.length === 0) {
          note('void-equal-first', `${where}: the first preference is given to ${live.length} candidates (${live.join(', ')}); the paper is void`);
        } else {
          note('equal-preference', `${where}: preference ${position} is given to ${live.length} candidates (${live.join(', ')}); counting stops before it`);
        }
        break;
      }
      const id = live[0] as number;
      seenAt[id] = ballotNumber;
      preferences.push(id - 1);
    }
    if (preferences.length === 0) {
      if (!voidNoted) {
        note('no-valid-preference', `${where}: no preference for a candidate who is standing; the paper is void`);
      }
      invalid += ballot.weight;
      continue;
    }
    valid += ballot.weight;
    const key = preferences.join(' ');
    const existing = groupIndex.get(key);
    if (existing === undefined) {
      groupIndex.set(key, groups.length);
      groups.push({ preferences, weight: ballot.weight });
    } else {
      (groups[existing] as BallotGroup).weight += ballot.weight;
    }
  }
  return { candidateCount, groups, valid, invalid, notes };
}
