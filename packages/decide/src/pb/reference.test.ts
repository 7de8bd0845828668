// Every shared pabulib instance counted with every rule, against the outcomes pabutools 1.2.3
// computed (shared/data/pb, see its README): the selected sets must be identical.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sharedData } from '../../test/sharedData.js';
import { equalSharesAdd1 } from './completion.js';
import { type ApprovalProfile, approvalProfile, compareIds } from './election.js';
import { readPb } from './format.js';
import { EqualSharesCounter } from './mes.js';
import { countProfile, type PbRule } from './rules.js';

const dir = sharedData('pb');

interface Expected {
  instance: string;
  budget: string;
  official: string[] | null;
  errors?: Record<string, string>;
  [rule: string]: unknown;
}

const recorded: [string, PbRule][] = [
  ['greedy_cost', 'greedy-cost'],
  ['greedy_cardinality', 'greedy-cardinality'],
  ['mes_cost', 'mes-cost'],
  ['mes_cost_add1', 'mes-cost-add1'],
  ['mes_cardinality', 'mes-cardinality'],
  ['phragmen', 'phragmen'],
];

const sorted = (ids: readonly string[]) => [...ids].sort(compareIds);

function load(name: string): { profile: ApprovalProfile; expected: Expected } {
  const base = path.join(dir as string, 'instances', name);
  const election = readPb(fs.readFileSync(`${base}.pb`, 'utf8'));
  return { profile: approvalProfile(election), expected: JSON.parse(fs.readFileSync(`${base}.expected.json`, 'utf8')) as Expected };
}

function selected(profile: ApprovalProfile, rule: PbRule): string[] {
  return sorted(countProfile(profile, rule).order.map((j) => profile.projectIds[j] as string));
}

function costOf(profile: ApprovalProfile, ids: readonly string[]): bigint {
  return ids.reduce((sum, id) => sum + (profile.costs[profile.projectIds.indexOf(id)] as bigint), 0n);
}

describe.skipIf(!dir)('the shared pabulib instances, every rule, against pabutools', () => {
  const names = dir
    ? fs
        .readdirSync(path.join(dir, 'instances'))
        .filter((f) => f.endsWith('.pb'))
        .map((f) => f.slice(0, -3))
        .sort()
    : [];

  it('has the instances the README describes', () => {
    expect(names.length).toBeGreaterThanOrEqual(60);
  });

  for (const name of names) {
    it(name, () => {
      const { profile, expected } = load(name);
      for (const [key, rule] of recorded) {
        const want = expected[key] as string[] | null;
        const got = selected(profile, rule);
        expect(costOf(profile, got) <= profile.budget, `${rule} stays within the budget`).toBe(true);
        if (want === null) {
          expect(expected.errors?.[key], `${key} is null only where the README says why`).toBeTruthy();
          continue;
        }
        expect(got, `${rule} on ${name}`).toEqual(sorted(want));
      }
      // Not recorded by pabutools: equal shares completed greedily keeps the equal-shares outcome.
      const completed = selected(profile, 'mes-cost-greedy');
      expect(costOf(profile, completed) <= profile.budget).toBe(true);
      for (const id of expected.mes_cost as string[]) expect(completed).toContain(id);
    });
  }

  it('reproduces the official outcomes of Assen 2024 and Świecie 2023 with mes-cost-add1', () => {
    for (const name of ['Netherlands_Assen_2024', 'Poland_Swiecie_2023']) {
      const { profile, expected } = load(name);
      expect(expected.official).not.toBeNull();
      expect(selected(profile, 'mes-cost-add1')).toEqual(sorted(expected.official as string[]));
    }
  });

  it('equal shares takes the same decisions with and without its shortcuts on doubles', () => {
    for (const name of ['Netherlands_Assen_2024', 'Poland_Swiecie_2023', 'Poland_Krakow_2021_Grzegorzki', 'Switzerland_Zurich_S5R']) {
      const { profile } = load(name);
      const n = BigInt(profile.numVoters);
      for (const satisfaction of ['cost', 'cardinality'] as const) {
        const fast = new EqualSharesCounter(profile, satisfaction).run(profile.budget, n, true);
        const exact = new EqualSharesCounter(profile, satisfaction, { exactOnly: true }).run(profile.budget, n, true);
        expect(fast, `${name} ${satisfaction}`).toEqual(exact);
      }
    }
  });

  it('skips add1 increments safely: the same outcome as raising the money one unit at a time', () => {
    for (const name of [
      'Netherlands_Assen_2024',
      'Poland_Swiecie_2023',
      'Switzerland_Zurich_D10',
      'Poland_Katowice_2024',
      'US_Stanford_Dataset_PB_Rochester_NY_2019_vote_rankings',
    ]) {
      const { profile } = load(name);
      for (const satisfaction of ['cost', 'cardinality'] as const) {
        const skipping = equalSharesAdd1(profile, satisfaction).order;
        const stepping = equalSharesAdd1(profile, satisfaction, { skip: false }).order;
        expect(sorted(skipping.map((j) => profile.projectIds[j] as string)), `${name} ${satisfaction}`).toEqual(
          sorted(stepping.map((j) => profile.projectIds[j] as string)),
        );
      }
    }
  });
});
