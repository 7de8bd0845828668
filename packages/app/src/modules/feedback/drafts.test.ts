// Stories saved as drafts, over HTTP with a real SMTP server: saved from the story form, listed on
// the person's stories page, the account page and the home page's "Your things", opened and sent
// (the receipt greeting them by name); never seen by anyone else, by moderators or in public; part of
// the person's data download and gone when they close their account. Then the rules of a draft.
import { beforeAll, describe, expect, it } from 'vitest';
import { TestMailServer } from '../../../test/mailServer.js';
import { useTestApp } from '../../../test/testApp.js';
import { databaseKinds } from '../../../test/testDatabase.js';
import { insertOrganisation, signedInPerson, summaryErrors } from '../accounts/testKit.js';
import { draftsPerPerson, myDrafts, saveStoryDraft } from './drafts.js';
import { feedbackRights } from './personalData.js';
import type { Actor } from './policy.js';

describe.each(databaseKinds)('story drafts on %s', (kind) => {
  const mailServer = new TestMailServer();
  const t = useTestApp(kind, { mailServer });
  let organisationId: number;
  let asha: Awaited<ReturnType<typeof signedInPerson>>;
  let other: Awaited<ReturnType<typeof signedInPerson>>;
  let moderator: Awaited<ReturnType<typeof signedInPerson>>;

  beforeAll(async () => {
    organisationId = await insertOrganisation(t.db, 'Brookfield Health Centre');
    asha = await signedInPerson(t, { name: 'Asha Patel' });
    other = await signedInPerson(t, { name: 'Olu Other' });
    moderator = await signedInPerson(t, { name: 'Mo Moderator', roles: [{ organisationId, role: 'moderator' }] });
  });

  const personActor = (accountId: number): Actor => ({ accountId, platformAdmin: false, organisationRoles: [] });
  const draftIdIn = (body: string) => Number(/href="\/account\/stories\/drafts\/(\d+)"/.exec(body)?.[1]);

  it('keeps a story as a draft for its author only, then sends it', async () => {
    const form = await asha.client.get(`/stories/new?organisation=${organisationId}`);
    expect(form.body).toContain('Save as draft');
    // The word count: the NHS.UK component, a hint without JavaScript.
    expect(form.body).toContain('data-module="nhsuk-character-count"');
    expect(form.body).toContain('data-maxwords="1000"');
    expect(form.body).toContain('You can enter up to 1000 words');

    const saved = await asha.client.post('/stories/new', {
      organisationId: String(organisationId),
      title: 'The receptionist found me a same-day slot',
      whatHappened: 'I rang at eight and was worried about my son.',
      displayName: 'A parent',
      action: 'draft',
    });
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe('/account/stories?done=draft-saved#drafts');

    const mine = await asha.client.get('/account/stories?done=draft-saved');
    expect(mine.body).toContain('Your draft is saved');
    expect(mine.body).toContain('The receptionist found me a same-day slot</a>, about Brookfield Health Centre');
    const draftId = draftIdIn(mine.body);
    expect(draftId).toBeGreaterThan(0);
    expect((await asha.client.get('/account')).body).toContain('Your story drafts');
    const home = await asha.client.get('/');
    expect(home.body).toContain(`/account/stories/drafts/${draftId}`);
    expect(home.body).toContain('Your draft story “The receptionist found me a same-day slot” about Brookfield Health Centre');

    // Nobody else sees it: not another person, not a moderator, not the public; no story exists yet.
    expect((await other.client.get(`/account/stories/drafts/${draftId}`)).statusCode).toBe(404);
    expect((await other.client.post(`/account/stories/drafts/${draftId}/delete`, {})).statusCode).toBe(404);
    expect((await other.client.get('/')).body).not.toContain('same-day slot');
    expect((await moderator.client.get('/moderation')).body).not.toContain('same-day slot');
    expect((await t.client().get('/stories?q=receptionist')).body).not.toContain('same-day slot');
    expect(await t.db.selectFrom('story').select('id').where('author_account_id', '=', asha.accountId).execute()).toEqual([]);

    // Opened again, the form holds what was saved and the draft's number.
    const opened = await asha.client.get(`/account/stories/drafts/${draftId}`);
    expect(opened.statusCode).toBe(200);
    expect(opened.body).toContain('value="The receptionist found me a same-day slot"');
    expect(opened.body).toContain('I rang at eight and was worried about my son.</textarea>');
    expect(opened.body).toContain(`name="draftId" value="${draftId}"`);

    // Sending with a field missing names it and keeps the draft.
    const story = {
      organisationId: String(organisationId),
      draftId: String(draftId),
      title: 'The receptionist found me a same-day slot',
      whatHappened: 'I rang at eight and was worried about my son. She found a slot that morning.',
      displayName: 'A parent',
      authorRole: 'carer',
      action: 'send',
    };
    const missing = await asha.client.post('/stories/new', story);
    expect(missing.statusCode).toBe(422);
    expect(summaryErrors(missing.body)).toHaveProperty('happenedMonth');
    expect(await myDrafts(t, personActor(asha.accountId))).toHaveLength(1);

    const sent = await asha.client.post('/stories/new', { ...story, happenedMonth: new Date().toISOString().slice(0, 7) });
    expect(sent.statusCode).toBe(303);
    expect(String(sent.headers.location)).toMatch(/^\/account\/stories\/\d+\?done=story-sent$/);
    expect(await t.db.selectFrom('story_draft').select('id').where('account_id', '=', asha.accountId).execute()).toEqual([]);
    expect((await asha.client.get('/account/stories')).body).not.toContain('id="drafts"');
    const receipt = await mailServer.waitForMatching(
      asha.email,
      (m) => m.subject.startsWith('We have your story'),
      () => t.mail?.sendDue(),
    );
    expect(receipt.text).toMatch(/^Dear Asha Patel,/);
  });

  it('is in the data download, and goes with the account', async () => {
    const person = await signedInPerson(t, { name: 'Dana Download' });
    await person.client.get(`/stories/new?organisation=${organisationId}`);
    await person.client.post('/stories/new', { organisationId: String(organisationId), title: 'Half told', action: 'draft' });
    const rows = await feedbackRights.personalData?.(t.db, { accountId: person.accountId, email: person.email });
    expect(rows?.story_draft).toEqual([expect.objectContaining({ account_id: person.accountId, title: 'Half told' })]);
    const othersRows = await feedbackRights.personalData?.(t.db, { accountId: other.accountId, email: other.email });
    expect(othersRows?.story_draft).toEqual([]);
    await t.db
      .transaction()
      .execute((trx) => feedbackRights.closeAccount?.(trx, { accountId: person.accountId, email: person.email }, { withdrawStories: false }) as Promise<void>);
    expect(await t.db.selectFrom('story_draft').select('id').where('account_id', '=', person.accountId).execute()).toEqual([]);
  });

  it('needs a title or what happened, keeps lengths, and holds at most a set number', async () => {
    const person = await signedInPerson(t, { name: 'Rita Rules' });
    await person.client.get(`/stories/new?organisation=${organisationId}`);
    const empty = await person.client.post('/stories/new', { organisationId: String(organisationId), action: 'draft' });
    expect(empty.statusCode).toBe(422);
    expect(summaryErrors(empty.body).title).toBe('Enter a title or what happened before saving a draft');
    const long = await person.client.post('/stories/new', { organisationId: String(organisationId), title: 'x'.repeat(151), action: 'draft' });
    expect(long.statusCode).toBe(422);
    expect(summaryErrors(long.body)).toHaveProperty('title');
    // Garbage in the organisation and draft number never gives a 5xx.
    expect((await person.client.post('/stories/new', { organisationId: 'nope', draftId: '99999999', title: 'A', action: 'draft' })).statusCode).toBe(404);
    expect((await person.client.get('/account/stories/drafts/abc')).statusCode).toBe(404);
    const actor = personActor(person.accountId);
    for (let i = 0; i < draftsPerPerson; i++)
      await saveStoryDraft(t, actor, { organisationId: '', title: `Draft ${i}`, whatHappened: '', happenedMonth: '', authorRole: '', displayName: '' });
    await expect(
      saveStoryDraft(t, actor, { organisationId: '', title: 'One more', whatHappened: '', happenedMonth: '', authorRole: '', displayName: '' }),
    ).rejects.toThrow();
    expect(await myDrafts(t, actor)).toHaveLength(draftsPerPerson);
  });
});
