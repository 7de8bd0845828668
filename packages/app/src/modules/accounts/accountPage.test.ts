// The account pages over HTTP: each form saves, or names the field and changes nothing; audit
// entries name the fields changed, never their values.
import { expect, it } from 'vitest';
import { describeWithTestApp } from '../../../test/testApp.js';
import { goodPassword, signedInPerson, summaryErrors } from './testKit.js';

describeWithTestApp('account pages', (t) => {
  const accountRow = (id: number) => t.db.selectFrom('account').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const auditOf = (id: number) => t.db.selectFrom('audit_log').select(['action', 'detail']).where('subject_id', '=', String(id)).orderBy('id').execute();

  it('shows the account, with the privacy promise for "about you"', async () => {
    const { client, email } = await signedInPerson(t, { name: 'Mary Seacole' });
    const page = await client.get('/account');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Mary Seacole');
    expect(page.body).toContain(email);
    expect(page.body).toContain('Nobody else can see them');
    expect(page.body).toContain('Small numbers are never shown');
    const aboutPage = await client.get('/account/about-you');
    expect(aboutPage.body).toContain('shown to nobody else');
    expect(aboutPage.body).toContain('used only in aggregate');
    expect(aboutPage.body).toContain('Small numbers are always suppressed');
    // The 19 census groups under the 5 headings, plus "prefer not to say".
    expect(aboutPage.body.match(/<optgroup /g)).toHaveLength(5);
    expect(aboutPage.body.match(/<option value="(asian|black|mixed|white|other)_/g)).toHaveLength(19);
  });

  it('changes the name and display name; an over-long name names the field and changes nothing', async () => {
    const { client, accountId } = await signedInPerson(t, { name: 'Before Name' });
    await client.get('/account/details');
    const saved = await client.post('/account/details', { name: '  Florence Nightingale ', displayName: 'Flo' });
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe('/account?done=account-details-saved');
    expect(await accountRow(accountId)).toMatchObject({ name: 'Florence Nightingale', display_name: 'Flo' });

    const before = await accountRow(accountId);
    const bad = await client.post('/account/details', { name: 'n'.repeat(201), displayName: 'Typed display' });
    expect(bad.statusCode).toBe(422);
    expect(summaryErrors(bad.body)).toEqual({ name: 'Name must be 200 characters or fewer' });
    expect(bad.body).toContain('value="Typed display"');
    expect(await accountRow(accountId)).toEqual(before);

    // A blank display name falls back to the name.
    await client.post('/account/details', { name: 'Florence Nightingale', displayName: '' });
    expect((await accountRow(accountId)).display_name).toBe('Florence Nightingale');

    const audit = await auditOf(accountId);
    expect(audit.filter((a) => a.action === 'account.update_details').map((a) => a.detail)).toEqual([
      { fields: ['displayName', 'name'] },
      { fields: ['displayName'] },
    ]);
  });

  it('saves "about you" as JSON, checks the postcode district, and keeps what was typed on error', async () => {
    const { client, accountId } = await signedInPerson(t);
    await client.get('/account/about-you');
    const saved = await client.post('/account/about-you', {
      ageBand: '35_44',
      sex: 'female',
      genderSameAsBirth: 'yes',
      ethnicity: 'white_roma',
      disability: 'yes_a_little',
      carer: 'no',
      postcodeDistrict: ' ls6 ',
    });
    expect(saved.statusCode).toBe(303);
    expect((await accountRow(accountId)).about_you).toEqual({
      ageBand: '35_44',
      sex: 'female',
      genderSameAsBirth: 'yes',
      ethnicity: 'white_roma',
      disability: 'yes_a_little',
      carer: 'no',
      postcodeDistrict: 'LS6',
    });
    const summary = await client.get('/account');
    expect(summary.body).toContain('35 to 44');
    expect(summary.body).toContain('LS6');

    const before = await accountRow(accountId);
    const bad = await client.post('/account/about-you', { ageBand: '45_54', postcodeDistrict: 'LS6 4AB', ethnicity: 'martian' });
    expect(bad.statusCode).toBe(422);
    expect(Object.keys(summaryErrors(bad.body)).sort()).toEqual(['ethnicity', 'postcodeDistrict']);
    expect(summaryErrors(bad.body).postcodeDistrict).toContain('Enter a postcode district in the correct format');
    expect(bad.body).toContain('value="LS6 4AB"');
    expect(bad.body).toMatch(/value="45_54" checked/);
    expect(await accountRow(accountId)).toEqual(before);

    // Answers can be removed.
    await client.post('/account/about-you', { ageBand: '', sex: 'prefer_not_to_say' });
    expect((await accountRow(accountId)).about_you).toEqual({ sex: 'prefer_not_to_say' });

    const audit = (await auditOf(accountId)).filter((a) => a.action === 'account.update_about_you');
    expect(audit.map((a) => a.detail)).toEqual([
      { fields: ['ageBand', 'carer', 'disability', 'ethnicity', 'genderSameAsBirth', 'postcodeDistrict', 'sex'] },
      { fields: ['ageBand', 'carer', 'disability', 'ethnicity', 'genderSameAsBirth', 'postcodeDistrict', 'sex'] },
    ]);
    expect(JSON.stringify(audit)).not.toContain('LS6');
    expect(JSON.stringify(audit)).not.toContain('female');
  });

  it('saves communication needs, and asks for the language and the other need when ticked', async () => {
    const { client, accountId } = await signedInPerson(t);
    await client.get('/account/communication-needs');
    const bad = await client.post('/account/communication-needs', {
      needs: ['large_print', 'interpreter', 'other'],
      interpreterLanguage: '',
      otherNeeds: 'x'.repeat(501),
    });
    expect(bad.statusCode).toBe(422);
    expect(summaryErrors(bad.body)).toEqual({
      interpreterLanguage: 'Enter the language you need an interpreter for',
      otherNeeds: 'Other support must be 500 characters or fewer',
    });
    expect(bad.body).toMatch(/value="large_print" checked/);
    expect((await accountRow(accountId)).communication_needs).toEqual({});

    const saved = await client.post('/account/communication-needs', {
      needs: ['large_print', 'british_sign_language', 'interpreter', 'other'],
      interpreterLanguage: 'Polish',
      otherNeeds: 'Please phone rather than write',
    });
    expect(saved.statusCode).toBe(303);
    expect((await accountRow(accountId)).communication_needs).toEqual({
      largePrint: true,
      easyRead: false,
      britishSignLanguage: true,
      interpreterLanguage: 'Polish',
      other: 'Please phone rather than write',
      shareWithStaff: true,
    });
    const page = await client.get('/account');
    expect(page.body).toContain('An interpreter: Polish');
    const form = await client.get('/account/communication-needs');
    expect(form.body).toContain('value="Polish"');

    const audit = (await auditOf(accountId)).filter((a) => a.action === 'account.update_communication_needs');
    expect(audit.map((a) => a.detail)).toEqual([{ fields: ['britishSignLanguage', 'interpreterLanguage', 'largePrint', 'other'] }]);
  });

  it('changes the password knowing the current one, and signs out other browsers', async () => {
    const { client, accountId, email } = await signedInPerson(t);
    const other = t.client();
    await other.get('/sign-in');
    await other.post('/sign-in', { email, password: goodPassword });
    expect(await t.db.selectFrom('session').selectAll().where('account_id', '=', accountId).execute()).toHaveLength(2);

    await client.get('/account/password');
    const before = await accountRow(accountId);
    const wrong = await client.post('/account/password', {
      currentPassword: 'not my password',
      newPassword: 'my new password!',
      confirmPassword: 'my new password!',
    });
    expect(wrong.statusCode).toBe(422);
    expect(summaryErrors(wrong.body)).toEqual({ currentPassword: 'Your current password is not correct' });
    const short = await client.post('/account/password', { currentPassword: goodPassword, newPassword: 'short', confirmPassword: 'short' });
    expect(summaryErrors(short.body)).toEqual({ newPassword: 'New password must be at least 10 characters' });
    expect(await accountRow(accountId)).toEqual(before);

    const changed = await client.post('/account/password', {
      currentPassword: goodPassword,
      newPassword: 'my new password!',
      confirmPassword: 'my new password!',
    });
    expect(changed.statusCode).toBe(303);
    expect((await client.get('/account')).statusCode).toBe(200);
    expect((await other.get('/account')).statusCode).toBe(303);
    const fresh = t.client();
    await fresh.get('/sign-in');
    expect((await fresh.post('/sign-in', { email, password: 'my new password!' })).statusCode).toBe(303);
  });
});
