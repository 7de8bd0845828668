// The longest text each field of an assembly takes, in one place: the same numbers as the
// migration's checks (0001_assemblies), so a person is told before the database would refuse.

export const assemblyLimits = {
  title: 200,
  remit: 5000,
  involvement: 5000,
  payment: 2000,
  seedSource: 1000,
  seed: 200,
  name: 200,
  email: 320,
  phone: 40,
  interpreter: 100,
  otherNeeds: 2000,
  address: 1000,
  featureLabel: 200,
  value: 100,
} as const;

/**
 * Check one text field against its limit (and, with `required`, that it is not blank), adding the
 * message under `key`. Returns the text trimmed.
 */
export function checkText(errors: Record<string, string>, key: string, value: string, limit: number, names: { name: string; required?: string }): string {
  const trimmed = (value ?? '').trim();
  if (!trimmed && names.required) errors[key] = names.required;
  else if (trimmed.length > limit) errors[key] = `${names.name} must be ${limit.toLocaleString('en-GB')} characters or fewer`;
  return trimmed;
}

export const wholeNumberIn = (value: unknown, least: number, most: number): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value >= least && value <= most;
