// Limits on stories and reports hold when requests arrive at the same moment (issue 12, defect 3):
// each is taken from the platform's atomic limiter, so 20 stories sent at once by one person give
// at most 5, and 15 reports sent at once from one address give at most 10. A story refused by the
// limit is shown again with everything typed kept and when it can be sent (issue 12, defect 13).
import { beforeAll, expect, it } from 'vitest';
import { describeWithTestApp } from '../../../test/testApp.js';
import { insertOrganisation, signedInPerson, summaryErrors } from '../accounts/testKit.js';
import { reportsPerHour } from './responses.js';
import { storiesPerHour } from './stories.js';
import { insertPublishedStory } from './testKit.js';

const simultaneousStories = 20;
const simultaneousReports = 15;

describeWithTestApp('story and report limits under simultaneous requests', (t, kind) => {
  let organisationId: number;
  beforeAll(async () => {
    organisationId = await insertOrganisation(t.db, 'Busy Hospital');
  });

  const storyForm = (title: string) => ({
    organisationId: String(organisationId),
    service: 'Outpatients',
    title,
    whatHappened: 'I waited two hours past my appointment time.',
    whatWasGood: 'The receptionist kept us informed.',
    whatCouldBeBetter: 'Text people when clinics run late.',
    howFelt: 'Frustrated.',
    happenedMonth: new Date().toISOString().slice(0, 7),
    authorRole: 'patient',
    displayName: 'A patient',
  });

  const storiesBy = async (accountId: number) =>
    Number(
      (
        await t.db
          .selectFrom('story')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('author_account_id', '=', accountId)
          .executeTakeFirstOrThrow()
      ).n,
    );

  it(`accepts at most ${storiesPerHour} of ${simultaneousStories} stories sent at the same moment by one person`, async () => {
    const eager = await signedInPerson(t, { name: 'Simultaneous Teller' });
    await eager.client.get(`/stories/new?organisation=${organisationId}`);
    const responses = await Promise.all(
      Array.from({ length: simultaneousStories }, (_, i) => eager.client.post('/stories/new', storyForm(`Story ${i + 1} sent at once`))),
    );
    const accepted = responses.filter((r) => r.statusCode === 303).length;
    const stored = await storiesBy(eager.accountId);
    console.info(`[${kind}] stories accepted of ${simultaneousStories} simultaneous: ${accepted} (stored: ${stored})`);
    expect(stored).toBeLessThanOrEqual(storiesPerHour);
    expect(accepted).toBe(stored);
    expect(responses.filter((r) => r.statusCode === 429)).toHaveLength(simultaneousStories - accepted);
  });

  it(`accepts at most ${reportsPerHour} of ${simultaneousReports} reports sent at the same moment from one address`, async () => {
    const author = await signedInPerson(t);
    const storyId = await insertPublishedStory(t.db, { organisationId, authorAccountId: author.accountId, title: 'Reported at once' });
    const reader = t.client();
    await reader.get(`/stories/${storyId}/report`);
    const responses = await Promise.all(
      Array.from({ length: simultaneousReports }, (_, i) => reader.post(`/stories/${storyId}/report`, { reason: `It names a nurse (${i + 1}).` })),
    );
    const accepted = responses.filter((r) => r.statusCode === 303).length;
    const stored = (await t.db.selectFrom('story_report').select('id').where('story_id', '=', storyId).execute()).length;
    console.info(`[${kind}] reports accepted of ${simultaneousReports} simultaneous: ${accepted} (stored: ${stored})`);
    expect(stored).toBeLessThanOrEqual(reportsPerHour);
    expect(accepted).toBe(stored);
  });

  it('shows the sixth story in an hour again with everything typed kept, and says when it can be sent', async () => {
    const teller = await signedInPerson(t, { name: 'Sixth Story Teller' });
    await teller.client.get(`/stories/new?organisation=${organisationId}`);
    for (let i = 0; i < storiesPerHour; i++) expect((await teller.client.post('/stories/new', storyForm(`Story ${i + 1}`))).statusCode).toBe(303);
    const sixth = {
      ...storyForm('The sixth story, typed with care'),
      service: 'Ward 7 & the discharge lounge',
      whatHappened: 'Discharge took "all day": we waited from 9 until 6.',
      whatWasGood: 'The pharmacist explained every tablet.',
      whatCouldBeBetter: 'Start the paperwork the day before.',
      howFelt: 'Tired, but looked after.',
      authorRole: 'carer',
      displayName: 'Husband of a patient',
    };
    const refused = await teller.client.post('/stories/new', sixth);
    expect(refused.statusCode).toBe(429);
    // The form again, with the message in its error summary…
    expect(refused.body).toContain('<form method="post" action="/stories/new"');
    const message = Object.values(summaryErrors(refused.body)).join(' ');
    expect(message).toMatch(new RegExp(`You have sent ${storiesPerHour} stories in the last hour`));
    expect(message).toMatch(/Your story has not been sent yet: you can send it in \d+ minutes/);
    // …and everything typed kept.
    expect(refused.body).toContain('value="The sixth story, typed with care"');
    expect(refused.body).toContain('value="Ward 7 &amp; the discharge lounge"');
    expect(refused.body).toContain('Discharge took &quot;all day&quot;: we waited from 9 until 6.</textarea>');
    expect(refused.body).toContain('The pharmacist explained every tablet.</textarea>');
    expect(refused.body).toContain('Start the paperwork the day before.</textarea>');
    expect(refused.body).toContain('Tired, but looked after.</textarea>');
    expect(refused.body).toContain('value="Husband of a patient"');
    expect(refused.body).toMatch(/<input[^>]*value="carer"[^>]*checked/);
    expect(refused.body).toMatch(new RegExp(`<option value="${sixth.happenedMonth}" selected`));
    expect(await storiesBy(teller.accountId)).toBe(storiesPerHour);
  });
});
