// Communication needs reach the staff who handle a complaint (issue 12, defect 12; the Accessible
// Information Standard): a complainant who asked for an Urdu interpreter and easy read is shown so
// on the complaint's page to its complaints managers, and in their emails about the complaint (the
// new complaint, the reminders). Someone who chose not to share their needs shows nothing, and the
// complainant's own pages and emails are as they were.
import { beforeAll, expect, it } from 'vitest';
import { describeWithTestApp } from '../../../test/testApp.js';
import { systemActor } from '../../platform/permissions.js';
import { queuedMail, signedInPerson } from '../accounts/testKit.js';
import { sendComplaintReminders } from './reminders.js';
import { addWorkingDays, type ComplaintsWorld, makeComplaintThroughForm, noonOn, organisationWithManager, today } from './testKit.js';

type Person = Awaited<ReturnType<typeof signedInPerson>>;

const blockHeading = 'Communication needs (Accessible Information Standard)';

describeWithTestApp('communication needs on a complaint', (t) => {
  let world: ComplaintsWorld;
  beforeAll(async () => {
    world = await organisationWithManager(t, 'Needs Surgery');
  });

  async function personWithNeeds(name: string, form: Record<string, string | string[]>): Promise<Person> {
    const person = await signedInPerson(t, { name });
    await person.client.get('/account/communication-needs');
    const saved = await person.client.post('/account/communication-needs', { interpreterLanguage: '', otherNeeds: '', ...form });
    expect(saved.statusCode).toBe(303);
    return person;
  }

  const referenceOf = async (id: number) => (await t.db.selectFrom('complaint').select('reference').where('id', '=', id).executeTakeFirstOrThrow()).reference;
  /** The emails queued to this address about this complaint. */
  const mailsAbout = (to: string, reference: string) => queuedMail(t.db, to, reference);

  it('shows an Urdu interpreter and easy read to the managers, on the page and in their emails, and not to the complainant', async () => {
    const uma = await personWithNeeds('Uma Ahmed', { needs: ['interpreter', 'easy_read'], interpreterLanguage: 'Urdu', share: 'yes' });
    const id = await makeComplaintThroughForm(uma.client, world.organisationId, { complainantName: 'Uma Ahmed' });
    const reference = await referenceOf(id);

    const page = await world.manager.client.get(`/complaints/${id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(blockHeading);
    expect(page.body).toContain('<li>An interpreter: Urdu</li>');
    expect(page.body).toContain('<li>Easy read</li>');
    // Near the top, before the complaint's deadlines and details.
    expect(page.body.indexOf(blockHeading)).toBeLessThan(page.body.indexOf('What you can do'));

    const [newComplaint] = await mailsAbout(world.manager.email, reference);
    expect(newComplaint?.subject).toBe(`New complaint ${reference}`);
    expect(newComplaint?.body_text).toContain('\n- An interpreter: Urdu\n');
    expect(newComplaint?.body_text).toContain('\n- Easy read\n');
    expect(newComplaint?.body_text).toContain('Accessible Information Standard');

    // A reminder the working day before the acknowledgement is due carries them too.
    const dayBefore = addWorkingDays(addWorkingDays(today(), 3), -1);
    expect(await sendComplaintReminders({ db: t.db, config: t.config }, systemActor('complaint reminders'), noonOn(dayBefore))).toBeGreaterThan(0);
    const reminder = (await mailsAbout(world.manager.email, reference)).find((m) => m.subject.includes('acknowledgement due by'));
    expect(reminder?.body_text).toContain('\n- An interpreter: Urdu\n');
    expect(reminder?.body_text).toContain('\n- Easy read\n');

    // The complainant's own page and email do not show them back as staff see them.
    const own = await uma.client.get(`/account/complaints/${id}`);
    expect(own.statusCode).toBe(200);
    expect(own.body).not.toContain(blockHeading);
    expect(own.body).not.toContain('An interpreter: Urdu');
    const [confirmation] = await mailsAbout(uma.email, reference);
    expect(confirmation?.subject).toBe(`Your complaint ${reference} has been sent`);
    expect(confirmation?.body_text).not.toContain('Urdu');
    expect(confirmation?.body_text).not.toContain('Accessible Information Standard');
  });

  it('shows nothing for someone who chose not to share their needs', async () => {
    const private_ = await personWithNeeds('Pia Private', { needs: ['large_print', 'interpreter'], interpreterLanguage: 'Polish', share: 'no' });
    const id = await makeComplaintThroughForm(private_.client, world.organisationId, { complainantName: 'Pia Private' });
    const reference = await referenceOf(id);
    const page = await world.manager.client.get(`/complaints/${id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain(blockHeading);
    expect(page.body).not.toContain('Large print');
    expect(page.body).not.toContain('Polish');
    const mails = await mailsAbout(world.manager.email, reference);
    expect(mails.length).toBeGreaterThan(0);
    for (const mail of mails) {
      expect(mail.body_text).not.toContain('Polish');
      expect(mail.body_text).not.toContain('Accessible Information Standard');
    }
  });

  it('shows the representative’s needs, and says Involve does not hold those of the person the complaint is for', async () => {
    const rep = await personWithNeeds('Rita Rep', { needs: ['british_sign_language'], share: 'yes' });
    const id = await makeComplaintThroughForm(rep.client, world.organisationId, {
      complainantName: 'Rita Rep',
      forWhom: 'someone_else',
      personName: 'Pat Person',
      consent: 'given',
    });
    const page = await world.manager.client.get(`/complaints/${id}`);
    expect(page.body).toContain(blockHeading);
    expect(page.body).toContain('<li>British Sign Language (BSL)</li>');
    expect(page.body).toContain('Involve does not hold the communication needs of Pat Person');
    // Nobody else sees the block: the representative's own page is as it was.
    expect((await rep.client.get(`/account/complaints/${id}`)).body).not.toContain(blockHeading);
  });
});
