// The longest text each field of an election takes, in one place: the numbers of the migration's
// checks (0001_elections), so a person is told before the database would refuse. Messages name the
// field as the forms label it.

const limits = {
  title: [200, 'The title'],
  description: [5000, 'The description'],
  declarations: [3000, 'The declarations'],
  constituency: [100, 'A constituency’s name'],
  name: [100, 'The name as it appears on the ballot paper'],
  statement: [20_000, 'The statement'],
  reason: [1000, 'The reason'],
  memberNumber: [40, 'The member number'],
  voterName: [200, 'The voter’s name'],
  email: [320, 'The email address'],
  postalAddress: [500, 'The postal address'],
  paperRef: [40, 'The paper ballot number'],
} as const satisfies Record<string, readonly [number, string]>;

export type ElectionTextField = keyof typeof limits;

/** The longest text each field takes, by field. */
export const textLimits = Object.fromEntries(Object.entries(limits).map(([field, [most]]) => [field, most])) as Record<ElectionTextField, number>;

/**
 * The text trimmed; a message under `key` (the field by default) when it is blank and `required`
 * says what to write, or when it is longer than the field takes.
 */
export function limitedText(errors: Record<string, string>, field: ElectionTextField, value: string, required?: string, key: string = field): string {
  const trimmed = value.trim();
  const [most, label] = limits[field];
  if (!trimmed && required) errors[key] = required;
  else if (trimmed.length > most) errors[key] = `${label} must be ${most.toLocaleString('en-GB')} characters or fewer`;
  return trimmed;
}

/** Words allowed in a statement, as the migration allows. */
export const wordLimitRange = { least: 10, most: 2000, byDefault: 250 } as const;

/** Seats in one constituency, as the migration allows. */
export const seatsRange = { least: 1, most: 50 } as const;

/** Lines an electorate file may have (a large foundation trust has some tens of thousands of members). */
export const maxElectorateLines = 250_000;

/** A candidate's photo: PNG or JPEG, at most this size. */
export const maxPhotoBytes = 2 * 1024 * 1024;
