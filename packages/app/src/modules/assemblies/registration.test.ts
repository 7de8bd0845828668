// Registration on a real database: each wrong answer named; a code used once only (of two people
// sending it at once, one registers); the open route only where allowed; one registration per
// account; a volunteer's own view with their chance in each draw; withdrawal at any time (a drawn
// member's seat opens); the organisers' list with contact details and access needs, for them only.
import { beforeAll, expect, it } from 'vitest';
import { rejection } from '../../../test/fixtures.js';
import { describeWithTestDatabase } from '../../../test/testDatabase.js';
import { ConflictError, ForbiddenError, ValidationError } from '../../platform/errors.js';
import { anonymous } from '../../platform/permissions.js';
import { inProcessRunner } from './selectionJob.js';
import {
  checkCode,
  drawInvitations,
  getAssembly,
  importAddresses,
  invitationLetters,
  listMembers,
  listVolunteers,
  myRegistration,
  openSeats,
  register,
  requestSelection,
  runQueuedSelections,
  withdraw,
} from './service.js';
import { assemblyPerson, registrationFor, type TestAssembly, testAssembly } from './testKit.js';

const answers = { sex: 'Female', age_band: '35 to 59' };

describeWithTestDatabase('citizens’ assemblies: registration', (database) => {
  const deps = () => ({ db: database.db });
  let a: TestAssembly;
  let codes: string[];

  beforeAll(async () => {
    a = await testAssembly(database.db, { volunteers: 0, phase: 'recruiting', settings: { openRegistration: false } });
    const rows = Array.from({ length: 10 }, (_, i) => `${i + 1} Chapel Fold,Leeds,LS7 ${i}AB`);
    await importAddresses(deps(), a.admin.actor, a.assemblyId, `address_line_1,town,postcode\n${rows.join('\n')}\n`);
    const { drawId } = await drawInvitations(deps(), a.admin.actor, a.assemblyId, { count: 10, seed: 'letters' });
    codes = (await invitationLetters(database.db, a.admin.actor, a.assemblyId, drawId)).map((l) => l.code);
  }, 60_000);

  it('names each wrong answer', async () => {
    const person = await assemblyPerson(database.db);
    const error = await rejection(
      register(
        deps(),
        person.actor,
        a.assemblyId,
        registrationFor({ sex: 'Unknown' }, { code: '', name: ' ', email: 'not an email', phone: 'call me', otherNeeds: 'x'.repeat(2001) }),
      ),
    );
    expect((error as ValidationError).fieldErrors).toEqual({
      code: 'Enter the code from your invitation letter',
      name: 'Enter your name',
      email: 'Enter an email address in the correct format, like name@example.com',
      phone: 'Enter a phone number, like 07700 900123, or leave it blank',
      'feature-sex': 'Answer “Sex”',
      'feature-age_band': 'Answer “Age”',
      otherNeeds: 'Anything else we should know must be 2,000 characters or fewer',
    });
    expect((await rejection(register(deps(), person.actor, a.assemblyId, registrationFor(answers, { code: 'ZZZZZ-ZZZZZ' })))) as ValidationError).toMatchObject(
      { fieldErrors: { code: 'This code is not one of ours: check it against your letter' } },
    );
    expect(await rejection(register(deps(), anonymous, a.assemblyId, registrationFor(answers, { code: codes[0] as string })))).toBeInstanceOf(ForbiddenError);
  });

  it('uses a code once: of two people sending it at once one registers, and the other is told it is used', async () => {
    const [one, two] = await Promise.all([assemblyPerson(database.db), assemblyPerson(database.db)]);
    const code = (codes[0] as string).toLowerCase().replace('-', ' ');
    expect(await checkCode(database.db, a.assemblyId, code)).toBe('ok');
    const outcomes = await Promise.allSettled([
      register(deps(), one.actor, a.assemblyId, registrationFor(answers, { code, email: one.email })),
      register(deps(), two.actor, a.assemblyId, registrationFor(answers, { code, email: two.email })),
    ]);
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    const refused = outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason).toBeInstanceOf(ValidationError);
    expect((refused.reason as ValidationError).fieldErrors).toEqual({ code: 'This code has been used already: each letter’s code registers one person' });
    expect(await checkCode(database.db, a.assemblyId, code)).toBe('used');
    const { poolId } = (outcomes.find((o) => o.status === 'fulfilled') as PromiseFulfilledResult<{ poolId: string }>).value;
    expect(poolId).toMatch(/^P-[0-9A-Z]{8}$/);
    expect((await getAssembly(deps(), anonymous, a.assemblyId)).poolSize).toBe(1);
  });

  it('registers one person once, with their needs shown to the organisers only', async () => {
    const person = await assemblyPerson(database.db, 'Nadia');
    await register(
      deps(),
      person.actor,
      a.assemblyId,
      registrationFor(answers, { code: codes[1] as string, name: 'Nadia Hussain', email: person.email, interpreter: 'Urdu', carer: true, namePublic: true }),
    );
    expect(await rejection(register(deps(), person.actor, a.assemblyId, registrationFor(answers, { code: codes[2] as string })))).toBeInstanceOf(ConflictError);
    const mine = await myRegistration(database.db, person.actor, a.assemblyId);
    expect(mine).toMatchObject({
      status: 'registered',
      route: 'code',
      name: 'Nadia Hussain',
      interpreter: 'Urdu',
      carer: true,
      member: null,
      probabilities: [],
    });
    expect(await myRegistration(database.db, anonymous, a.assemblyId)).toBeNull();

    const needs = await listVolunteers(database.db, a.admin.actor, a.assemblyId, { filter: 'needs' });
    expect(needs.total).toBe(1);
    expect(needs.items[0]).toMatchObject({
      name: 'Nadia Hussain',
      email: person.email,
      phone: '07700 900123',
      interpreter: 'Urdu',
      carer: true,
      hasNeeds: true,
    });
    expect((await listVolunteers(database.db, a.admin.actor, a.assemblyId)).total).toBe(2);
    expect(await rejection(listVolunteers(database.db, person.actor, a.assemblyId))).toBeInstanceOf(ForbiddenError);
  });

  it('takes the open route only where the organisation allows it, and no one after registration closes', { timeout: 60_000 }, async () => {
    const open = await testAssembly(database.db, { volunteers: 0, phase: 'recruiting' });
    const person = await assemblyPerson(database.db);
    await register(deps(), person.actor, open.assemblyId, registrationFor(answers, { email: person.email }));
    expect((await myRegistration(database.db, person.actor, open.assemblyId))?.route).toBe('open');
    await database.db.updateTable('assembly').set({ registration_closes: '2020-01-01' }).where('id', '=', open.assemblyId).execute();
    const late = await assemblyPerson(database.db);
    expect(await rejection(register(deps(), late.actor, open.assemblyId, registrationFor(answers)))).toBeInstanceOf(ConflictError);
  });

  it('lets a volunteer withdraw at any time: out of the pool, and out of their seat, which opens', { timeout: 120_000 }, async () => {
    const b = await testAssembly(database.db, { volunteers: 12 });
    const early = b.volunteers[0] as TestAssembly['volunteers'][number];
    await withdraw(deps(), early.actor, b.assemblyId);
    expect((await myRegistration(database.db, early.actor, b.assemblyId))?.status).toBe('withdrawn');
    await withdraw(deps(), early.actor, b.assemblyId);
    expect(await rejection(register(deps(), early.actor, b.assemblyId, registrationFor(answers)))).toBeInstanceOf(ConflictError);
    expect(await rejection(withdraw(deps(), (await assemblyPerson(database.db)).actor, b.assemblyId))).toBeInstanceOf(ConflictError);

    await requestSelection(deps(), b.admin.actor, b.assemblyId, { seed: 'withdrawals' });
    await runQueuedSelections(database.db, { runner: inProcessRunner });
    const round = await database.db
      .selectFrom('assembly_selection')
      .select('respondents_csv')
      .where('assembly_id', '=', b.assemblyId)
      .executeTakeFirstOrThrow();
    expect(round.respondents_csv).not.toContain(early.poolId);
    const drawn = (await listMembers(database.db, b.admin.actor, b.assemblyId))[0];
    const member = b.volunteers.find((v) => v.poolId === drawn?.poolId) as TestAssembly['volunteers'][number];
    const mine = await myRegistration(database.db, member.actor, b.assemblyId);
    expect(mine?.member?.status).toBe('selected');
    expect(mine?.probabilities).toEqual([{ round: 1, probability: expect.any(Number) }]);
    expect(mine?.probabilities[0]?.probability).toBeGreaterThan(0);
    expect(await openSeats(database.db, b.assemblyId)).toBe(0);
    await withdraw(deps(), member.actor, b.assemblyId);
    expect((await myRegistration(database.db, member.actor, b.assemblyId))?.member?.status).toBe('withdrawn');
    expect(await openSeats(database.db, b.assemblyId)).toBe(1);
  });
});
