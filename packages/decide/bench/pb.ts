// npm run bench:pb — counts every shared pabulib instance with every rule and prints, per rule, the
// total time and the median speed-up over the pabutools times recorded in the expected files; then
// times equal shares with add1 completion on a synthetic election of 100,000 voters and 200 projects.
//
// Each rule is timed on the prepared profile (reading the file and merging identical ballots are
// timed apart, as pabutools' "parse"). A count that takes under 50 ms is repeated (up to 15 times, or
// 150 ms) and its median is taken, so the small instances are not timed on a cold JIT alone.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type ApprovalProfile, approvalProfile, type PbElection } from '../src/pb/election.js';
import { readPb } from '../src/pb/format.js';
import { rational } from '../src/pb/rational.js';
import { countProfile, type PbRule, pbRules } from '../src/pb/rules.js';
import { seededRandom } from '../src/seededRandom.js';
import { sharedData } from '../test/sharedData.js';

const recordedKey: Partial<Record<PbRule, string>> = {
  'greedy-cost': 'greedy_cost',
  'greedy-cardinality': 'greedy_cardinality',
  'mes-cost': 'mes_cost',
  'mes-cost-add1': 'mes_cost_add1',
  'mes-cardinality': 'mes_cardinality',
  phragmen: 'phragmen',
};

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length === 0 ? Number.NaN : s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

function time(f: () => unknown): number {
  const t0 = performance.now();
  f();
  return performance.now() - t0;
}

/** CPU milliseconds of this process (steadier than wall time on a busy machine). */
function cpu(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/** Milliseconds for one count: the median of a few repeats when a count is short. */
function timeRule(profile: ApprovalProfile, rule: PbRule): { ms: number; once: number; onceCpu: number } {
  const c0 = cpu();
  const once = time(() => countProfile(profile, rule));
  const onceCpu = cpu() - c0;
  if (once >= 50) return { ms: once, once, onceCpu };
  const runs = [once];
  let spent = once;
  while (runs.length < 15 && spent < 150) {
    const t = time(() => countProfile(profile, rule));
    runs.push(t);
    spent += t;
  }
  return { ms: median(runs), once, onceCpu };
}

function fmt(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(ms < 10 ? 2 : 0)} ms`;
}

function shared(): void {
  const dir = sharedData('pb');
  if (!dir) return;
  const names = fs
    .readdirSync(path.join(dir, 'instances'))
    .filter((f) => f.endsWith('.pb'))
    .map((f) => f.slice(0, -3))
    .sort();
  const totals = new Map<PbRule, number>(pbRules.map((r) => [r, 0]));
  const singlePass = new Map<PbRule, number>(pbRules.map((r) => [r, 0]));
  const singleCpu = new Map<PbRule, number>(pbRules.map((r) => [r, 0]));
  const ratios = new Map<PbRule, number[]>(pbRules.map((r) => [r, []]));
  const slowest = new Map<PbRule, { name: string; ms: number }>();
  let parseMs = 0;
  let parseCpu = 0;
  let pabutoolsParse = 0;
  console.log(`Shared instances: ${names.length} (${dir})`);
  names.forEach((name, i) => {
    const base = path.join(dir, 'instances', name);
    const expected = JSON.parse(fs.readFileSync(`${base}.expected.json`, 'utf8')) as { seconds: Record<string, number | null> };
    let profile: ApprovalProfile | null = null;
    const c0 = cpu();
    parseMs += time(() => {
      profile = approvalProfile(readPb(fs.readFileSync(`${base}.pb`, 'utf8')));
    });
    parseCpu += cpu() - c0;
    pabutoolsParse += (expected.seconds.parse ?? 0) * 1000;
    for (const rule of pbRules) {
      const { ms, once, onceCpu } = timeRule(profile as unknown as ApprovalProfile, rule);
      singleCpu.set(rule, (singleCpu.get(rule) as number) + onceCpu);
      totals.set(rule, (totals.get(rule) as number) + ms);
      singlePass.set(rule, (singlePass.get(rule) as number) + once);
      if ((slowest.get(rule)?.ms ?? -1) < once) slowest.set(rule, { name, ms: once });
      const key = recordedKey[rule];
      const recorded = key ? expected.seconds[key] : null;
      // Recorded times are rounded to the millisecond: 0 ms ones give no ratio.
      if (recorded) (ratios.get(rule) as number[]).push((recorded * 1000) / ms);
    }
    if (process.stderr.isTTY) process.stderr.write(`\r${i + 1}/${names.length} ${name.slice(0, 60).padEnd(60)}`);
  });
  if (process.stderr.isTTY) process.stderr.write('\n');
  console.log(`Reading the files and merging identical ballots: ${fmt(parseMs)} in all (pabutools recorded ${fmt(pabutoolsParse)} to parse).`);
  console.log('');
  console.log(
    `${'rule'.padEnd(20)}${'total'.padStart(11)}${'single pass'.padStart(13)}${'(CPU)'.padStart(11)}${'median speed-up'.padStart(17)}${'min'.padStart(9)}${'n'.padStart(5)}   slowest instance`,
  );
  let all = parseMs;
  let allCpu = parseCpu;
  for (const rule of pbRules) {
    const r = ratios.get(rule) as number[];
    const s = slowest.get(rule) as { name: string; ms: number };
    all += singlePass.get(rule) as number;
    allCpu += singleCpu.get(rule) as number;
    console.log(
      `${rule.padEnd(20)}${fmt(totals.get(rule) as number).padStart(11)}${fmt(singlePass.get(rule) as number).padStart(13)}${fmt(singleCpu.get(rule) as number).padStart(11)}${(r.length ? `${median(r).toFixed(0)}×` : '—').padStart(17)}${(r.length ? `${Math.min(...r).toFixed(1)}×` : '').padStart(9)}${String(r.length).padStart(5)}   ${s.name} (${fmt(s.ms)})`,
    );
  }
  console.log('');
  console.log(`Every rule on every shared instance, once each, reading included: ${fmt(all)} (CPU ${fmt(allCpu)}).`);
  console.log('"total" sums the per-instance medians; "single pass" sums one count each (what a user waits for).');
  console.log('Speed-up = pabutools time recorded in the expected file / this count (median over instances with a recorded time of at least 1 ms).');
}

/** 100,000 approval ballots over 200 projects, 5 to 15 approvals each (10 on average), some projects far more popular than others. */
function synthetic(voters = 100_000, projects = 200): PbElection {
  const rand = seededRandom(2024);
  const weight = Array.from({ length: projects }, (_, j) => 1 / (j + 1) ** 0.8);
  const cumulative: number[] = [];
  weight.reduce((sum, w, j) => {
    cumulative[j] = sum + w;
    return sum + w;
  }, 0);
  const total = cumulative[projects - 1] as number;
  const pick = () => {
    const x = rand() * total;
    let lo = 0;
    let hi = projects - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cumulative[mid] as number) < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const ids = Array.from({ length: projects }, (_, j) => `p${j + 1}`);
  const costs = ids.map(() => 20_000 + 1000 * Math.floor(rand() * 580));
  const budget = Math.round(costs.reduce((a, b) => a + b, 0) / 5);
  const ballots = Array.from({ length: voters }, (_, i) => {
    const size = 5 + Math.floor(rand() * 11);
    const chosen = new Set<number>();
    while (chosen.size < size) chosen.add(pick());
    return { id: String(i + 1), vote: [...chosen].map((j) => ids[j] as string), fields: {} };
  });
  return {
    meta: { description: 'synthetic', budget: String(budget), vote_type: 'approval' },
    budget: rational(BigInt(budget)),
    voteType: 'approval',
    projects: ids.map((id, j) => ({ id, cost: rational(BigInt(costs[j] as number)), fields: {} })),
    voters: ballots,
    projectColumns: ['project_id', 'cost'],
    voterColumns: ['voter_id', 'vote'],
  };
}

function syntheticBench(): void {
  let election: PbElection | null = null;
  const made = time(() => {
    election = synthetic();
  });
  let profile: ApprovalProfile | null = null;
  const prepared = time(() => {
    profile = approvalProfile(election as unknown as PbElection);
  });
  const p = profile as unknown as ApprovalProfile;
  console.log('');
  console.log(
    `Synthetic election: ${p.numVoters.toLocaleString('en')} voters, ${p.numProjects} projects, ${(p.support.reduce((a, b) => a + b, 0) / p.numVoters).toFixed(1)} approvals per voter, ${p.numGroups.toLocaleString('en')} distinct ballots (made in ${fmt(made)}, merged in ${fmt(prepared)}).`,
  );
  for (const rule of ['mes-cost', 'mes-cost-add1'] as const) {
    let increments = '';
    const c0 = cpu();
    const ms = time(() => {
      const result = countProfile(p, rule, { explain: false });
      increments = `${result.order.length} projects selected`;
    });
    console.log(`  ${rule.padEnd(15)} ${fmt(ms).padStart(9)} (CPU ${fmt(cpu() - c0)})  ${increments}`);
  }
}

console.log(
  `pabulib benchmark — Node ${process.version}, ${os.cpus().length} cores, load average ${os
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')}`,
);
shared();
syntheticBench();
