// "About you" (private demographics, used only in aggregate) and communication needs (the
// Accessible Information Standard): the answers people may give, and checking what a form sent.
import { ValidationError } from '../../platform/errors.js';

export interface Option {
  value: string;
  text: string;
}

const preferNot: Option = { value: 'prefer_not_to_say', text: 'Prefer not to say' };

export const ageBands: Option[] = [
  { value: 'under_16', text: 'Under 16' },
  { value: '16_24', text: '16 to 24' },
  { value: '25_34', text: '25 to 34' },
  { value: '35_44', text: '35 to 44' },
  { value: '45_54', text: '45 to 54' },
  { value: '55_64', text: '55 to 64' },
  { value: '65_74', text: '65 to 74' },
  { value: '75_84', text: '75 to 84' },
  { value: '85_over', text: '85 and over' },
  preferNot,
];

export const sexes: Option[] = [{ value: 'female', text: 'Female' }, { value: 'male', text: 'Male' }, preferNot];

export const yesNo: Option[] = [{ value: 'yes', text: 'Yes' }, { value: 'no', text: 'No' }, preferNot];

export const disabilities: Option[] = [
  { value: 'yes_a_lot', text: 'Yes, limited a lot' },
  { value: 'yes_a_little', text: 'Yes, limited a little' },
  { value: 'no', text: 'No' },
  preferNot,
];

/** The 19 ethnic groups of the 2021 Census of England and Wales, in its 5 high-level groups. */
export const ethnicGroups: Array<{ group: string; options: Option[] }> = [
  {
    group: 'Asian, Asian British or Asian Welsh',
    options: [
      { value: 'asian_bangladeshi', text: 'Bangladeshi' },
      { value: 'asian_chinese', text: 'Chinese' },
      { value: 'asian_indian', text: 'Indian' },
      { value: 'asian_pakistani', text: 'Pakistani' },
      { value: 'asian_other', text: 'Any other Asian background' },
    ],
  },
  {
    group: 'Black, Black British, Black Welsh, Caribbean or African',
    options: [
      { value: 'black_african', text: 'African' },
      { value: 'black_caribbean', text: 'Caribbean' },
      { value: 'black_other', text: 'Any other Black, Black British, or Caribbean background' },
    ],
  },
  {
    group: 'Mixed or Multiple ethnic groups',
    options: [
      { value: 'mixed_white_asian', text: 'White and Asian' },
      { value: 'mixed_white_black_african', text: 'White and Black African' },
      { value: 'mixed_white_black_caribbean', text: 'White and Black Caribbean' },
      { value: 'mixed_other', text: 'Any other Mixed or Multiple ethnic background' },
    ],
  },
  {
    group: 'White',
    options: [
      { value: 'white_british', text: 'English, Welsh, Scottish, Northern Irish or British' },
      { value: 'white_irish', text: 'Irish' },
      { value: 'white_gypsy_or_irish_traveller', text: 'Gypsy or Irish Traveller' },
      { value: 'white_roma', text: 'Roma' },
      { value: 'white_other', text: 'Any other White background' },
    ],
  },
  {
    group: 'Other ethnic group',
    options: [
      { value: 'other_arab', text: 'Arab' },
      { value: 'other_any', text: 'Any other ethnic group' },
    ],
  },
];

const ethnicities: Option[] = [...ethnicGroups.flatMap((g) => g.options.map((o) => ({ value: o.value, text: `${g.group}: ${o.text}` }))), preferNot];

/** Each question: its field name, its answers, and the message when the answer is not one of them. */
export const aboutYouQuestions = {
  ageBand: { options: ageBands, label: 'Age' },
  sex: { options: sexes, label: 'Sex' },
  genderSameAsBirth: { options: yesNo, label: 'Gender identity' },
  ethnicity: { options: ethnicities, label: 'Ethnic group' },
  disability: { options: disabilities, label: 'Disability' },
  carer: { options: yesNo, label: 'Carer' },
} as const;

type Question = keyof typeof aboutYouQuestions;
export type AboutYou = Partial<Record<Question | 'postcodeDistrict', string>>;

export const postcodeDistrictPattern = /^[A-Z]{1,2}[0-9][A-Z0-9]?$/;

/** Check a submitted "about you" form. Every question is optional; a blank answer is no answer. */
export function parseAboutYou(form: Record<string, string>): AboutYou {
  const answers: AboutYou = {};
  const errors: Record<string, string> = {};
  for (const [field, question] of Object.entries(aboutYouQuestions) as Array<[Question, (typeof aboutYouQuestions)[Question]]>) {
    const value = (form[field] ?? '').trim();
    if (!value) continue;
    if (question.options.some((o) => o.value === value)) answers[field] = value;
    else errors[field] = `${question.label}: select one of the answers listed`;
  }
  const district = (form.postcodeDistrict ?? '').trim().toUpperCase().replace(/\s+/g, '');
  if (district) {
    if (postcodeDistrictPattern.test(district)) answers.postcodeDistrict = district;
    else errors.postcodeDistrict = 'Enter a postcode district in the correct format, like LS6 or SW1A (the first part of your postcode only)';
  }
  if (Object.keys(errors).length) throw new ValidationError(errors);
  return answers;
}

/** Plain-English answers for the account page. */
export function describeAboutYou(answers: AboutYou): Array<{ field: string; label: string; answer: string }> {
  const rows: Array<{ field: string; label: string; answer: string }> = [];
  for (const [field, question] of Object.entries(aboutYouQuestions) as Array<[Question, (typeof aboutYouQuestions)[Question]]>) {
    const value = answers[field];
    const option = question.options.find((o) => o.value === value);
    rows.push({ field, label: question.label, answer: option?.text ?? 'Not answered' });
  }
  rows.push({ field: 'postcodeDistrict', label: 'Postcode district', answer: answers.postcodeDistrict ?? 'Not answered' });
  return rows;
}

export const communicationNeedOptions: Option[] = [
  { value: 'large_print', text: 'Large print' },
  { value: 'easy_read', text: 'Easy read' },
  { value: 'british_sign_language', text: 'British Sign Language (BSL)' },
  { value: 'interpreter', text: 'An interpreter' },
  { value: 'other', text: 'Something else' },
];

export interface CommunicationNeeds {
  largePrint: boolean;
  easyRead: boolean;
  britishSignLanguage: boolean;
  /** The language when an interpreter is needed, otherwise null. */
  interpreterLanguage: string | null;
  /** Any other need, in the person's words, otherwise null. */
  other: string | null;
  /** Whether staff who handle the person's complaints and stories may see these needs. */
  shareWithStaff: boolean;
}

export const noCommunicationNeeds: CommunicationNeeds = {
  largePrint: false,
  easyRead: false,
  britishSignLanguage: false,
  interpreterLanguage: null,
  other: null,
  shareWithStaff: true,
};

export function parseCommunicationNeeds(form: { needs: string[]; interpreterLanguage: string; otherNeeds: string; share?: string }): CommunicationNeeds {
  const needs = new Set(form.needs);
  const errors: Record<string, string> = {};
  const language = form.interpreterLanguage.trim();
  const other = form.otherNeeds.trim();
  if (needs.has('interpreter')) {
    if (!language) errors.interpreterLanguage = 'Enter the language you need an interpreter for';
    else if (language.length > 100) errors.interpreterLanguage = 'Interpreter language must be 100 characters or fewer';
  }
  if (needs.has('other')) {
    if (!other) errors.otherNeeds = 'Describe the other support you need';
    else if (other.length > 500) errors.otherNeeds = 'Other support must be 500 characters or fewer';
  }
  const share = form.share || 'yes';
  if (needs.size && share !== 'yes' && share !== 'no') errors.share = 'Select yes if staff who handle your complaints and stories may see your needs';
  if (Object.keys(errors).length) throw new ValidationError(errors);
  return {
    shareWithStaff: share !== 'no',
    largePrint: needs.has('large_print'),
    easyRead: needs.has('easy_read'),
    britishSignLanguage: needs.has('british_sign_language'),
    interpreterLanguage: needs.has('interpreter') ? language : null,
    other: needs.has('other') ? other : null,
  };
}

/** Stored JSON back into the shape above (missing keys are "no need"). */
export function readCommunicationNeeds(stored: Record<string, unknown>): CommunicationNeeds {
  const text = (value: unknown) => (typeof value === 'string' && value ? value : null);
  return {
    largePrint: stored.largePrint === true,
    easyRead: stored.easyRead === true,
    britishSignLanguage: stored.britishSignLanguage === true,
    interpreterLanguage: text(stored.interpreterLanguage),
    other: text(stored.other),
    // Needs saved before people were asked were saved under "organisations are asked to meet
    // your needs when they contact you": shared.
    shareWithStaff: stored.shareWithStaff !== false,
  };
}

/** The needs in plain words, one line each ("An interpreter: Urdu", "Easy read"); empty when none. */
export function describeCommunicationNeeds(needs: CommunicationNeeds): string[] {
  const lines: string[] = [];
  if (needs.largePrint) lines.push('Large print');
  if (needs.easyRead) lines.push('Easy read');
  if (needs.britishSignLanguage) lines.push('British Sign Language (BSL)');
  if (needs.interpreterLanguage) lines.push(`An interpreter: ${needs.interpreterLanguage}`);
  if (needs.other) lines.push(`Something else: ${needs.other}`);
  return lines;
}

/** The form's values for stored needs (checkbox codes and the two text fields). */
export function communicationNeedsFormValues(needs: CommunicationNeeds): { needs: string[]; interpreterLanguage: string; otherNeeds: string; share: string } {
  const codes: string[] = [];
  if (needs.largePrint) codes.push('large_print');
  if (needs.easyRead) codes.push('easy_read');
  if (needs.britishSignLanguage) codes.push('british_sign_language');
  if (needs.interpreterLanguage) codes.push('interpreter');
  if (needs.other) codes.push('other');
  return { needs: codes, interpreterLanguage: needs.interpreterLanguage ?? '', otherNeeds: needs.other ?? '', share: needs.shareWithStaff ? 'yes' : 'no' };
}

export function readAboutYou(stored: Record<string, unknown>): AboutYou {
  const answers: AboutYou = {};
  for (const key of [...Object.keys(aboutYouQuestions), 'postcodeDistrict'] as Array<keyof AboutYou>) {
    const value = stored[key];
    if (typeof value === 'string' && value) answers[key] = value;
  }
  return answers;
}
