// Stories and Friends and Family Test answers in the demo health system, so that every part of
// feedback has something to show: published stories about seven organisations (both trusts, the
// council and four GP practices), most answered, several with a change made or planned for "you
// said, we did"; one waiting for moderation with an NHS number and a name in it; and FFT answers
// on every day of the last 12 months for both trusts and three practices, each with its own share
// positive and trend. Stories are dated back from today and answers drawn from fixed seeds, so the
// demo reads the same on any day it is loaded. All made up; the NHS number is a test number that
// passes the Modulus 11 check.
import crypto from 'node:crypto';
import { seededRandom } from '@involve/decide/seededRandom';
import type { Kysely } from 'kysely';
import type { DemoContext, DemoStep } from '../../platform/module.js';
import type { Database } from '../../platform/schema.js';
import { createVerifiedAccount, grantRoleDirect } from '../accounts/service.js';
import { insertStoryAsPublished } from './publishedStory.js';
import type { FftAnswer } from './schema.js';

/** The demo organisations stories and answers are about (registry demo keys). */
type OrgKey = 'acute' | 'community' | 'council' | 'pMillbrook' | 'pCastle' | 'pRiverside' | 'pTown';

interface DemoStory {
  organisation: OrgKey;
  title: string;
  service: string;
  whatHappened: string;
  whatCouldBeBetter?: string;
  daysAgo: number;
  criticality: number;
  themes: Array<[string, 'good' | 'could_be_better']>;
  response?: { body: string; role: string; change?: ['planned' | 'made', string]; daysAfter: number };
}

const published: DemoStory[] = [
  {
    organisation: 'acute',
    title: 'Nobody told us why we were waiting',
    service: 'Emergency department',
    whatHappened:
      'I brought my son in with a broken arm on a Saturday night. We waited five hours and nobody told us why, or how much longer it would be. When we were seen, the doctor was kind and quick.',
    whatCouldBeBetter: 'A screen or a person telling people how long the wait is.',
    daysAgo: 40,
    criticality: 3,
    themes: [
      ['Communication', 'could_be_better'],
      ['Waiting times', 'could_be_better'],
      ['Staff attitude', 'good'],
    ],
    response: {
      body: 'Thank you for telling us, and we are sorry you were left without any information. You were not the only one to tell us this.',
      role: 'Head of patient experience',
      change: ['made', 'The emergency department now shows the expected waiting time on screens in the waiting room, updated every 15 minutes.'],
      daysAfter: 2,
    },
  },
  {
    organisation: 'acute',
    title: 'Discharge took all day',
    service: 'Medical wards',
    whatHappened:
      'My mother was told at 9am that she could go home, but we did not leave until 7pm because her medicines were not ready. She was tired and upset by the end.',
    daysAgo: 20,
    criticality: 2,
    themes: [
      ['Discharge', 'could_be_better'],
      ['Medication', 'could_be_better'],
    ],
    response: {
      body: 'We are sorry your mother had such a long day. Waiting for medicines is the most common reason for late discharge here.',
      role: 'Matron, medical wards',
      change: ['planned', 'From next month the pharmacy will prepare medicines the day before a planned discharge.'],
      daysAfter: 5,
    },
  },
  {
    organisation: 'acute',
    title: 'The maternity team were wonderful',
    service: 'Maternity',
    whatHappened: 'The midwives stayed with us all night and explained everything. We felt safe and cared for.',
    daysAgo: 8,
    criticality: 0,
    themes: [
      ['Staff attitude', 'good'],
      ['Communication', 'good'],
    ],
  },
  {
    organisation: 'acute',
    title: 'The car park machines only took coins',
    service: 'Car parking',
    whatHappened:
      'I drove my wife to her chemotherapy and the pay machines in the car park took only coins. I had none, and nearly missed the start of her treatment walking to a shop for change.',
    daysAgo: 260,
    criticality: 1,
    themes: [['Parking', 'could_be_better']],
    response: {
      body: 'We are sorry. Several people told us the same, and we agree it is not good enough, least of all for people coming for treatment.',
      role: 'Head of facilities',
      change: ['made', 'Every pay machine now takes cards and phones, and people coming for chemotherapy park free.'],
      daysAfter: 6,
    },
  },
  {
    organisation: 'acute',
    title: 'Physio after my hip operation',
    service: 'Physiotherapy',
    whatHappened: 'The physiotherapists had me walking the day after my operation and gave me exercises I could do at home. I felt in good hands.',
    daysAgo: 60,
    criticality: 0,
    themes: [['Staff attitude', 'good']],
    response: { body: 'Thank you. We have passed your kind words on to the team.', role: 'Therapy services manager', daysAfter: 3 },
  },
  {
    organisation: 'community',
    title: 'Eight months on the list for talking therapy',
    service: 'Talking therapies',
    whatHappened:
      'I was referred for talking therapy for anxiety and waited eight months. In all that time I heard nothing, and I did not know whether I was still on the list.',
    whatCouldBeBetter: 'Let people know they have not been forgotten.',
    daysAgo: 200,
    criticality: 3,
    themes: [
      ['Waiting times', 'could_be_better'],
      ['Communication', 'could_be_better'],
    ],
    response: {
      body: 'Thank you for telling us, and we are sorry. Our waits are too long, and hearing nothing makes them harder.',
      role: 'Service manager, talking therapies',
      change: [
        'made',
        'Everyone waiting for talking therapy now gets a text each month saying where they are on the list and who to call if things get worse.',
      ],
      daysAfter: 4,
    },
  },
  {
    organisation: 'community',
    title: 'The crisis team listened',
    service: 'Mental health crisis team',
    whatHappened: 'When my partner was in crisis the team came out within two hours, listened to us both and made a plan with us.',
    daysAgo: 15,
    criticality: 0,
    themes: [['Staff attitude', 'good']],
  },
  {
    organisation: 'pMillbrook',
    title: 'Could not get through at 8am',
    service: 'Appointments',
    whatHappened: 'Every morning I rang at 8am and by the time I got through all the appointments had gone. It took me a week to see a doctor.',
    daysAgo: 300,
    criticality: 2,
    themes: [['Access and appointments', 'could_be_better']],
    response: {
      body: 'We are sorry. Our patient participation group told us the same, and we have changed how people reach us.',
      role: 'Practice manager',
      change: ['made', 'Our new phone system offers a call back instead of a queue, and you can ask for an appointment online all day.'],
      daysAfter: 5,
    },
  },
  {
    organisation: 'pMillbrook',
    title: 'The nurse explained my diabetes',
    service: 'Practice nurse',
    whatHappened: 'The practice nurse took time to explain my new diabetes diagnosis and wrote down what I needed to do.',
    daysAgo: 30,
    criticality: 0,
    themes: [['Communication', 'good']],
    response: { body: 'Thank you for letting us know. We will share this with the nursing team.', role: 'Practice manager', daysAfter: 2 },
  },
  {
    organisation: 'pCastle',
    title: 'My repeat prescription went missing twice',
    service: 'Repeat prescriptions',
    whatHappened: 'I handed in my repeat prescription request at the desk twice and both times it was lost. I ran out of my blood pressure tablets.',
    daysAgo: 45,
    criticality: 3,
    themes: [['Medication', 'could_be_better']],
    response: {
      body: 'We are very sorry you ran out of your tablets. Paper requests are passed by hand and can go astray.',
      role: 'Practice manager',
      change: ['planned', 'From next month you will be able to order repeat prescriptions in the NHS App, and paper requests will be scanned on the day.'],
      daysAfter: 3,
    },
  },
  {
    organisation: 'pRiverside',
    title: 'Reception was not private',
    service: 'Reception',
    whatHappened: 'I had to explain why I needed an appointment at the front desk with a queue of people behind me.',
    daysAgo: 25,
    criticality: 1,
    themes: [['Dignity and respect', 'could_be_better']],
    response: { body: 'Thank you. You can always ask to speak to us in the side room, and we will make that clearer.', role: 'Reception lead', daysAfter: 4 },
  },
  {
    organisation: 'pTown',
    title: 'A home visit for my dad',
    service: 'Home visits',
    whatHappened: 'The doctor came to see my dad at home when he could not get out of bed, and rang me afterwards to explain.',
    daysAgo: 12,
    criticality: 0,
    themes: [['Communication', 'good']],
  },
  {
    organisation: 'council',
    title: 'Six months for a carer’s assessment',
    service: 'Adult social care',
    whatHappened: 'I care for my husband, who has dementia. I asked for a carer’s assessment and waited six months, by which time I was exhausted.',
    daysAgo: 170,
    criticality: 2,
    themes: [
      ['Waiting times', 'could_be_better'],
      ['Access and appointments', 'could_be_better'],
    ],
    response: {
      body: 'We are sorry you waited so long for help. Carers were waiting far too long for assessments last year.',
      role: 'Head of adult social care',
      change: ['made', 'Carers’ assessments are now done within four weeks, by a new team that works with the local carers’ centre.'],
      daysAfter: 7,
    },
  },
];

/** Who answers for each organisation: the demo responder for the hospital trust, else a made-up staff account. */
type Responder = { accountId: number; name: string };

export async function insertDemoStories(
  trx: Kysely<Database>,
  ids: { organisations: Record<OrgKey, number>; authorAccountId: number; responders: Partial<Record<OrgKey, Responder>> },
): Promise<void> {
  const themes = await trx.selectFrom('feedback_theme').select(['id', 'name', 'polarity']).execute();
  const themeId = (name: string, polarity: string) => themes.find((t) => t.name === name && t.polarity === polarity)?.id;
  let n = 0;
  for (const s of published) {
    n++;
    const organisationId = ids.organisations[s.organisation];
    const publishedAt = new Date(Date.now() - s.daysAgo * 86_400_000);
    const carer = s.service === 'Medical wards' || s.service === 'Adult social care';
    const storyId = await insertStoryAsPublished(
      trx,
      {
        reference: `S-DEMO-${String(n).padStart(4, '0')}`,
        organisation_id: organisationId,
        service: s.service,
        author_account_id: ids.authorAccountId,
        author_role: carer ? 'carer' : 'patient',
        display_name: s.service === 'Medical wards' ? 'Daughter of a patient' : carer ? 'A carer' : 'A patient',
        happened_month: `${publishedAt.toISOString().slice(0, 7)}-01`,
        status: 'published',
        criticality: s.criticality,
        title: s.title,
        what_happened: s.whatHappened,
        what_could_be_better: s.whatCouldBeBetter ?? null,
        submitted_at: new Date(publishedAt.getTime() - 86_400_000),
        moderated_at: publishedAt,
        published_at: publishedAt,
      },
      { accountId: ids.authorAccountId },
    );
    const tagged = s.themes.map(([name, polarity]) => themeId(name, polarity)).filter((id): id is number => id !== undefined);
    if (tagged.length)
      await trx
        .insertInto('story_theme')
        .values(tagged.map((theme_id) => ({ story_id: storyId, theme_id })))
        .execute();
    const responder = ids.responders[s.organisation];
    if (s.response && responder) {
      const answeredAt = new Date(publishedAt.getTime() + s.response.daysAfter * 86_400_000);
      await trx
        .insertInto('story_response')
        .values({
          story_id: storyId,
          account_id: responder.accountId,
          from_kind: 'organisation',
          organisation_id: organisationId,
          signed_name: responder.name,
          signed_role: s.response.role,
          body: s.response.body,
          change_status: s.response.change?.[0] ?? null,
          change_description: s.response.change?.[1] ?? null,
          change_updated_at: s.response.change ? answeredAt : null,
          created_at: answeredAt,
        })
        .execute();
    }
  }
  // One waiting for the demo moderator, with identifiers to find.
  const waiting = await trx
    .insertInto('story')
    .values({
      reference: 'S-DEMO-0099',
      organisation_id: ids.organisations.acute,
      service: 'Outpatients',
      author_account_id: ids.authorAccountId,
      author_role: 'patient',
      display_name: 'A patient',
      happened_month: `${new Date().toISOString().slice(0, 7)}-01`,
      submitted_at: new Date(Date.now() - 3600_000),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('story_version')
    .values({
      story_id: waiting.id,
      kind: 'original',
      title: 'My appointment letter went to the wrong address',
      what_happened:
        'My letter for the eye clinic, with my NHS number 943 476 5919 on it, was sent to 12 Mill Lane instead of my home. Dr Ellison apologised when I finally got seen, but I missed the first appointment.',
      account_id: ids.authorAccountId,
    })
    .execute();
}

/** Made-up staff who answer stories for the organisations other than the hospital trust (no sign-in). */
const staffResponders: Array<[OrgKey, string]> = [
  ['community', 'Alex Carter'],
  ['council', 'Sam Patel'],
  ['pMillbrook', 'Helen Shaw'],
  ['pCastle', 'Mark Lewis'],
  ['pRiverside', 'Ruth Green'],
];

async function loadFeedbackDemo({ db, id }: DemoContext): Promise<void> {
  const keys: OrgKey[] = ['acute', 'community', 'council', 'pMillbrook', 'pCastle', 'pRiverside', 'pTown'];
  const organisations = Object.fromEntries(keys.map((key) => [key, id(`organisation:${key}`)])) as Record<OrgKey, number>;
  const responders: Partial<Record<OrgKey, Responder>> = { acute: { accountId: id('account:responder'), name: 'Demo Responder' } };
  for (const [key, name] of staffResponders) {
    const email = `${name.toLowerCase().replace(' ', '.')}@demo.involve.test`;
    const accountId = await createVerifiedAccount(db, { email, name, password: crypto.randomBytes(24).toString('base64url') });
    await grantRoleDirect(db, accountId, 'responder', organisations[key]);
    responders[key] = { accountId, name };
  }
  await insertDemoStories(db, { organisations, authorAccountId: id('account:member'), responders });
  await insertDemoFftAnswers(db, organisations);
}

/** Each organisation's FFT: answers a day, share positive a year ago and now, and its seed. */
const fftProfiles: Array<{ organisation: OrgKey; perDay: number; positiveThen: number; positiveNow: number; seed: number }> = [
  { organisation: 'acute', perDay: 6, positiveThen: 0.78, positiveNow: 0.88, seed: 101 },
  { organisation: 'community', perDay: 3, positiveThen: 0.86, positiveNow: 0.84, seed: 102 },
  { organisation: 'pMillbrook', perDay: 2, positiveThen: 0.74, positiveNow: 0.9, seed: 103 },
  { organisation: 'pCastle', perDay: 2, positiveThen: 0.93, positiveNow: 0.94, seed: 104 },
  { organisation: 'pTown', perDay: 1, positiveThen: 0.8, positiveNow: 0.72, seed: 105 },
];

const fftComments: Record<'positive' | 'negative', string[]> = {
  positive: ['Staff were kind and explained everything.', 'Seen on time.', 'Very clean and friendly.', 'Listened to me properly.'],
  negative: ['Waited too long with no update.', 'Could not get through on the phone.', 'Nobody explained what would happen next.'],
};

/** The day (YYYY-MM-DD, in England) some days before today. */
const daysBefore = (days: number) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date(Date.now() - days * 86_400_000));

/**
 * FFT answers for every day of the last year (today back to 364 days ago), as if from text
 * messages: the share positive drifts from a year ago to now, a few answers carry a comment.
 */
async function insertDemoFftAnswers(trx: Kysely<Database>, organisations: Record<OrgKey, number>): Promise<void> {
  for (const p of fftProfiles) {
    const random = seededRandom(p.seed);
    const rows: Array<{ organisation_id: number; answer: FftAnswer; free_text: string | null; answered_on: string; source: 'form' }> = [];
    for (let day = 364; day >= 0; day--) {
      const positive = p.positiveNow + ((p.positiveThen - p.positiveNow) * day) / 364;
      const answeredOn = daysBefore(day);
      for (let i = 0; i < p.perDay; i++) {
        const r = random();
        const answer: FftAnswer =
          r < positive * 0.62
            ? 'very_good'
            : r < positive
              ? 'good'
              : r < positive + 0.04
                ? 'neither'
                : r < 0.97
                  ? 'poor'
                  : r < 0.99
                    ? 'very_poor'
                    : 'dont_know';
        const tone = answer === 'very_good' || answer === 'good' ? 'positive' : answer === 'poor' || answer === 'very_poor' ? 'negative' : null;
        const comments = tone ? fftComments[tone] : [];
        const free_text = comments.length && random() < 0.15 ? (comments[Math.floor(random() * comments.length)] as string) : null;
        rows.push({ organisation_id: organisations[p.organisation], answer, free_text, answered_on: answeredOn, source: 'form' });
      }
    }
    await trx.insertInto('fft_answer').values(rows).execute();
  }
}

/** Stage 3: stories about seven demo organisations, told by the demo PPG member and mostly answered, and a year of FFT answers. */
export const feedbackDemo: DemoStep[] = [{ stage: 3, load: loadFeedbackDemo }];
