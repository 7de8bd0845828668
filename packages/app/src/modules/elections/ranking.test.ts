// The ranking rules of the ballot form, with the messages a voter reads under the box they are about.
import { describe, expect, it } from 'vitest';
import { rankingFromForm, rankingFromRanks, ranksOf } from './ranking.js';

const candidates = [
  { id: 11, name: 'Ada Lovelace' },
  { id: 12, name: 'Grace Hopper' },
  { id: 13, name: 'Alan Turing' },
  { id: 14, name: 'Mary Somerville' },
];

describe('reading a ranked ballot', () => {
  it('orders the candidates by their numbers, blanks left out, whatever order the boxes come in', () => {
    expect(rankingFromForm(candidates, { rank_13: '1', rank_11: ' 3 ', rank_12: '2', rank_14: '', _csrf: 'x' })).toEqual({
      ok: true,
      preferences: [13, 12, 11],
    });
    expect(rankingFromRanks(candidates, { 14: 1 })).toEqual({ ok: true, preferences: [14] });
    expect(ranksOf([13, 12, 11])).toEqual({ 13: 1, 12: 2, 11: 3 });
  });

  it('refuses a repeated number under the second box, naming both candidates', () => {
    expect(rankingFromForm(candidates, { rank_11: '1', rank_12: '2', rank_13: '2' })).toEqual({
      ok: false,
      errors: { rank_13: 'You gave 2 to both Grace Hopper and Alan Turing: use each number once' },
    });
  });

  it('refuses a skipped number, saying which to use', () => {
    expect(rankingFromForm(candidates, { rank_11: '1', rank_12: '2', rank_14: '4' })).toEqual({
      ok: false,
      errors: { rank_14: 'You numbered 1, 2 and 4: use 3 before 4' },
    });
  });

  it('refuses what is not a whole number, or beyond the candidates, under its box', () => {
    expect(rankingFromForm(candidates, { rank_11: '1', rank_12: '2.5', rank_13: 'two' })).toEqual({
      ok: false,
      errors: {
        rank_12: 'The number for Grace Hopper must be a whole number, like 1, 2 or 3, or left blank',
        rank_13: 'The number for Alan Turing must be a whole number, like 1, 2 or 3, or left blank',
      },
    });
    expect(rankingFromForm(candidates, { rank_11: '1', rank_12: '5' }).ok).toBe(false);
    expect(rankingFromForm(candidates, { rank_11: '0' })).toEqual({
      ok: false,
      errors: { rank_11: 'The number for Ada Lovelace must be from 1 to 4, or left blank' },
    });
  });

  it('refuses a ballot with no first preference', () => {
    expect(rankingFromForm(candidates, {})).toEqual({
      ok: false,
      errors: { rank_11: 'Put 1 beside the candidate you like most: you have not numbered any candidate' },
    });
    expect(rankingFromForm(candidates, { rank_12: '2', rank_13: '3' })).toEqual({
      ok: false,
      errors: { rank_12: 'Put 1 beside your first choice: your numbers start at 2' },
    });
  });
});
