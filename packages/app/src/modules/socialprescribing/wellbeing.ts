// ONS4 personal wellbeing: four questions scored 0–10 (life satisfaction, worthwhile, happiness:
// higher is better; anxiety: lower is better), taken at the start, at follow-ups and at closing. The
// link worker records them; the person may add their own. Scores are checked here, in one place.
import { recordAudit } from '../../platform/audit.js';
import { type Db, inTransaction } from '../../platform/database.js';
import { ValidationError } from '../../platform/errors.js';
import { type Actor, assertCan } from './policy.js';
import { assertOpen, dateOf, mayWork, type SocialPrescribingDeps, todayOf, visibleReferral } from './records.js';
import { type WellbeingMoment, wellbeingMoments } from './schema.js';

export interface Ons4 {
  lifeSatisfaction: number;
  worthwhile: number;
  happiness: number;
  anxiety: number;
}

export type Ons4Key = keyof Ons4;

/** The four measures in the order they are asked, with the question as asked and which way is better. */
export const ons4Measures: ReadonlyArray<{
  key: Ons4Key;
  column: 'life_satisfaction' | 'worthwhile' | 'happiness' | 'anxiety';
  label: string;
  question: string;
  /** What the error asks for, naming the question ("how happy you felt yesterday"). */
  asked: string;
  higherIsBetter: boolean;
}> = [
  {
    key: 'lifeSatisfaction',
    column: 'life_satisfaction',
    label: 'Life satisfaction',
    question: 'Overall, how satisfied are you with your life nowadays?',
    asked: 'how satisfied you are with your life',
    higherIsBetter: true,
  },
  {
    key: 'worthwhile',
    column: 'worthwhile',
    label: 'Worthwhile',
    question: 'Overall, to what extent do you feel that the things you do in your life are worthwhile?',
    asked: 'how worthwhile the things you do feel',
    higherIsBetter: true,
  },
  {
    key: 'happiness',
    column: 'happiness',
    label: 'Happiness',
    question: 'Overall, how happy did you feel yesterday?',
    asked: 'how happy you felt yesterday',
    higherIsBetter: true,
  },
  {
    key: 'anxiety',
    column: 'anxiety',
    label: 'Anxiety',
    question: 'On a scale where 0 is not at all anxious and 10 is completely anxious, overall, how anxious did you feel yesterday?',
    asked: 'how anxious you felt yesterday',
    higherIsBetter: false,
  },
];

export const wellbeingMomentLabels: Record<WellbeingMoment, string> = { start: 'Start', follow_up: 'Follow-up', closing: 'Closing' };

const wholeNumber = (value: unknown): number | null => {
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^\s*\d{1,2}\s*$/.test(value) ? Number(value) : Number.NaN;
  return Number.isInteger(n) && n >= 0 && n <= 10 ? n : null;
};

/** "Enter how happy you felt yesterday as a whole number from 0 to 10": each error names its question. */
export const ons4Error = (asked: string) => `Enter ${asked} as a whole number from 0 to 10`;

/** Four scores as typed or sent (numbers or digits), each a whole number 0–10, or a ValidationError naming each bad field. */
export function checkOns4(input: Partial<Record<Ons4Key, unknown>> | null | undefined): Ons4 {
  const errors: Record<string, string> = {};
  const scores: Partial<Ons4> = {};
  for (const { key, asked } of ons4Measures) {
    const n = wholeNumber(input?.[key]);
    if (n === null) errors[key] = ons4Error(asked);
    else scores[key] = n;
  }
  if (Object.keys(errors).length) throw new ValidationError(errors);
  return scores as Ons4;
}

/** Scores that may be left out (follow-up and closing): all four empty means none; otherwise all four are checked. */
export function optionalOns4(input: Partial<Record<Ons4Key, unknown>> | null | undefined): Ons4 | null {
  const empty = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');
  if (!input || ons4Measures.every(({ key }) => empty(input[key]))) return null;
  return checkOns4(input);
}

export const ons4Columns = (scores: Ons4) => ({
  life_satisfaction: scores.lifeSatisfaction,
  worthwhile: scores.worthwhile,
  happiness: scores.happiness,
  anxiety: scores.anxiety,
});

/** Write one set of scores (inside the caller's transaction). */
export async function insertScores(
  trx: Db,
  actor: Actor,
  referralId: number,
  entry: { takenOn: string; moment: WellbeingMoment; scores: Ons4; followUpId?: number | null },
): Promise<number> {
  const { id } = await trx
    .insertInto('referral_wellbeing')
    .values({
      referral_id: referralId,
      taken_on: entry.takenOn,
      moment: entry.moment,
      follow_up_id: entry.followUpId ?? null,
      ...ons4Columns(entry.scores),
      author_account_id: actor.accountId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export interface WellbeingInput {
  /** YYYY-MM-DD (the link worker's choice; the person's own scores are today's). */
  takenOn?: string;
  moment?: WellbeingMoment | string;
  scores: Partial<Record<Ons4Key, unknown>>;
}

/**
 * Record a set of ONS4 scores: the link worker working the referral (any date up to today, any
 * moment), or the person themself (today; 'start' when none are recorded yet, 'follow_up' after).
 */
export async function recordWellbeing(deps: SocialPrescribingDeps, actor: Actor, id: number, input: WellbeingInput): Promise<number> {
  const { row, viewer } = await visibleReferral(deps.db, actor, id);
  const today = todayOf(deps);
  const asLinkWorker = mayWork(actor, row);
  if (!asLinkWorker) assertCan(actor, 'referral.readOwn', { accountId: viewer === 'person' ? (row.person_account_id as number) : -1 });
  assertOpen(row);
  let takenOn = today;
  let moment: WellbeingMoment;
  if (asLinkWorker) {
    takenOn = dateOf(input.takenOn, 'takenOn', 'the date the scores were taken', { notAfter: today });
    const chosen = wellbeingMoments.find((m) => m === input.moment);
    if (!chosen) throw new ValidationError({ moment: 'Choose when the scores were taken: start, follow-up or closing' });
    moment = chosen;
  } else {
    const earlier = await deps.db.selectFrom('referral_wellbeing').select('id').where('referral_id', '=', row.id).limit(1).executeTakeFirst();
    moment = earlier ? 'follow_up' : 'start';
  }
  const scores = checkOns4(input.scores);
  return inTransaction(deps.db, async (trx) => {
    const scoreId = await insertScores(trx, actor, row.id, { takenOn, moment, scores });
    await recordAudit(trx, actor, {
      action: 'referral.wellbeing',
      subjectType: 'referral',
      subjectId: row.id,
      detail: { moment, by: asLinkWorker ? 'link_worker' : 'person' },
    });
    return scoreId;
  });
}
