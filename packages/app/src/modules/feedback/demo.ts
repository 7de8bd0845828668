// Stories in the demo health system, so that every part of feedback has something to show: published
// stories about the demo hospital trust (one answered with a change made, one with a change
// planned, one not yet answered) and one waiting for moderation with an NHS number and a name in it.
// All made up; the NHS number is a test number that passes the Modulus 11 check.
import type { Kysely } from 'kysely';
import type { DemoContext, DemoStep } from '../../platform/module.js';
import type { Database } from '../../platform/schema.js';
import { insertStoryAsPublished } from './publishedStory.js';

interface DemoStory {
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
];

export async function insertDemoStories(
  trx: Kysely<Database>,
  ids: { acuteId: number; authorAccountId: number; responderAccountId: number; responderName: string },
): Promise<void> {
  const themes = await trx.selectFrom('feedback_theme').select(['id', 'name', 'polarity']).execute();
  const themeId = (name: string, polarity: string) => themes.find((t) => t.name === name && t.polarity === polarity)?.id;
  let n = 0;
  for (const s of published) {
    n++;
    const publishedAt = new Date(Date.now() - s.daysAgo * 86_400_000);
    const storyId = await insertStoryAsPublished(
      trx,
      {
        reference: `S-DEMO-000${n}`,
        organisation_id: ids.acuteId,
        service: s.service,
        author_account_id: ids.authorAccountId,
        author_role: n === 2 ? 'carer' : 'patient',
        display_name: n === 2 ? 'Daughter of a patient' : 'A patient',
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
    if (s.response) {
      await trx
        .insertInto('story_response')
        .values({
          story_id: storyId,
          account_id: ids.responderAccountId,
          from_kind: 'organisation',
          organisation_id: ids.acuteId,
          signed_name: ids.responderName,
          signed_role: s.response.role,
          body: s.response.body,
          change_status: s.response.change?.[0] ?? null,
          change_description: s.response.change?.[1] ?? null,
          change_updated_at: s.response.change ? new Date(publishedAt.getTime() + s.response.daysAfter * 86_400_000) : null,
          created_at: new Date(publishedAt.getTime() + s.response.daysAfter * 86_400_000),
        })
        .execute();
    }
  }
  // One waiting for the demo moderator, with identifiers to find.
  const waiting = await trx
    .insertInto('story')
    .values({
      reference: 'S-DEMO-0009',
      organisation_id: ids.acuteId,
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

/** Stage 3: stories about the demo hospital trust, told by the demo PPG member and answered. */
export const feedbackDemo: DemoStep[] = [
  {
    stage: 3,
    load: ({ db, id }: DemoContext) =>
      insertDemoStories(db, {
        acuteId: id('organisation:acute'),
        authorAccountId: id('account:member'),
        responderAccountId: id('account:responder'),
        responderName: 'Demo Responder',
      }),
  },
];
