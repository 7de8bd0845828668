// The consultations module's part of the demo: an open consultation about moving the minor
// injuries unit with 320 varied answers (with "about you" and free text), and a closed one about
// evening GP appointments with its outcome published. Answers are made up, from a fixed seed.
import type { Db } from '../../platform/database.js';
import type { DemoContext, DemoStep } from '../../platform/module.js';
import { listPlaces } from '../registry/service.js';
import { type AnswerValue, aboutYouQuestions, agreeScale, type QuestionKind } from './questions.js';

function seeded(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

interface DemoQuestion {
  kind: QuestionKind;
  text: string;
  options?: string[];
  budget?: number;
  aboutYouKey?: keyof typeof aboutYouQuestions;
  required?: boolean;
}

const comments = [
  'The bus from Eastmoor takes over an hour, so the new site would be hard for us to reach.',
  'Longer opening hours matter more to me than where it is.',
  'Parking at the hospital is already full most days.',
  'I would rather travel a bit further and be seen sooner.',
  'Please keep a walk-in service in the town centre for people without a car.',
  'Children should be seen by staff who are used to treating children.',
  'The current building is tired and cold; a new one would be welcome.',
  'Make sure the phone line is answered, so people know where to go.',
  'Evening appointments would help people who work shifts.',
  'Interpreters should be available without having to book days ahead.',
];

async function addConsultation(
  db: Db,
  input: {
    organisationId: number;
    createdBy: number;
    title: string;
    summary: string;
    proposal: string;
    opensOn: string;
    closesOn: string;
    phase: 'open' | 'outcome_published';
    placeIds: number[];
  },
  questions: DemoQuestion[],
): Promise<{ id: number; questionIds: number[] }> {
  const c = await db
    .insertInto('consultation')
    .values({
      organisation_id: input.organisationId,
      title: input.title,
      summary: input.summary,
      proposal: input.proposal,
      audience: 'Everyone who lives or works in Northvale and Eastmoor',
      opens_on: input.opensOn,
      closes_on: input.closesOn,
      phase: input.phase,
      created_by_account_id: input.createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (input.placeIds.length)
    await db
      .insertInto('consultation_place')
      .values(input.placeIds.map((place_id) => ({ consultation_id: c.id, place_id })))
      .execute();
  const questionIds: number[] = [];
  for (const [i, q] of questions.entries()) {
    const row = await db
      .insertInto('consultation_question')
      .values({
        consultation_id: c.id,
        position: i + 1,
        kind: q.kind,
        text: q.text,
        required: q.required ?? false,
        options: JSON.stringify(q.options ?? []),
        budget: q.budget ?? null,
        about_you_key: q.aboutYouKey ?? null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    questionIds.push(row.id);
  }
  return { id: c.id, questionIds };
}

function pick<T>(random: () => number, items: readonly T[], weights?: readonly number[]): T {
  const w = weights ?? items.map(() => 1);
  let r = random() * w.reduce((a, b) => a + b, 0);
  for (const [i, item] of items.entries()) {
    r -= w[i] ?? 0;
    if (r <= 0) return item;
  }
  return items[items.length - 1] as T;
}

function demoAnswer(random: () => number, q: DemoQuestion): AnswerValue | null {
  if (random() < 0.06) return null; // some leave a question out
  switch (q.kind) {
    case 'free_text':
      return random() < 0.55 ? { text: pick(random, comments) } : null;
    case 'agree_scale':
      return { choice: pick(random, agreeScale, [18, 30, 20, 20, 12]) };
    case 'single_choice':
    case 'about_you': {
      const options = q.kind === 'about_you' && q.aboutYouKey ? [...aboutYouQuestions[q.aboutYouKey].options, 'Prefer not to say'] : (q.options ?? []);
      const weights = q.aboutYouKey === 'ethnic_group' ? [10, 4, 3, 80, 2, 3] : undefined;
      return { choice: pick(random, options, weights) };
    }
    case 'multiple_choice':
      return { choices: (q.options ?? []).filter(() => random() < 0.45) };
    case 'ranking':
      return { order: [...(q.options ?? [])].sort(() => random() - 0.5) };
    case 'allocation': {
      const options = q.options ?? [];
      const first = Math.round(random() * 60);
      const second = Math.round(random() * (100 - first));
      return {
        points: Object.fromEntries(
          [
            [options[0], first],
            [options[1], second],
            [options[2], 100 - first - second],
          ].filter(([o]) => o !== undefined),
        ),
      };
    }
  }
}

async function addAnswers(db: Db, consultationId: number, questions: DemoQuestion[], questionIds: number[], count: number, seed: number): Promise<void> {
  const random = seeded(seed);
  // All the responses in one statement, then all their answers in a few (the demo loads in seconds).
  const responses = await db
    .insertInto('consultation_response')
    .values(
      Array.from({ length: count }, (_, n) => ({
        consultation_id: consultationId,
        reference: `C-DEMO${String(seed).slice(-1)}${String(n).padStart(3, '0')}`,
        channel: n % 25 === 0 ? ('paper' as const) : n % 40 === 0 ? ('phone' as const) : ('online' as const),
        submitted_at: new Date(Date.now() - (count - n) * 3_600_000),
      })),
    )
    .returning('id')
    .execute();
  const values = responses.flatMap((response) =>
    questions.flatMap((q, i) => {
      const value = demoAnswer(random, q);
      return value ? [{ response_id: response.id, question_id: questionIds[i] as number, value: JSON.stringify(value) }] : [];
    }),
  );
  for (let i = 0; i < values.length; i += 1000)
    await db
      .insertInto('consultation_answer')
      .values(values.slice(i, i + 1000))
      .execute();
}

const aboutYou: DemoQuestion[] = (['age_band', 'sex', 'ethnic_group', 'disability'] as const).map((aboutYouKey) => ({
  kind: 'about_you',
  text: '',
  aboutYouKey,
}));

async function loadConsultations({ db, id }: DemoContext): Promise<void> {
  const today = new Date();
  const day = (offset: number) => new Date(today.getTime() + offset * 86_400_000).toISOString().slice(0, 10);
  const system = (await listPlaces(db))[0];
  const placeIds = system ? [system.id] : [];
  const open: DemoQuestion[] = [
    { kind: 'agree_scale', text: 'Do you agree with moving the minor injuries unit to Northvale General Hospital?', required: true },
    { kind: 'single_choice', text: 'How would you usually get there?', options: ['Car', 'Bus', 'Walking or cycling', 'Taxi', 'Someone would drive me'] },
    { kind: 'ranking', text: 'What matters most to you about urgent care?', options: ['Opening hours', 'Travel time', 'Waiting time', 'Care for children'] },
    {
      kind: 'allocation',
      text: 'If you had 100 points, how would you share them?',
      options: ['Longer opening hours', 'A new building', 'More staff'],
      budget: 100,
    },
    { kind: 'free_text', text: 'Is there anything else you want us to know?' },
    ...aboutYou,
  ];
  const first = await addConsultation(
    db,
    {
      organisationId: id('organisation:icb'),
      createdBy: id('account:orgAdmin'),
      title: 'Demo: Moving the minor injuries unit',
      summary:
        'We propose moving the Eastmoor minor injuries unit to Northvale General Hospital, open for longer hours. Tell us what you think before we decide.',
      proposal: 'The unit in Eastmoor is open 8am to 8pm. At the hospital it would open 7am to 11pm, with x-ray on site. Some people would travel further.',
      opensOn: day(-30),
      closesOn: day(30),
      phase: 'open',
      placeIds,
    },
    open,
  );
  await addAnswers(db, first.id, open, first.questionIds, 320, 20261);

  const closed: DemoQuestion[] = [
    { kind: 'single_choice', text: 'Would you use evening GP appointments?', options: ['Yes, often', 'Yes, sometimes', 'No'], required: true },
    { kind: 'multiple_choice', text: 'Which evenings would suit you?', options: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'] },
    { kind: 'free_text', text: 'What would make evening appointments work for you?' },
    ...aboutYou,
  ];
  const second = await addConsultation(
    db,
    {
      organisationId: id('organisation:icb'),
      createdBy: id('account:orgAdmin'),
      title: 'Demo: Evening GP appointments',
      summary: 'We asked whether practices should offer appointments until 8pm on weekdays.',
      proposal: '',
      opensOn: day(-120),
      closesOn: day(-60),
      phase: 'outcome_published',
      placeIds,
    },
    closed,
  );
  await addAnswers(db, second.id, closed, second.questionIds, 140, 20262);
  await db
    .insertInto('consultation_quote')
    .values({ consultation_id: second.id, text: comments[8] as string, chosen_by_account_id: id('account:orgAdmin') })
    .execute();
  await db
    .insertInto('consultation_outcome')
    .values({
      consultation_id: second.id,
      we_asked: 'Whether GP practices should offer appointments until 8pm on weekdays, and which evenings would suit people.',
      you_said: 'Most people who answered would use evening appointments, especially people who work shifts; Tuesday and Thursday suited most.',
      we_did: 'From April every practice in Northvale offers appointments until 8pm on Tuesdays and Thursdays, booked through the usual phone line.',
      decision_reasons: 'Two evenings a week gives the most people an appointment they can get to, with the staff the practices have.',
      published_by_account_id: id('account:orgAdmin'),
    })
    .execute();
}

export const consultationsDemo: DemoStep[] = [{ stage: 3, load: loadConsultations }];
