// The most characters each complaints field takes: the forms' messages, the services' checks and
// the API schema all use these numbers, so a field has one limit everywhere.
import { maxLetterLength } from './letters.js';

export const limits = {
  whatHappened: 10_000,
  whereHappened: 500,
  peopleInvolved: 2_000,
  outcomeWanted: 2_000,
  /** The complainant's name and the name of the person a complaint is for. */
  name: 200,
  /** Notes on dates and referrals, and the reason for a time-limit decision. */
  note: 2_000,
  /** A letter or a letter template. */
  letter: maxLetterLength,
  holidayName: 100,
  /** The words typed in a search box. */
  search: 200,
  /** A complaint reference, like C-7K3M-9QXP. */
  reference: 11,
} as const;

/** "X must be N characters or fewer": the one way a too-long field is named. */
export function tooLongMessage(field: string, max: number): string {
  return `${field} must be ${max.toLocaleString('en-GB')} characters or fewer`;
}
