// Making referrals in each way (for a practice, by oneself, by a link worker), the emails that go
// (the person is told where to see their record; link workers that one is waiting, with no name or
// reason), every bad input named by its field, and a record made for an email joining the account
// with that email when it opens its records.
import { beforeAll, expect, it } from 'vitest';
import { describeWithTestDatabase } from '../../../test/testDatabase.js';
import { ForbiddenError } from '../../platform/errors.js';
import { createVerifiedAccount } from '../accounts/service.js';
import { queuedMail } from '../accounts/testKit.js';
import { createReferral, getReferral, myReferrals, referOptions, referralsMadeBy, socialPrescribingServices } from './service.js';
import { fieldErrorsOf, practiceReferral, referByPractice, type SocialPrescribingTest, testPerson, testSocialPrescribing } from './testKit.js';

describeWithTestDatabase('social prescribing: referrals', (database) => {
  let t: SocialPrescribingTest;
  beforeAll(async () => {
    t = await testSocialPrescribing(database.db);
  });

  it('lists the organisations with link workers, and the ways each actor may refer', async () => {
    expect((await socialPrescribingServices(database.db)).map((s) => s.organisationId)).toContain(t.serviceId);
    const referrer = await referOptions(database.db, t.referrer.actor);
    expect(referrer.referringFor.map((o) => o.organisationId)).toEqual([t.practiceId]);
    expect(referrer).toMatchObject({ linkWorkerIn: [], canReferSelf: true });
    const worker = await referOptions(database.db, t.linkWorker.actor);
    expect(worker.linkWorkerIn.map((o) => o.organisationId)).toEqual([t.serviceId]);
  });

  it('a practice refers a person: linked to their account by email, told where to see it; the link workers told one waits, without name or reason', async () => {
    const id = await referByPractice(t);
    const row = await database.db.selectFrom('referral').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      source: 'gp_practice',
      referrer_account_id: t.referrer.accountId,
      referrer_organisation_id: t.practiceId,
      person_account_id: t.person.accountId,
      link_worker_account_id: null,
      state: 'received',
      share_with_groups: true,
    });
    const [toPerson] = await queuedMail(database.db, t.person.email, 'referred');
    expect(toPerson?.body_text).toContain('https://involve.example.org/account/social-prescribing');
    for (const worker of [t.linkWorker, t.otherLinkWorker]) {
      const mails = await queuedMail(database.db, worker.email, 'waiting');
      expect(mails.length).toBeGreaterThanOrEqual(1);
      const text = `${mails[0]?.subject} ${mails[0]?.body_text}`;
      expect(text).toContain(`https://involve.example.org/organisations/${t.serviceId}/social-prescribing`);
      expect(text).not.toContain(t.person.name);
      expect(text).not.toContain('Lonely');
    }
    expect((await referralsMadeBy(t.deps, t.referrer.actor)).map((r) => r.id)).toContain(id);
    const audit = await database.db.selectFrom('audit_log').select('action').where('subject_id', '=', String(id)).execute();
    expect(audit.map((a) => a.action)).toContain('referral.create');
  });

  it('a person refers themself: named from their account, no email to them; not among referrals they made', async () => {
    const self = await testPerson(database.db, 'Sam Self');
    const id = await createReferral(t.deps, self.actor, {
      organisationId: t.serviceId,
      as: 'self',
      personName: 'ignored',
      personEmail: 'ignored@example.org',
      personPhone: '',
      reason: 'I would like to find a choir.',
      shareWithGroups: false,
      personAgreed: false,
    });
    const row = await database.db.selectFrom('referral').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      source: 'self',
      person_account_id: self.accountId,
      referrer_account_id: self.accountId,
      person_name: 'Sam Self',
      person_email: self.email,
    });
    expect(await queuedMail(database.db, self.email)).toEqual([]);
    expect(await referralsMadeBy(t.deps, self.actor)).toEqual([]);
    expect((await myReferrals(t.deps, self.actor)).map((r) => r.id)).toEqual([id]);
  });

  it('a link worker refers someone onto their own caseload at once', async () => {
    const before = (await queuedMail(database.db, t.otherLinkWorker.email, 'waiting')).length;
    const id = await createReferral(t.deps, t.linkWorker.actor, practiceReferral(t, { as: 'link_worker', personEmail: '', personName: 'Walk In' }));
    const row = await database.db.selectFrom('referral').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      source: 'link_worker',
      link_worker_account_id: t.linkWorker.accountId,
      referrer_organisation_id: null,
      person_account_id: null,
    });
    expect((await queuedMail(database.db, t.otherLinkWorker.email, 'waiting')).length).toBe(before);
  });

  it('names every field at fault', async () => {
    expect(
      await fieldErrorsOf(
        referByPractice(t, { organisationId: t.practiceId, personName: ' ', personEmail: '', personPhone: '', personAgreed: false, reason: '' }),
      ),
    ).toEqual({
      organisationId: 'Choose a social prescribing service',
      personName: "Enter the person's full name",
      personEmail: "Enter the person's email address or phone number",
      personAgreed: 'Confirm the person agreed to be referred',
      reason: 'Enter why they are being referred',
    });
    expect(Object.keys(await fieldErrorsOf(referByPractice(t, { personEmail: 'not an email' })))).toEqual(['personEmail']);
    expect(Object.keys(await fieldErrorsOf(referByPractice(t, { personPhone: 'call me maybe' })))).toEqual(['personPhone']);
    expect(Object.keys(await fieldErrorsOf(referByPractice(t, { personPhone: '0'.repeat(41) })))).toEqual(['personPhone']);
    expect(Object.keys(await fieldErrorsOf(referByPractice(t, { reason: 'x'.repeat(5001) })))).toEqual(['reason']);
    expect(Object.keys(await fieldErrorsOf(referByPractice(t, { source: 'hairdresser' })))).toEqual(['source']);
    expect(Object.keys(await fieldErrorsOf(referByPractice(t, { as: 'someone' })))).toEqual(['as']);
    // A phone number alone is enough.
    expect(await referByPractice(t, { personEmail: '', personPhone: '+44 (0)1632 960002' })).toBeGreaterThan(0);
  });

  it('refuses referring for a practice one is not a referrer at, and as a link worker elsewhere', async () => {
    await expect(referByPractice(t, { referrerOrganisationId: t.serviceId })).rejects.toThrow(ForbiddenError);
    await expect(createReferral(t.deps, t.referrer.actor, practiceReferral(t, { as: 'link_worker' }))).rejects.toThrow(ForbiddenError);
  });

  it('joins a record made for an email to the account with that email when it opens its records', async () => {
    const email = `Later.Person-${Date.now()}@Example.org`;
    const id = await referByPractice(t, { personName: 'Lee Later', personEmail: email });
    const before = await database.db.selectFrom('referral').select('person_account_id').where('id', '=', id).executeTakeFirstOrThrow();
    expect(before.person_account_id).toBeNull();
    const accountId = await createVerifiedAccount(database.db, { email: email.toLowerCase(), password: 'correct horse battery', name: 'Lee Later' });
    const actor = { accountId, platformAdmin: false, organisationRoles: [] };
    expect((await myReferrals(t.deps, actor)).map((r) => r.id)).toEqual([id]);
    expect((await getReferral(t.deps, actor, id)).viewer).toBe('person');
  });
});
