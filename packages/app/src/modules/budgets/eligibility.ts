// Who may vote in a participatory budget when it is open to the people living in its places: a UK
// postcode whose district (the outward code, "LS6" of "LS6 3HN") is one of the budget's districts,
// and an age on the day of voting at or above the budget's youngest age.
import { isIsoDate } from '../../platform/web/index.js';
import type { EligibilityMode } from './schema.js';

/** Outward code (area, district) then inward code (sector digit, unit letters), without the space. */
const postcodePattern = /^([A-Z]{1,2}[0-9][A-Z0-9]?)([0-9][A-Z]{2})$/;

/** A UK postcode in upper case with one space before its last three characters, or null when it is not one. */
export function normalisePostcode(text: string): string | null {
  const match = postcodePattern.exec(text.toUpperCase().replace(/\s+/g, ''));
  return match ? `${match[1]} ${match[2]}` : null;
}

/** The district of a postcode ("LS6" of "ls6 3hn"); a district given alone comes back in upper case. */
export function outwardCode(postcode: string): string {
  const normal = normalisePostcode(postcode);
  return normal ? normal.slice(0, normal.indexOf(' ')) : postcode.trim().toUpperCase();
}

/** The districts of a budget's `postcode_districts` ("LS1 LS2, ls6"), upper case, each once. */
export function postcodeDistricts(text: string): string[] {
  return [
    ...new Set(
      text
        .toUpperCase()
        .split(/[\s,;]+/)
        .filter(Boolean),
    ),
  ];
}

/** A person's age in whole years on `today` (both YYYY-MM-DD). Born on 29 February: a year older on 1 March in other years. */
export function ageOn(dateOfBirth: string, today: string): number {
  const [by, bm, bd] = dateOfBirth.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = today.split('-').map(Number) as [number, number, number];
  const birthdayPassed = tm > bm || (tm === bm && td >= bd);
  return ty - by - (birthdayPassed ? 0 : 1);
}

/** What checkVoter reads of a budget (its row's columns). */
export interface VoterSettings {
  eligibility: EligibilityMode;
  min_age: number | null;
  postcode_districts: string;
}

export type VoterCheck = { eligible: true } | { eligible: false; field: 'postcode' | 'dateOfBirth'; reason: string };

function listed(districts: string[]): string {
  if (districts.length <= 1) return districts.join('');
  return `${districts.slice(0, -1).join(', ')} or ${districts[districts.length - 1]}`;
}

/**
 * May this person vote? With eligibility 'postcode' their postcode must be in one of the budget's
 * districts; with a youngest age (any mode) they must be that old on `today`. The reason is what
 * the voter reads beside the field.
 */
export function checkVoter(settings: VoterSettings, input: { postcode?: string; dateOfBirth?: string; today: string }): VoterCheck {
  if (settings.eligibility === 'postcode') {
    const typed = input.postcode?.trim() ?? '';
    if (typed === '') return { eligible: false, field: 'postcode', reason: 'Enter your postcode' };
    const postcode = normalisePostcode(typed);
    if (!postcode) return { eligible: false, field: 'postcode', reason: 'Enter a UK postcode, like LS6 3HN' };
    const districts = postcodeDistricts(settings.postcode_districts);
    if (districts.length === 0)
      return { eligible: false, field: 'postcode', reason: 'This budget does not list its postcode districts yet: ask its organisers' };
    if (!districts.includes(outwardCode(postcode))) {
      return {
        eligible: false,
        field: 'postcode',
        reason: `${postcode} is not in the area of this budget: people living in postcode districts ${listed(districts)} may vote`,
      };
    }
  }
  if (settings.min_age !== null) {
    const dateOfBirth = input.dateOfBirth?.trim() ?? '';
    if (dateOfBirth === '') return { eligible: false, field: 'dateOfBirth', reason: 'Enter your date of birth' };
    if (!isIsoDate(dateOfBirth)) return { eligible: false, field: 'dateOfBirth', reason: 'Date of birth must be a real date, like 27 3 1990' };
    if (dateOfBirth > input.today) return { eligible: false, field: 'dateOfBirth', reason: 'Date of birth must be in the past' };
    if (ageOn(dateOfBirth, input.today) < settings.min_age) {
      return { eligible: false, field: 'dateOfBirth', reason: `You must be ${settings.min_age} or over to vote in this budget` };
    }
  }
  return { eligible: true };
}
