// Who reaches what of a citizens' assembly, route by route and role by role, over HTTP on a real
// database: the address list, the letters with their codes, and the volunteers' contact details and
// access needs reach only the convening organisation's admins; the members' private papers only
// confirmed members and those admins. Nobody else finds any of it on any page or in the API: not a
// signed-out visitor, a signed-in stranger, a volunteer, a member, nor another organisation's admin.
// The published selection record (JSON and both CSV files) holds pool ids and the answers to the
// selection questions only: no name, email, phone, address, postcode, code or free text.
import { beforeAll, expect, it } from 'vitest';
import { describeWithTestApp, type TestClient } from '../../../../test/testApp.js';
import { createVerifiedAccount } from '../../accounts/service.js';
import { insertOrganisation } from '../../accounts/testKit.js';
import type { Actor } from '../policy.js';
import { addDocument, register } from '../service.js';
import { clientOf, drawRoundOne, type RecruitingAssembly, recruitingAssembly } from './testKit.js';

type Role = 'anonymous' | 'stranger' | 'volunteer' | 'member' | 'otherAdmin' | 'organiser';
const roles: readonly Role[] = ['anonymous', 'stranger', 'volunteer', 'member', 'otherAdmin', 'organiser'];

/** What only the organisers may see: typed by the volunteers, or on the address list and letters. */
const contact = {
  memberName: 'Marta Member-Private',
  memberEmail: 'marta.private@example.org',
  memberPhone: '0113 496 0101',
  volunteerName: 'Vikram Volunteer-Private',
  volunteerEmail: 'vikram.private@example.org',
  volunteerPhone: '0113 496 0202',
  interpreter: 'Tigrinya-private',
  otherNeeds: 'Needs-a-hoist-private',
};
const address = '1 Ashton Road';
const postcode = 'LS8 5AA';
const privatePaper = 'Members-only briefing on the shortlist';

describeWithTestApp('citizens’ assemblies: who reaches addresses, contact details and private papers', (t) => {
  let r: RecruitingAssembly;
  const clients = {} as Record<Role, TestClient>;
  const secrets = (): string[] => [...Object.values(contact), address, postcode, ...r.codes];

  beforeAll(async () => {
    r = await recruitingAssembly(t.db, { codes: 4 });
    const deps = { db: t.db };
    const account = async (name: string, roles: Actor['organisationRoles'] = []): Promise<Actor> => {
      const accountId = await createVerifiedAccount(t.db, {
        email: `${name.replace(/\s/g, '-')}-${Date.now()}@example.org`,
        password: 'correct horse battery',
        name,
      });
      return { accountId, platformAdmin: false, organisationRoles: roles };
    };
    const member = await account('member');
    const volunteer = await account('volunteer');
    const registration = (code: string, name: string, email: string, phone: string, sex: string) => ({
      code,
      name,
      email,
      phone,
      features: { sex, age_band: '45+' },
      interpreter: contact.interpreter,
      easyRead: true,
      childcare: true,
      travel: false,
      carer: true,
      otherNeeds: contact.otherNeeds,
      firstTime: true,
      namePublic: false,
    });
    await register(deps, member, r.assemblyId, registration(r.codes[0] as string, contact.memberName, contact.memberEmail, contact.memberPhone, 'Female'));
    await register(
      deps,
      volunteer,
      r.assemblyId,
      registration(r.codes[1] as string, contact.volunteerName, contact.volunteerEmail, contact.volunteerPhone, 'Male'),
    );
    // The draw's outcome written as the selection job leaves it: round 1 done, the first volunteer a confirmed member.
    const { id: selectionId } = await t.db
      .insertInto('assembly_selection')
      .values({
        assembly_id: r.assemblyId,
        round: 1,
        purpose: 'initial',
        algorithm: 'leximin',
        seed: '42',
        seats: 2,
        fixed_pool_ids: '[]',
        categories_csv: '',
        respondents_csv: '',
        status: 'done',
        requested_by_account_id: r.admin.accountId as number,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await drawRoundOne(t.db, r.assemblyId);
    const memberVolunteer = await t.db
      .selectFrom('assembly_volunteer')
      .select('id')
      .where('assembly_id', '=', r.assemblyId)
      .where('account_id', '=', member.accountId as number)
      .executeTakeFirstOrThrow();
    await t.db
      .insertInto('assembly_member')
      .values({ assembly_id: r.assemblyId, volunteer_id: memberVolunteer.id, selection_id: selectionId, status: 'confirmed' })
      .execute();
    await t.db.updateTable('assembly').set({ phase: 'sitting' }).where('id', '=', r.assemblyId).execute();
    await addDocument(deps, r.admin, r.assemblyId, {
      kind: 'private',
      sessionId: null,
      title: privatePaper,
      speaker: '',
      body: 'Not for publication.',
      url: '',
    });

    const otherOrganisation = await insertOrganisation(t.db, `Another Trust ${Date.now()}`);
    clients.anonymous = t.client();
    clients.stranger = await clientOf(t, await account('stranger'));
    clients.volunteer = await clientOf(t, volunteer);
    clients.member = await clientOf(t, member);
    clients.otherAdmin = await clientOf(t, await account('other admin', [{ organisationId: otherOrganisation, role: 'admin' }]));
    clients.organiser = await clientOf(t, r.admin);
  });

  it('lets only the organisers reach the addresses, the letters and the volunteers’ contact details and access needs', async () => {
    const organiserOnly = [
      `/assemblies/${r.assemblyId}/manage`,
      `/assemblies/${r.assemblyId}/manage/addresses`,
      `/assemblies/${r.assemblyId}/manage/letters/${r.drawId}`,
      `/assemblies/${r.assemblyId}/manage/volunteers`,
      `/assemblies/${r.assemblyId}/manage/volunteers?filter=needs`,
      `/assemblies/${r.assemblyId}/manage/members`,
    ];
    for (const path of organiserOnly) {
      for (const role of roles) {
        const answer = await clients[role].get(path);
        const label = `${role} ${path}`;
        if (role === 'organiser') {
          expect(answer.statusCode, label).toBe(200);
          continue;
        }
        expect([303, 403, 404], label).toContain(answer.statusCode);
        if (role === 'anonymous') expect(answer.headers.location, label).toMatch(/^\/sign-in\?next=/);
        for (const secret of secrets()) expect(answer.body, `${label} shows ${secret}`).not.toContain(secret);
      }
    }
    // What each organiser page is for is there for the organiser.
    const letters = await clients.organiser.get(`/assemblies/${r.assemblyId}/manage/letters/${r.drawId}`);
    expect(letters.body).toContain(address);
    for (const code of r.codes) expect(letters.body).toContain(code);
    const volunteers = await clients.organiser.get(`/assemblies/${r.assemblyId}/manage/volunteers`);
    for (const text of [contact.volunteerEmail, contact.volunteerPhone, contact.memberEmail, contact.interpreter, contact.otherNeeds])
      expect(volunteers.body).toContain(text);
  });

  it('lets only confirmed members and the organisers into the members’ space', async () => {
    const path = `/assemblies/${r.assemblyId}/members`;
    for (const role of roles) {
      const answer = await clients[role].get(path);
      if (role === 'member' || role === 'organiser') {
        expect(answer.statusCode, role).toBe(200);
        expect(answer.body, role).toContain(privatePaper);
      } else {
        expect([303, 403, 404], role).toContain(answer.statusCode);
        expect(answer.body, role).not.toContain(privatePaper);
      }
    }
  });

  it('shows no one’s contact details, address, code or private paper on any public page or in the API, whoever asks', async () => {
    const publicPaths = [
      '/assemblies',
      `/assemblies/${r.assemblyId}`,
      `/assemblies/${r.assemblyId}/register`,
      `/assemblies/${r.assemblyId}/me`,
      `/assemblies/${r.assemblyId}/selection`,
      `/assemblies/${r.assemblyId}/selection.json`,
      `/assemblies/${r.assemblyId}/selection/categories.csv`,
      `/assemblies/${r.assemblyId}/selection/respondents.csv`,
      '/api/v1/assemblies',
      `/api/v1/assemblies/${r.assemblyId}`,
    ];
    for (const path of publicPaths) {
      for (const role of roles) {
        const answer = await clients[role].get(path);
        const label = `${role} ${path}`;
        expect(answer.statusCode, label).toBeLessThan(400);
        for (const secret of [...secrets(), privatePaper]) expect(answer.body, `${label} shows ${secret}`).not.toContain(secret);
      }
    }
  });

  it('publishes a pool of ids and answers only: no name, contact, address, code or free text in the record or its files', async () => {
    const base = `/assemblies/${r.assemblyId}/selection`;
    const json = await clients.anonymous.get(`${base}.json`);
    const categories = await clients.anonymous.get(`${base}/categories.csv`);
    const respondents = await clients.anonymous.get(`${base}/respondents.csv`);
    expect([json.statusCode, categories.statusCode, respondents.statusCode]).toEqual([200, 200, 200]);
    const lines = respondents.body.split(/\r?\n/).filter(Boolean);
    expect(lines[0]).toBe('id,sex,age_band');
    const poolIds = (await t.db.selectFrom('assembly_volunteer').select('pool_id').where('assembly_id', '=', r.assemblyId).orderBy('pool_id').execute()).map(
      (v) => v.pool_id,
    );
    expect(
      lines
        .slice(1)
        .map((line) => line.split(',')[0])
        .sort(),
    ).toEqual(poolIds);
    for (const line of lines.slice(1)) expect(line).toMatch(/^P-[0-9A-Z]{8},(Female|Male),45\+$/);
    expect(categories.body.split(/\r?\n/).filter(Boolean)).toEqual([
      'feature,value,min,max',
      'sex,Female,1,1',
      'sex,Male,1,1',
      'age_band,16-44,0,2',
      'age_band,45+,0,2',
    ]);
    const record = json.json() as Record<string, unknown>;
    expect(Object.keys(record).sort()).toEqual(
      [
        'algorithm',
        'assembly',
        'categoriesCsv',
        'fixed',
        'panel',
        'panelSize',
        'probabilities',
        'purpose',
        'quotas',
        'recount',
        'respondentsCsv',
        'round',
        'seed',
      ].sort(),
    );
    expect(Object.keys(record.probabilities as object).sort()).toEqual(poolIds);
    for (const body of [json.body, categories.body, respondents.body]) {
      for (const secret of [...secrets(), '@', 'Volunteer', 'Member', 'Ashton']) expect(body).not.toContain(secret);
    }
  });
});
