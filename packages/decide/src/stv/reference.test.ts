// Counts every shared ward (../shared/data/stv) and compares with droop 0.14, the reference
// implementation: Glasgow 2007 stage by stage against droop's count sheets (Scottish STV), and
// every ward of Glasgow 2007 and Scotland 2012 for the elected set and order under both rules.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sharedData } from '../../test/sharedData.js';
import { prepareBallots } from './ballots.js';
import { parseBlt } from './blt.js';
import { countMeek } from './meek.js';
import type { StvResult } from './result.js';
import { countScottish } from './scottish.js';

const dataDir = sharedData('stv');
const droopLot = { method: 'candidate-order' } as const;
/** droop reads a name token by token, so its reports have runs of spaces collapsed and no trailing space. */
const squash = (name: string) => name.replace(/\s+/g, ' ').trim();

interface Expected {
  ward: string;
  seats: number;
  ballots: number;
  candidates: string[];
  quota_first_stage: number;
  scottish_ids: number[];
  scottish_rounds: number[];
  meek_ids: number[];
  meek_rounds: number[];
  meek_quota_first_round: string;
  reference_report_elected?: string[];
}

function wards(sub: string): string[] {
  if (!dataDir) return [];
  return fs
    .readdirSync(path.join(dataDir, sub))
    .filter((f) => f.endsWith('.blt'))
    .sort()
    .map((f) => path.join(dataDir, sub, f));
}

function load(file: string) {
  const election = parseBlt(fs.readFileSync(file, 'utf8'));
  const expected = JSON.parse(fs.readFileSync(file.replace(/\.blt$/, '.expected.json'), 'utf8')) as Expected;
  return { election, expected, prepared: prepareBallots(election) };
}

/** The end-of-round figures of a droop report: for each round, each candidate's votes, the non-transferable votes and the residual. */
function readDroopReport(text: string): Map<number, { votes: Map<string, string>; nonTransferable: string; residual: string }> {
  const rounds = new Map<number, { votes: Map<string, string>; nonTransferable: string; residual: string }>();
  let round = 0;
  let block: { action: string; lines: string[] } | null = null;
  const finish = () => {
    if (!block || !/^(Begin Count|Surplus transferred|Transfer defeated)/.test(block.action)) return;
    const votes = new Map<string, string>();
    let nonTransferable = '';
    let residual = '';
    for (const line of block.lines) {
      const candidate = /^\s*(Hopeful|Elected|Pending|Defeated):\s+(.*) \((-?[\d.]+)\)$/.exec(line);
      if (candidate) {
        for (const name of (candidate[2] as string).split(', ')) votes.set(squash(name), candidate[3] as string);
        continue;
      }
      const nt = /^\s*Nontransferable votes: ([\d.]+)$/.exec(line);
      if (nt) nonTransferable = nt[1] as string;
      const res = /^\s*Residual: ([\d.]+)$/.exec(line);
      if (res) residual = res[1] as string;
    }
    rounds.set(round, { votes, nonTransferable, residual });
  };
  for (const line of text.split('\n')) {
    const roundHeader = /^Round (\d+):/.exec(line);
    if (roundHeader) {
      finish();
      block = null;
      round = Number(roundHeader[1]);
    } else if (line.startsWith('Action: ')) {
      finish();
      block = { action: line.slice('Action: '.length), lines: [] };
    } else if (block) {
      block.lines.push(line);
    }
  }
  finish();
  return rounds;
}

/** Candidates elected with exactly the quota: droop gives each a round "transferring" a zero surplus; the Order has no such stage. */
function zeroSurplusElections(result: StvResult): number {
  return result.stages
    .flatMap((stage) => stage.elected.map((e) => stage.rows.find((r) => r.id === e.id)?.votes))
    .filter((votes) => votes === `${result.quota}.00000`).length;
}

describe.skipIf(!dataDir)('Glasgow 2007 against droop’s reference count sheets (Scottish STV)', () => {
  const files = wards('glasgow2007');
  it('has the 21 wards', () => {
    expect(files).toHaveLength(21);
  });
  it.each(files.map((f) => [path.basename(f, '.blt'), f]))('%s: same quota, elected order and figures at every stage', (_name, file) => {
    const { election, expected, prepared } = load(file);
    const result = countScottish(election, { lot: droopLot }, prepared);
    expect(result.validBallots).toBe(expected.ballots);
    expect(Number(result.quota)).toBe(expected.quota_first_stage);
    expect(result.electedIds).toEqual(expected.scottish_ids);
    expect(result.elected.map(squash)).toEqual((expected.reference_report_elected ?? []).map(squash));
    expect(result.electedAtStage.map((s) => s - 1)).toEqual(expected.scottish_rounds);
    expect(result.lotsDrawn).toEqual([]);

    const report = readDroopReport(fs.readFileSync(file.replace(/\.blt$/, '.droop-report.txt'), 'utf8'));
    expect(report.size).toBe(result.stages.length);
    for (const stage of result.stages) {
      const droop = report.get(stage.stage - 1);
      expect(droop, `droop round ${stage.stage - 1}`).toBeDefined();
      if (!droop) continue;
      for (const row of stage.rows) {
        expect(row.votes, `stage ${stage.stage}, ${row.name}`).toBe(droop.votes.get(squash(row.name)));
      }
      expect(stage.nonTransferable.total, `stage ${stage.stage}, non-transferable`).toBe(droop.nonTransferable);
      expect(stage.lost.total, `stage ${stage.stage}, residual`).toBe(droop.residual);
    }
    // The first stage, spelled out: first preferences and the quota.
    const first = result.stages[0];
    expect(first?.quota).toBe(`${expected.quota_first_stage}.00000`);
  });
});

describe.skipIf(!dataDir)('every shared ward under both rules, against droop 0.14', () => {
  const files = [...wards('glasgow2007'), ...wards('scotland2012')];
  it('has 21 + 353 wards', () => {
    expect(files).toHaveLength(374);
  });

  it('Scottish STV: identical elected set and order, quota and valid papers in every ward', () => {
    const mismatches: string[] = [];
    const roundsDiffer: string[] = [];
    for (const file of files) {
      const { election, expected, prepared } = load(file);
      const result = countScottish(election, { lot: droopLot }, prepared);
      const name = path.basename(file, '.blt');
      if (JSON.stringify(result.electedIds) !== JSON.stringify(expected.scottish_ids))
        mismatches.push(`${name}: ${result.electedIds} ≠ ${expected.scottish_ids}`);
      if (Number(result.quota) !== expected.quota_first_stage || result.validBallots !== expected.ballots) mismatches.push(`${name}: quota or valid papers`);
      if (result.lotsDrawn.length > 0) mismatches.push(`${name}: needed a lot`);
      // Stage numbers agree with droop's rounds, except that droop spends a round "transferring" the
      // zero surplus of a candidate elected with exactly the quota, and the Order has no such stage.
      const ours = result.electedAtStage.map((s) => s - 1);
      if (JSON.stringify(ours) !== JSON.stringify(expected.scottish_rounds)) {
        const zero = zeroSurplusElections(result);
        const explained =
          zero > 0 && ours.every((r, i) => (expected.scottish_rounds[i] as number) - r >= 0 && (expected.scottish_rounds[i] as number) - r <= zero);
        if (explained) roundsDiffer.push(name);
        else mismatches.push(`${name}: stages ${ours} ≠ droop rounds ${expected.scottish_rounds}`);
      }
    }
    expect(mismatches).toEqual([]);
    // Known: glasgow_2012_ward1, where Glenn Alistair ELDER (SNP) has exactly the quota (1479) at the first stage.
    expect(roundsDiffer).toEqual(['glasgow_2012_ward1']);
  });

  it('Meek STV: identical elected set, order (within a round, in candidate order) and first quota in every ward', () => {
    const mismatches: string[] = [];
    let differFromScottish = 0;
    for (const file of files) {
      const { election, expected, prepared } = load(file);
      const result = countMeek(election, { lot: droopLot }, prepared);
      const name = path.basename(file, '.blt');
      if (JSON.stringify([...result.electedIds].sort()) !== JSON.stringify([...expected.meek_ids].sort())) {
        mismatches.push(`${name}: ${result.electedIds} ≠ ${expected.meek_ids}`);
      }
      // droop lists candidates elected in the same round in an arbitrary order; compare round by round.
      const byRound = (ids: number[], rounds: number[]) => ids.map((id, i) => `${rounds[i]}:${id}`).sort();
      if (
        JSON.stringify(
          byRound(
            result.electedIds,
            result.electedAtStage.map((s) => s - 1),
          ),
        ) !== JSON.stringify(byRound(expected.meek_ids, expected.meek_rounds))
      ) {
        mismatches.push(`${name}: rounds ${result.electedAtStage.map((s) => s - 1)} ≠ ${expected.meek_rounds}`);
      }
      if (result.quota !== expected.meek_quota_first_round) mismatches.push(`${name}: first quota ${result.quota} ≠ ${expected.meek_quota_first_round}`);
      if (result.lotsDrawn.length > 0) mismatches.push(`${name}: needed a lot`);
      if (JSON.stringify([...expected.meek_ids].sort()) !== JSON.stringify([...expected.scottish_ids].sort())) differFromScottish++;
    }
    expect(mismatches).toEqual([]);
    expect(differFromScottish).toBe(2 + 25); // as the data README says: 2 Glasgow wards, 25 of 2012
  });
});
