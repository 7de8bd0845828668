// The questions a consultation asks and the answers they take: free text, one choice, several
// choices, an agree–disagree scale, a ranking, points (or money) shared among options, and the
// "about you" questions in the Census 2021 categories. Plain functions over plain data: each answer
// as typed is checked against its question, giving a message that names the question, or a value
// to store.

export const questionKinds = ['free_text', 'single_choice', 'multiple_choice', 'agree_scale', 'ranking', 'allocation', 'about_you'] as const;
export type QuestionKind = (typeof questionKinds)[number];

export const questionKindLabels: Record<QuestionKind, string> = {
  free_text: 'Free text',
  single_choice: 'Choose one',
  multiple_choice: 'Choose any',
  agree_scale: 'Agree or disagree',
  ranking: 'Put in order',
  allocation: 'Share points among options',
  about_you: 'About you',
};

export const agreeScale = ['Strongly agree', 'Agree', 'Neither agree nor disagree', 'Disagree', 'Strongly disagree'] as const;

export const preferNotToSay = 'Prefer not to say';

/** The "about you" questions, in the Census 2021 categories; every one optional. */
export const aboutYouQuestions = {
  // The same bands as the places' population profiles in the registry, so answers compare with them.
  age_band: { text: 'How old are you?', options: ['0 to 15', '16 to 24', '25 to 49', '50 to 64', '65 to 79', '80 and over'] },
  sex: { text: 'What is your sex?', options: ['Female', 'Male'] },
  ethnic_group: {
    text: 'What is your ethnic group?',
    options: [
      'Asian, Asian British or Asian Welsh',
      'Black, Black British, Black Welsh, Caribbean or African',
      'Mixed or Multiple ethnic groups',
      'White',
      'Other ethnic group',
    ],
  },
  disability: {
    text: 'Do you have any physical or mental health conditions or illnesses lasting or expected to last 12 months or more, which reduce your ability to carry out day-to-day activities?',
    options: ['Yes, a lot', 'Yes, a little', 'No'],
  },
  carer: {
    text: 'Do you look after, or give any help or support to, anyone because of long-term physical or mental health conditions or illnesses, or problems related to old age?',
    options: ['Yes', 'No'],
  },
} as const;
export type AboutYouKey = keyof typeof aboutYouQuestions;

/** The registry's population dimension each "about you" question compares with, where it has one. */
export const populationDimensionOf: Partial<Record<AboutYouKey, 'age_band' | 'sex' | 'ethnicity'>> = {
  age_band: 'age_band',
  sex: 'sex',
  ethnic_group: 'ethnicity',
};
export const aboutYouKeys = Object.keys(aboutYouQuestions) as AboutYouKey[];

export interface Question {
  id: number;
  position: number;
  kind: QuestionKind;
  text: string;
  hint: string | null;
  required: boolean;
  /** The choices (choice, ranking and allocation questions; the Census options for "about you"). */
  options: string[];
  /** Points (or pounds) to share, for allocation questions. */
  budget: number | null;
  /** Which "about you" question, for kind about_you. */
  aboutYouKey: AboutYouKey | null;
}

/** What a person answered to one question, as stored. */
export type AnswerValue = { text: string } | { choice: string } | { choices: string[] } | { order: string[] } | { points: Record<string, number> };

export const maxFreeTextLength = 5000;

/** The options a question offers (the scale, or the Census categories with "prefer not to say"). */
export function optionsOf(question: Pick<Question, 'kind' | 'options' | 'aboutYouKey'>): string[] {
  if (question.kind === 'agree_scale') return [...agreeScale];
  if (question.kind === 'about_you' && question.aboutYouKey) return [...aboutYouQuestions[question.aboutYouKey].options, preferNotToSay];
  return question.options;
}

/** The form field names a question's answer arrives in (one per option for rankings and points). */
export function fieldOf(question: Pick<Question, 'id'>): string {
  return `q${question.id}`;
}

type Form = Record<string, string | string[] | undefined>;

const one = (value: string | string[] | undefined) => (Array.isArray(value) ? (value[0] ?? '') : (value ?? '')).trim();
const many = (value: string | string[] | undefined) => (Array.isArray(value) ? value : value ? [value] : []).map((v) => v.trim()).filter(Boolean);

/**
 * Read one question's answer from a form. Returns the value to store (null when left empty), or a
 * message naming the question when what was sent does not fit it.
 */
export function readAnswer(question: Question, form: Form, label = `Question ${question.position}`): { value: AnswerValue | null } | { error: string } {
  const field = fieldOf(question);
  const options = optionsOf(question);
  switch (question.kind) {
    case 'free_text': {
      const text = one(form[field]);
      if (text.length > maxFreeTextLength)
        return {
          error: `${label}: your answer must be ${maxFreeTextLength.toLocaleString('en-GB')} characters or fewer (it has ${text.length.toLocaleString('en-GB')})`,
        };
      return { value: text ? { text } : null };
    }
    case 'single_choice':
    case 'agree_scale':
    case 'about_you': {
      const choice = one(form[field]);
      if (!choice) return { value: null };
      if (!options.includes(choice)) return { error: `${label}: choose one of the options` };
      return { value: { choice } };
    }
    case 'multiple_choice': {
      const choices = [...new Set(many(form[field]))];
      if (choices.some((c) => !options.includes(c))) return { error: `${label}: choose from the options` };
      return { value: choices.length ? { choices } : null };
    }
    case 'ranking': {
      // One box per option holding its place (1 = first); all empty means not answered.
      const places = options.map((option, i) => ({ option, place: one(form[`${field}_${i}`]) }));
      if (places.every((p) => !p.place)) return { value: null };
      const numbers = places.map((p) => Number(p.place));
      const valid =
        places.every((p) => /^\d+$/.test(p.place)) && new Set(numbers).size === options.length && numbers.every((n) => n >= 1 && n <= options.length);
      if (!valid) return { error: `${label}: give each option a different number from 1 to ${options.length}` };
      return { value: { order: [...places].sort((a, b) => Number(a.place) - Number(b.place)).map((p) => p.option) } };
    }
    case 'allocation': {
      const budget = question.budget ?? 100;
      const points: Record<string, number> = {};
      let total = 0;
      let any = false;
      for (const [i, option] of options.entries()) {
        const raw = one(form[`${field}_${i}`]);
        if (!raw) continue;
        if (!/^\d{1,9}$/.test(raw)) return { error: `${label}: enter whole numbers of points, like 10` };
        any = true;
        points[option] = Number(raw);
        total += Number(raw);
      }
      if (!any) return { value: null };
      if (total > budget) return { error: `${label}: you have shared ${total} points; share no more than ${budget}` };
      return { value: { points } };
    }
  }
}

/** Read every answer of a form: the values to store, and the messages by field for those that do not fit. */
export function readAnswers(questions: readonly Question[], form: Form, options: { requireRequired: boolean }) {
  const values = new Map<number, AnswerValue>();
  const errors: Record<string, string> = {};
  for (const question of questions) {
    const read = readAnswer(question, form);
    if ('error' in read) errors[fieldOf(question)] = read.error;
    else if (read.value) values.set(question.id, read.value);
    else if (options.requireRequired && question.required) errors[fieldOf(question)] = `Question ${question.position}: answer this question`;
  }
  return { values, errors };
}

/** An answer back into the form's fields (to show what was typed again, or a saved answer). */
export function formFieldsOf(question: Question, value: AnswerValue | undefined): Record<string, string | string[]> {
  const field = fieldOf(question);
  if (!value) return {};
  if ('text' in value) return { [field]: value.text };
  if ('choice' in value) return { [field]: value.choice };
  if ('choices' in value) return { [field]: value.choices };
  const options = optionsOf(question);
  if ('order' in value) return Object.fromEntries(options.map((o, i) => [`${field}_${i}`, String(value.order.indexOf(o) + 1)]));
  return Object.fromEntries(options.map((o, i) => [`${field}_${i}`, value.points[o] === undefined ? '' : String(value.points[o])]));
}

/** Check a question as staff write it: the message by field, or nothing. */
export function checkQuestion(input: { kind: string; text: string; options: string[]; budget: string; aboutYouKey: string }): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!questionKinds.includes(input.kind as QuestionKind)) errors.kind = 'Choose the kind of question';
  const kind = input.kind as QuestionKind;
  if (kind !== 'about_you') {
    if (!input.text.trim()) errors.text = 'Enter the question';
    else if (input.text.length > 1000) errors.text = 'The question must be 1,000 characters or fewer';
  }
  const needsOptions = kind === 'single_choice' || kind === 'multiple_choice' || kind === 'ranking' || kind === 'allocation';
  if (needsOptions) {
    if (input.options.length < 2) errors.options = 'Enter at least 2 options, one on each line';
    else if (input.options.length > 30) errors.options = 'Enter 30 options or fewer';
    else if (input.options.some((o) => o.length > 200)) errors.options = 'Each option must be 200 characters or fewer';
    else if (new Set(input.options).size !== input.options.length) errors.options = 'Each option must be different';
  }
  if (kind === 'allocation' && !/^\d{1,9}$/.test(input.budget.trim())) errors.budget = 'Enter the points (or pounds) to share, as a whole number';
  if (kind === 'about_you' && !aboutYouKeys.includes(input.aboutYouKey as AboutYouKey)) errors.aboutYouKey = 'Choose which "about you" question';
  return errors;
}
