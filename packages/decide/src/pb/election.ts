// A participatory budgeting election as read from a .pb file, and the compact approval profile the
// rules count on: projects by integer index, identical ballots merged with a multiplicity, money
// as exact integers on one common scale.
import { gcd, type Rational } from './rational.js';

export type VoteType = 'approval' | 'cumulative' | 'ordinal' | 'choose-1' | 'scoring';
export const voteTypes: readonly VoteType[] = ['approval', 'cumulative', 'ordinal', 'choose-1', 'scoring'];

export interface PbProject {
  /** project_id: unique within the election; ties are broken on it. */
  id: string;
  cost: Rational;
  /** Every other column of PROJECTS (name, votes, selected, …), as written. */
  fields: Record<string, string>;
}

export interface PbVoter {
  /** voter_id: unique within the election. */
  id: string;
  /** The project ids on the ballot, in the order written (for ordinal ballots, the ranking). */
  vote: string[];
  /** Points given to the projects of `vote`, in the same order (cumulative and scoring ballots). */
  points?: number[];
  /** Every other column of VOTES (age, sex, …), as written. */
  fields: Record<string, string>;
}

export interface PbElection {
  /** Every META entry, in file order (budget, vote_type, num_projects and num_votes included). */
  meta: Record<string, string>;
  budget: Rational;
  voteType: VoteType;
  projects: PbProject[];
  voters: PbVoter[];
  /** Column order of PROJECTS and VOTES, kept so that a file is written back as it was read. */
  projectColumns: string[];
  voterColumns: string[];
}

/**
 * Python's string order (by code point), which pabutools' lexicographic tie-breaking uses. Differs
 * from JavaScript's `<` only for characters outside the Basic Multilingual Plane.
 */
export function compareIds(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    if ((x & 0xf800) === 0xd800 || (y & 0xf800) === 0xd800) {
      const cx = a.codePointAt(i) as number;
      const cy = b.codePointAt(i) as number;
      if (cx !== cy) return cx < cy ? -1 : 1;
      continue;
    }
    return x < y ? -1 : 1;
  }
  return a.length - b.length;
}

/** Which projects a voter supports: every rule here counts approval-style support. */
export function supportedProjects(voteType: VoteType, voter: PbVoter): string[] {
  if (voteType === 'cumulative' || voteType === 'scoring') {
    const points = voter.points ?? [];
    return voter.vote.filter((_, i) => (points[i] ?? 0) > 0);
  }
  return voter.vote;
}

/**
 * The election reduced to what the rules need. Money is scaled to integers: every amount `x` is held
 * as `x * scale` (scale = the least common denominator of the budget and the costs, usually 1 or 100).
 */
export interface ApprovalProfile {
  projectIds: string[];
  numProjects: number;
  /** Rank of each project in tie-breaking order (smallest id first, by code point). */
  tieRank: Int32Array;
  scale: bigint;
  /** Costs and budget times `scale` (exact), and the same as doubles (for estimates only). */
  costs: bigint[];
  costsF: Float64Array;
  budget: bigint;
  budgetF: number;
  /** Number of ballots, empty ones included (each holds an equal share under equal shares). */
  numVoters: number;
  numGroups: number;
  /** Group g (a distinct support set) has groupSize[g] voters and the projects groupProjects[groupStart[g]..groupStart[g+1]). */
  groupSize: Int32Array;
  groupStart: Int32Array;
  groupProjects: Int32Array;
  /** The groups supporting project j: supporterGroups[supporterStart[j]..supporterStart[j+1]). */
  supporterStart: Int32Array;
  supporterGroups: Int32Array;
  /** Number of voters supporting each project. */
  support: Int32Array;
}

function lcm(a: bigint, b: bigint): bigint {
  return (a / gcd(a, b)) * b;
}

export function approvalProfile(election: PbElection, voterOrder?: readonly number[]): ApprovalProfile {
  const projectIds = election.projects.map((p) => p.id);
  const numProjects = projectIds.length;
  const index = new Map<string, number>();
  for (let i = 0; i < numProjects; i++) index.set(projectIds[i] as string, i);

  const byId = projectIds.map((_, i) => i).sort((a, b) => compareIds(projectIds[a] as string, projectIds[b] as string));
  const tieRank = new Int32Array(numProjects);
  byId.forEach((j, rank) => {
    tieRank[j] = rank;
  });

  let scale = election.budget.den;
  for (const p of election.projects) scale = lcm(scale, p.cost.den);
  const costs = election.projects.map((p) => p.cost.num * (scale / p.cost.den));
  const budget = election.budget.num * (scale / election.budget.den);

  // Merge identical support sets.
  const groupOf = new Map<string, number>();
  const sizes: number[] = [];
  const sets: number[][] = [];
  const voters = voterOrder ? voterOrder.map((i) => election.voters[i] as PbVoter) : election.voters;
  const seen = new Int32Array(numProjects).fill(-1);
  voters.forEach((voter, v) => {
    const set: number[] = [];
    for (const id of supportedProjects(election.voteType, voter)) {
      const j = index.get(id);
      if (j === undefined) throw new Error(`Voter '${voter.id}' supports '${id}', which is not a project of this election.`);
      if (seen[j] !== v) {
        seen[j] = v;
        set.push(j);
      }
    }
    set.sort((a, b) => a - b);
    const key = set.join(',');
    const g = groupOf.get(key);
    if (g === undefined) {
      groupOf.set(key, sizes.length);
      sizes.push(1);
      sets.push(set);
    } else sizes[g] = (sizes[g] as number) + 1;
  });

  const numGroups = sizes.length;
  const groupSize = Int32Array.from(sizes);
  const groupStart = new Int32Array(numGroups + 1);
  for (let g = 0; g < numGroups; g++) groupStart[g + 1] = (groupStart[g] as number) + (sets[g] as number[]).length;
  const groupProjects = new Int32Array(groupStart[numGroups] as number);
  const supporterCount = new Int32Array(numProjects);
  const support = new Int32Array(numProjects);
  for (let g = 0; g < numGroups; g++) {
    let k = groupStart[g] as number;
    for (const j of sets[g] as number[]) {
      groupProjects[k++] = j;
      supporterCount[j] = (supporterCount[j] as number) + 1;
      support[j] = (support[j] as number) + (groupSize[g] as number);
    }
  }
  const supporterStart = new Int32Array(numProjects + 1);
  for (let j = 0; j < numProjects; j++) supporterStart[j + 1] = (supporterStart[j] as number) + (supporterCount[j] as number);
  const fill = supporterStart.slice(0, numProjects);
  const supporterGroups = new Int32Array(supporterStart[numProjects] as number);
  for (let g = 0; g < numGroups; g++) {
    for (let k = groupStart[g] as number; k < (groupStart[g + 1] as number); k++) {
      const j = groupProjects[k] as number;
      supporterGroups[fill[j] as number] = g;
      fill[j] = (fill[j] as number) + 1;
    }
  }

  return {
    projectIds,
    numProjects,
    tieRank,
    scale,
    costs,
    costsF: Float64Array.from(costs, (c) => Number(c)),
    budget,
    budgetF: Number(budget),
    numVoters: voters.length,
    numGroups,
    groupSize,
    groupStart,
    groupProjects,
    supporterStart,
    supporterGroups,
    support,
  };
}
