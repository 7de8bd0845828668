// The settings form of a participatory budget: the choices it offers in plain words, reading what
// staff typed into the service's BudgetInput (whole numbers as typed: "£25,000"), a stored budget
// as the form shows it, and what is fixed once the vote has opened.
import { ValidationError } from '../../../platform/errors.js';
import { dateFromParts, datePartsOf, formValues, text } from '../../../platform/web/index.js';
import { type BudgetPhase, ballotTypes, budgetRules, eligibilityModes } from '../schema.js';
import type { BudgetDetail, BudgetInput } from '../service.js';
import { ballotWords, ruleWords, whoMayVote } from './budgetView.js';

/** The date fields (NHS.UK date inputs). */
export const dateFields = ['ideasFrom', 'ideasUntil', 'voteFrom', 'voteUntil'] as const;

const eligibilityText: Record<(typeof eligibilityModes)[number], { text: string; hint: string }> = {
  postcode: { text: 'People who live in the places', hint: 'Checked by their postcode district, and their date of birth when there is a minimum age.' },
  list: { text: 'People on a list you import', hint: 'They sign in with an email address on the list.' },
  codes: { text: 'Only people given a voting code', hint: 'For events, kiosks and paper ballots.' },
};

const ballotTypeText: Record<(typeof ballotTypes)[number], { text: string; hint: string }> = {
  approval: { text: 'Tick the projects they support', hint: 'Optionally no more than a number of projects, or no more than the budget in total.' },
  cumulative: { text: 'Spread points between projects', hint: 'Each voter has the same number of points to give.' },
  ordinal: { text: 'Put projects in order', hint: '1 for the project they want most, 2 for the next, and so on.' },
};

const upperFirst = (words: string) => words.charAt(0).toUpperCase() + words.slice(1);

/** Radio items for the form's choices, and, once the vote has opened, the fixed settings in words. */
export function settingsChoices(values: Record<string, unknown>, b?: BudgetDetail) {
  const choice = <K extends string>(field: string, options: readonly K[], labels: Record<K, { text: string; hint: string }>) =>
    options.map((o) => ({ value: o, text: labels[o].text, hint: { text: labels[o].hint }, checked: text(values[field]) === o }));
  const rules = Object.fromEntries(
    budgetRules.map((r, i) => [r, { text: `${upperFirst(ruleWords[r].name)}${i === 0 ? ' (recommended)' : ''}`, hint: ruleWords[r].how }]),
  ) as Record<(typeof budgetRules)[number], { text: string; hint: string }>;
  return {
    locked: b ? lockedFrom.includes(b.phase) : false,
    eligibilityItems: choice('eligibility', eligibilityModes, eligibilityText),
    ballotTypeItems: choice('ballotType', ballotTypes, ballotTypeText),
    ruleItems: choice('rule', budgetRules, rules),
    lockedRows: b
      ? [
          { key: { text: 'Who may vote' }, value: { text: whoMayVote(b) } },
          { key: { text: 'Ballot' }, value: { text: ballotWords(b) } },
          { key: { text: 'Counting rule' }, value: { text: upperFirst(ruleWords[b.rule].name) } },
          { key: { text: 'Receipts' }, value: { text: b.receipts ? 'Each voter gets a receipt code' : 'No receipts' } },
        ]
      : [],
  };
}

/** A whole number typed in a form ("25,000", "£25000"): null when blank, NaN when not a whole number. */
export function wholeNumber(value: unknown): number | null {
  const raw = text(value).trim().replace(/^£\s*/, '').replace(/,/g, '');
  if (raw === '') return null;
  return /^\d{1,12}$/.test(raw) ? Number(raw) : Number.NaN;
}

/** Whole numbers from a form's fields: their values, or a ValidationError naming each that is not one. */
export function wholeNumbers<K extends string>(form: Record<string, unknown>, messages: Record<K, string>): Record<K, number | null> {
  const values = {} as Record<K, number | null>;
  const errors: Record<string, string> = {};
  for (const [field, message] of Object.entries(messages) as Array<[K, string]>) {
    const value = wholeNumber(form[field]);
    if (Number.isNaN(value)) errors[field] = message;
    values[field] = value;
  }
  if (Object.keys(errors).length) throw new ValidationError(errors);
  return values;
}

/** The settings as typed, for createBudget and updateBudget. */
export function settingsFrom(form: Record<string, unknown>, organisationId: number): BudgetInput {
  const numbers = wholeNumbers(form, {
    amount: 'Enter the money to share as a whole number of pounds, like 250000',
    minAge: 'Enter the youngest age that may vote as a whole number of years, like 16',
    maxChoices: 'Enter the most projects a voter may choose as a whole number, like 5',
    points: 'Enter the points each voter spreads as a whole number, like 10',
  });
  if (numbers.amount === null) throw new ValidationError({ amount: 'Enter the money to share, in whole pounds' });
  const date = (field: string) => dateFromParts(form, field) || null;
  return {
    organisationId,
    title: text(form.title),
    description: text(form.description),
    amount: numbers.amount,
    placeIds: formValues(form, 'placeIds').map(Number),
    ideasFrom: date('ideasFrom'),
    ideasUntil: date('ideasUntil'),
    voteFrom: date('voteFrom'),
    voteUntil: date('voteUntil'),
    eligibility: text(form.eligibility) as BudgetInput['eligibility'],
    minAge: numbers.minAge,
    postcodeDistricts: text(form.postcodeDistricts),
    ballotType: text(form.ballotType) as BudgetInput['ballotType'],
    maxChoices: numbers.maxChoices,
    limitToBudget: text(form.limitToBudget) === 'yes',
    points: numbers.points,
    rule: text(form.rule) as BudgetInput['rule'],
    receipts: text(form.receipts) !== 'no',
  };
}

/** A stored budget as the settings form shows it. */
export function formValuesOf(b: BudgetDetail): Record<string, unknown> {
  const shown = (n: number | null) => (n === null ? '' : String(n));
  return {
    title: b.title,
    description: b.description,
    amount: String(b.amount),
    placeIds: b.places.map((p) => String(p.id)),
    ...datePartsOf('ideasFrom', b.ideasFrom),
    ...datePartsOf('ideasUntil', b.ideasUntil),
    ...datePartsOf('voteFrom', b.voteFrom),
    ...datePartsOf('voteUntil', b.voteUntil),
    eligibility: b.eligibility,
    minAge: shown(b.minAge),
    postcodeDistricts: b.postcodeDistricts,
    ballotType: b.ballotType,
    maxChoices: shown(b.maxChoices),
    limitToBudget: b.limitToBudget ? 'yes' : '',
    points: shown(b.points),
    rule: b.rule,
    receipts: b.receipts ? 'yes' : 'no',
  };
}

/** From the vote on, what decides the count stays as it was: the form shows it, and it is sent as stored. */
const lockedFrom: readonly BudgetPhase[] = ['vote', 'counted', 'delivery'];
export function withLockedSettings(input: BudgetInput, b: BudgetDetail): BudgetInput {
  if (!lockedFrom.includes(b.phase)) return input;
  const { amount, eligibility, minAge, postcodeDistricts, ballotType, maxChoices, limitToBudget, points, rule, receipts } = b;
  return { ...input, amount, eligibility, minAge, postcodeDistricts, ballotType, maxChoices, limitToBudget, points, rule, receipts };
}
