// The longest text each field of participatory budgeting takes, in one place: the same numbers as
// the migration's checks (0001_budgets), so a person is told before the database would refuse.
// Messages name the field the way the forms do.

export const textLimits = {
  title: 200,
  description: 5000,
  postcodeDistricts: 2000,
  location: 200,
  whoBenefits: 1000,
  reason: 2000,
  body: 2000,
  email: 320,
  batch: 200,
  paperRef: 40,
} as const;

export type LimitedField = keyof typeof textLimits;

/** What each field is called in a message ("The title must be …"). */
const fieldNames: Record<LimitedField, string> = {
  title: 'The title',
  description: 'The description',
  postcodeDistricts: 'The postcode districts',
  location: 'Where it is',
  whoBenefits: 'Who benefits',
  reason: 'The reason',
  body: 'The comment',
  email: 'The email address',
  batch: 'The batch name',
  paperRef: 'The paper ballot number',
};

/**
 * Check one text field against its limit (and, with `required`, that it is not blank), adding the
 * message under `key` (the field's own name by default). Returns the text trimmed.
 */
export function checkText(errors: Record<string, string>, field: LimitedField, value: string, options: { required?: string; key?: string } = {}): string {
  const key = options.key ?? field;
  const trimmed = value.trim();
  if (options.required && !trimmed) errors[key] = options.required;
  else if (trimmed.length > textLimits[field]) errors[key] = `${fieldNames[field]} must be ${textLimits[field].toLocaleString('en-GB')} characters or fewer`;
  return trimmed;
}

/** The most money a budget or a cost may be, in whole pounds (a PostgreSQL integer). */
export const maxPounds = 2_000_000_000;

/** A whole number of pounds from 0 (or 1 for a budget) to maxPounds. */
export function isPounds(value: unknown, least = 0): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= least && value <= maxPounds;
}

/** Voting codes made at once. */
export const maxCodesAtOnce = 5000;
