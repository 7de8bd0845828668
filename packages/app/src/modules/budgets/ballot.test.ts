import { describe, expect, it } from 'vitest';
import { type BallotProject, type BallotRules, ballotTotals, checkChoices, choicesFromForm, pounds } from './ballot.js';

const projects: BallotProject[] = [
  { id: '11', title: 'Benches in the park', cost: 400_000 },
  { id: '12', title: 'Mural', cost: 300_000 },
  { id: '13', title: 'Street lights', cost: 800_000 },
  { id: '14', title: 'Bike racks', cost: 20_000 },
];
const approval: BallotRules = { ballotType: 'approval', maxChoices: null, limitToBudget: false, points: null, amount: 1_000_000 };
const cumulative: BallotRules = { ballotType: 'cumulative', maxChoices: null, limitToBudget: false, points: 10, amount: 1_000_000 };
const ordinal: BallotRules = { ballotType: 'ordinal', maxChoices: null, limitToBudget: false, points: null, amount: 1_000_000 };

describe('pounds', () => {
  it('shows whole pounds with commas and pence only when there are some', () => {
    expect(pounds(1_200_000)).toBe('£1,200,000');
    expect(pounds(0)).toBe('£0');
    expect(pounds(12.5)).toBe('£12.50');
  });
});

describe('approval ballots', () => {
  it('reads one ticked project or several, in the order of the ballot', () => {
    expect(choicesFromForm(approval, projects, { projects: '12' })).toEqual({ choices: { projects: ['12'] } });
    expect(choicesFromForm(approval, projects, { projects: ['14', '11'] })).toEqual({ choices: { projects: ['11', '14'] } });
  });

  it('refuses nothing chosen, a project not on the ballot, too many, and more than the budget when limited', () => {
    expect(choicesFromForm(approval, projects, {})).toEqual({ errors: { projects: 'Choose at least 1 project' } });
    expect(choicesFromForm(approval, projects, { projects: ['11', '99'] })).toEqual({ errors: { projects: 'Choose from the projects on this ballot' } });
    expect(choicesFromForm({ ...approval, maxChoices: 2 }, projects, { projects: ['11', '12', '14'] })).toEqual({
      errors: { projects: 'Choose no more than 2 projects: you chose 3' },
    });
    expect(choicesFromForm({ ...approval, maxChoices: 1 }, projects, { projects: ['11', '12'] })).toEqual({
      errors: { projects: 'Choose no more than 1 project: you chose 2' },
    });
    expect(choicesFromForm({ ...approval, limitToBudget: true }, projects, { projects: ['11', '13'] })).toEqual({
      errors: { projects: 'The projects you chose cost £1,200,000, more than the £1,000,000 budget' },
    });
  });

  it('allows over the budget when the ballot is not limited to it, and exactly the budget when it is', () => {
    expect(choicesFromForm(approval, projects, { projects: ['11', '13'] })).toEqual({ choices: { projects: ['11', '13'] } });
    const exact = [...projects, { id: '15', title: 'Play area', cost: 600_000 }];
    expect(choicesFromForm({ ...approval, limitToBudget: true }, exact, { projects: ['11', '15'] })).toEqual({ choices: { projects: ['11', '15'] } });
  });

  it('checks the API’s JSON the same way, naming projects or points', () => {
    expect(checkChoices(approval, projects, { projects: ['11', '12'] })).toEqual({});
    expect(checkChoices(approval, projects, { projects: ['11', '77'] })).toEqual({ projects: "There is no project '77' on this ballot" });
    expect(checkChoices(approval, projects, { projects: ['11', '11'] })).toEqual({ projects: "Project '11' is listed more than once" });
    expect(checkChoices(approval, projects, { projects: [] })).toEqual({ projects: 'Choose at least 1 project' });
    expect(checkChoices(approval, projects, { projects: ['11'], points: [1] })).toEqual({
      points: 'Points are only for cumulative ballots; this ballot is approval',
    });
    expect(checkChoices({ ...approval, limitToBudget: true }, projects, { projects: ['11', '13'] })).toEqual({
      projects: 'The projects you chose cost £1,200,000, more than the £1,000,000 budget',
    });
    expect(checkChoices(approval, projects, { projects: 'x' } as never)).toEqual({ projects: 'Give the projects as a list of project ids' });
  });

  it('totals the chosen projects against the budget', () => {
    expect(ballotTotals(approval, projects, { projects: ['11', '13'] })).toEqual({ chosen: 2, cost: 1_200_000, pointsUsed: 0, overBudget: true });
    expect(ballotTotals(approval, projects, { projects: ['14'] })).toEqual({ chosen: 1, cost: 20_000, pointsUsed: 0, overBudget: false });
  });
});

describe('cumulative ballots', () => {
  it('reads the points, leaving out projects given none or left blank', () => {
    expect(choicesFromForm(cumulative, projects, { points_11: '6', points_12: '', points_13: '0', points_14: ' 4 ' })).toEqual({
      choices: { projects: ['11', '14'], points: [6, 4] },
    });
  });

  it('names the box that is not a whole number, and refuses more points than the voter has, or none', () => {
    expect(choicesFromForm(cumulative, projects, { points_11: '2.5', points_12: '-1' })).toEqual({
      errors: {
        points_11: 'Points for Benches in the park must be a whole number, 0 or more',
        points_12: 'Points for Mural must be a whole number, 0 or more',
      },
    });
    expect(choicesFromForm(cumulative, projects, { points_11: '7', points_12: '5' })).toEqual({ errors: { projects: 'You have 10 points: you used 12' } });
    expect(choicesFromForm(cumulative, projects, { points_11: '0' })).toEqual({ errors: { projects: 'Give at least 1 point to a project' } });
  });

  it('checks the JSON points', () => {
    expect(checkChoices(cumulative, projects, { projects: ['11', '12'], points: [3, 7] })).toEqual({});
    expect(checkChoices(cumulative, projects, { projects: ['11', '12'], points: [3] })).toEqual({
      points: 'Give one number of points for each project listed (2 projects)',
    });
    expect(checkChoices(cumulative, projects, { projects: ['11'] })).toEqual({ points: 'Give one number of points for each project listed (1 project)' });
    expect(checkChoices(cumulative, projects, { projects: ['11', '12'], points: [3, 1.5] })).toEqual({ points: 'Points must be whole numbers, 0 or more' });
    expect(checkChoices(cumulative, projects, { projects: ['11', '12'], points: [8, 7] })).toEqual({ points: 'You have 10 points: you used 15' });
  });

  it('totals points and the cost of the projects given points', () => {
    expect(ballotTotals(cumulative, projects, { projects: ['11', '12', '13'], points: [6, 0, 4] })).toEqual({
      chosen: 2,
      cost: 1_200_000,
      pointsUsed: 10,
      overBudget: true,
    });
  });
});

describe('ordinal ballots', () => {
  it('reads the ranks, best first, blanks left out', () => {
    expect(choicesFromForm(ordinal, projects, { rank_11: '2', rank_12: '', rank_13: '1', rank_14: '3' })).toEqual({
      choices: { projects: ['13', '11', '14'] },
    });
  });

  it('refuses repeated ranks, gaps, ranks out of range and more ranked than allowed', () => {
    expect(choicesFromForm(ordinal, projects, { rank_11: '1', rank_12: '1' })).toEqual({
      errors: { rank_12: 'You gave rank 1 to Benches in the park and Mural: give each rank to one project' },
    });
    expect(choicesFromForm(ordinal, projects, { rank_11: '1', rank_12: '3' })).toEqual({
      errors: { rank_12: 'There is no rank 2: number your choices 1, 2, 3 and so on without gaps' },
    });
    expect(choicesFromForm(ordinal, projects, { rank_11: '5', rank_12: 'first' })).toEqual({
      errors: {
        rank_11: 'Rank for Benches in the park must be a whole number from 1 to 4, or left blank',
        rank_12: 'Rank for Mural must be a whole number from 1 to 4, or left blank',
      },
    });
    expect(choicesFromForm({ ...ordinal, maxChoices: 2 }, projects, { rank_11: '1', rank_12: '2', rank_14: '3' })).toEqual({
      errors: { projects: 'Rank no more than 2 projects: you chose 3' },
    });
    expect(choicesFromForm(ordinal, projects, {})).toEqual({ errors: { projects: 'Rank at least 1 project' } });
  });

  it('checks a JSON ranking and refuses points on it', () => {
    expect(checkChoices(ordinal, projects, { projects: ['13', '11'] })).toEqual({});
    expect(checkChoices(ordinal, projects, { projects: ['13'], points: [1] })).toEqual({
      points: 'Points are only for cumulative ballots; this ballot is ordinal',
    });
  });
});
