// Saying yes: a person with the code from their letter (or anyone, where the organisation allows an
// open route) registers, answering the selection questions and their contact and access needs. A
// code is used once, atomically. A volunteer can see their registration and their chance of being
// chosen in each draw, and withdraw at any time (a member who withdraws leaves their seat open for a
// replacement). Organisers see the registrations with their contact details and access needs.
import { randomInt } from 'node:crypto';
import { recordAudit } from '../../platform/audit.js';
import { type Db, inTransaction } from '../../platform/database.js';
import { ConflictError, ValidationError } from '../../platform/errors.js';
import { todayInEngland } from '../../platform/web/forms.js';
import { checkEmail, normaliseEmail } from '../accounts/service.js';
import type { AssemblyDetail } from './assemblies.js';
import { normaliseCode } from './invitations.js';
import { assemblyLimits, checkText } from './limits.js';
import { type Actor, assertCan } from './policy.js';
import { type AssembliesDeps, assemblyRow, featuresOf, managedAssembly, quotaRows, seatedStatuses, type VolunteerRow } from './records.js';
import type { MemberStatus, RegistrationRoute, VolunteerStatus } from './schema.js';

export interface RegistrationInput {
  /** The code on the letter ('' on the open route). */
  code: string;
  name: string;
  email: string;
  phone: string;
  /** The answer to each selection question, by feature key. */
  features: Record<string, string>;
  /** The language of an interpreter needed ('' for none). */
  interpreter: string;
  easyRead: boolean;
  childcare: boolean;
  travel: boolean;
  carer: boolean;
  otherNeeds: string;
  /** Never taken part in anything on Involve (or the NHS's involvement work) before. */
  firstTime: boolean;
  /** May their name be shown publicly if they become a member. */
  namePublic: boolean;
}

/** Check a registration against the assembly's questions: the message by field, or nothing. */
export function checkRegistration(assembly: Pick<AssemblyDetail, 'features' | 'openRegistration'>, input: RegistrationInput): Record<string, string> {
  const errors: Record<string, string> = {};
  const code = (input.code ?? '').trim();
  if (code && !normaliseCode(code)) errors.code = 'Enter the code as it is printed on your letter, like 7KQ2M-X9PRT';
  else if (!code && !assembly.openRegistration) errors.code = 'Enter the code from your invitation letter';
  checkText(errors, 'name', input.name, assemblyLimits.name, { name: 'Your name', required: 'Enter your name' });
  const emailProblem = checkEmail(input.email ?? '');
  if (emailProblem) errors.email = emailProblem;
  else if (input.email.trim().length > assemblyLimits.email) errors.email = `Your email address must be ${assemblyLimits.email} characters or fewer`;
  const phone = checkText(errors, 'phone', input.phone, assemblyLimits.phone, { name: 'Your phone number' });
  if (!errors.phone && phone && !/^[0-9+()\s-]{6,}$/.test(phone)) errors.phone = 'Enter a phone number, like 07700 900123, or leave it blank';
  for (const feature of assembly.features) {
    const answer = input.features?.[feature.key];
    if (!feature.values.some((v) => v.value === answer)) errors[`feature-${feature.key}`] = `Answer “${feature.label}”`;
  }
  checkText(errors, 'interpreter', input.interpreter, assemblyLimits.interpreter, { name: 'The interpreter’s language' });
  checkText(errors, 'otherNeeds', input.otherNeeds, assemblyLimits.otherNeeds, { name: 'Anything else we should know' });
  if (typeof input.firstTime !== 'boolean') errors.firstTime = 'Say whether you have taken part in anything like this before';
  return errors;
}

/** Whether a code (as typed) is one of this assembly's, and whether it has been used. */
export async function checkCode(db: Db, assemblyId: number, code: string): Promise<'ok' | 'unknown' | 'used'> {
  const printed = normaliseCode(code);
  if (!printed) return 'unknown';
  const row = await db
    .selectFrom('assembly_address')
    .select('code_used_at')
    .where('assembly_id', '=', assemblyId)
    .where('code', '=', printed)
    .executeTakeFirst();
  if (!row) return 'unknown';
  return row.code_used_at ? 'used' : 'ok';
}

const codeMessages = {
  unknown: 'This code is not one of ours: check it against your letter',
  used: 'This code has been used already: each letter’s code registers one person',
} as const;

const poolIdAlphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
/** A random pool id, "P-" and 8 characters: the only id of a volunteer ever published. */
export function newPoolId(pickIndex: (n: number) => number = randomInt): string {
  return `P-${Array.from({ length: 8 }, () => poolIdAlphabet[pickIndex(poolIdAlphabet.length)]).join('')}`;
}

const isUniqueViolation = (error: unknown) => (error as { code?: string })?.code === '23505';

/** Register the actor as a volunteer: while recruiting, with an unused code (or openly where allowed), once per account. */
export async function register(deps: AssembliesDeps, actor: Actor, id: number, input: RegistrationInput): Promise<{ poolId: string }> {
  assertCan(actor, 'assembly.register');
  const assembly = await assemblyRow(deps.db, actor, id);
  if (assembly.phase !== 'recruiting') throw new ConflictError('Registration for this assembly is closed.');
  if (assembly.registration_closes && assembly.registration_closes < todayInEngland()) throw new ConflictError('Registration for this assembly has closed.');
  const features = featuresOf(await quotaRows(deps.db, id));
  const errors = checkRegistration({ features, openRegistration: assembly.open_registration }, input);
  if (Object.keys(errors).length) throw new ValidationError(errors);
  const already = await deps.db
    .selectFrom('assembly_volunteer')
    .select('status')
    .where('assembly_id', '=', id)
    .where('account_id', '=', actor.accountId as number)
    .executeTakeFirst();
  if (already)
    throw new ConflictError(
      already.status === 'withdrawn' ? 'You withdrew from this assembly: you cannot register again.' : 'You have already registered for this assembly.',
    );
  const code = input.code.trim() ? normaliseCode(input.code) : null;
  const poolId = newPoolId();
  try {
    await inTransaction(deps.db, async (trx) => {
      let addressId: number | null = null;
      if (code) {
        // The code is used here or not at all: of two people sending it at once, one registers.
        const used = await trx
          .updateTable('assembly_address')
          .set({ code_used_at: new Date() })
          .where('assembly_id', '=', id)
          .where('code', '=', code)
          .where('code_used_at', 'is', null)
          .returning('id')
          .executeTakeFirst();
        if (!used) {
          const state = await checkCode(trx, id, code);
          throw new ValidationError({ code: codeMessages[state === 'used' ? 'used' : 'unknown'] });
        }
        addressId = used.id;
      }
      const volunteer = await trx
        .insertInto('assembly_volunteer')
        .values({
          assembly_id: id,
          pool_id: poolId,
          route: code ? 'code' : 'open',
          address_id: addressId,
          account_id: actor.accountId as number,
          name: input.name.trim(),
          email: normaliseEmail(input.email),
          phone: input.phone.trim(),
          features: JSON.stringify(Object.fromEntries(features.map((f) => [f.key, input.features[f.key] as string]))),
          interpreter: input.interpreter.trim(),
          easy_read: input.easyRead,
          childcare: input.childcare,
          travel: input.travel,
          carer: input.carer,
          other_needs: input.otherNeeds.trim(),
          first_time: input.firstTime,
          name_public: input.namePublic,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await recordAudit(trx, actor, { action: 'assembly.register', subjectType: 'assembly_volunteer', subjectId: volunteer.id, detail: { assemblyId: id } });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new ConflictError('You have already registered for this assembly.');
    throw error;
  }
  return { poolId };
}

/** A registration as its volunteer and the organisers see it: what they gave, and where it stands. */
export interface VolunteerDetails extends Omit<RegistrationInput, 'code'> {
  poolId: string;
  status: VolunteerStatus;
  route: RegistrationRoute;
  registeredAt: Date;
  withdrawnAt: Date | null;
}

function detailsOf(v: VolunteerRow): VolunteerDetails {
  return {
    poolId: v.pool_id,
    status: v.status,
    route: v.route,
    name: v.name,
    email: v.email,
    phone: v.phone,
    features: v.features,
    interpreter: v.interpreter,
    easyRead: v.easy_read,
    childcare: v.childcare,
    travel: v.travel,
    carer: v.carer,
    otherNeeds: v.other_needs,
    firstTime: v.first_time,
    namePublic: v.name_public,
    registeredAt: v.registered_at,
    withdrawnAt: v.withdrawn_at,
  };
}

export interface MyRegistration extends VolunteerDetails {
  /** Their place on the assembly once drawn (the latest). */
  member: { id: number; status: MemberStatus; termEnds: string | null } | null;
  /** Their chance of being chosen in each finished draw they were in the pool for. */
  probabilities: Array<{ round: number; probability: number }>;
}

/** The actor's own registration for this assembly, or null. */
export async function myRegistration(db: Db, actor: Actor, id: number): Promise<MyRegistration | null> {
  await assemblyRow(db, actor, id);
  if (actor.accountId === null) return null;
  const v = await db.selectFrom('assembly_volunteer').selectAll().where('assembly_id', '=', id).where('account_id', '=', actor.accountId).executeTakeFirst();
  if (!v) return null;
  const [member, rounds] = await Promise.all([
    db.selectFrom('assembly_member').select(['id', 'status', 'term_ends']).where('volunteer_id', '=', v.id).orderBy('id', 'desc').limit(1).executeTakeFirst(),
    db.selectFrom('assembly_selection').select(['round', 'result']).where('assembly_id', '=', id).where('status', '=', 'done').orderBy('round').execute(),
  ]);
  return {
    ...detailsOf(v),
    member: member ? { id: member.id, status: member.status, termEnds: member.term_ends } : null,
    probabilities: rounds.flatMap((r) => {
      const p = r.result?.probabilities[v.pool_id];
      return p === undefined ? [] : [{ round: r.round, probability: p }];
    }),
  };
}

/** Withdraw at any time: out of the pool, and out of a seat (which opens for a replacement draw). */
export async function withdraw(deps: AssembliesDeps, actor: Actor, id: number): Promise<void> {
  assertCan(actor, 'assembly.register');
  await assemblyRow(deps.db, actor, id);
  await inTransaction(deps.db, async (trx) => {
    const v = await trx
      .selectFrom('assembly_volunteer')
      .select(['id', 'status'])
      .where('assembly_id', '=', id)
      .where('account_id', '=', actor.accountId as number)
      .forUpdate()
      .executeTakeFirst();
    if (!v) throw new ConflictError('You are not registered for this assembly.');
    if (v.status === 'withdrawn') return;
    await trx.updateTable('assembly_volunteer').set({ status: 'withdrawn', withdrawn_at: new Date() }).where('id', '=', v.id).execute();
    await trx
      .updateTable('assembly_member')
      .set({ status: 'withdrawn', status_changed_at: new Date() })
      .where('volunteer_id', '=', v.id)
      .where('status', 'in', seatedStatuses)
      .execute();
    await recordAudit(trx, actor, { action: 'assembly.withdraw', subjectType: 'assembly_volunteer', subjectId: v.id, detail: { assemblyId: id } });
  });
}

export interface VolunteerListItem extends VolunteerDetails {
  id: number;
  /** Any access need at all. */
  hasNeeds: boolean;
  /** Their latest place on the assembly, if drawn. */
  memberStatus: MemberStatus | null;
}

const volunteersPageSize = 50;

/** The registrations, newest first, with contact details and access needs: organisers only. */
export async function listVolunteers(
  db: Db,
  actor: Actor,
  id: number,
  options: { page?: number; filter?: 'needs' | 'all' } = {},
): Promise<{ items: VolunteerListItem[]; total: number; page: number; pageSize: number }> {
  await managedAssembly(db, actor, id);
  let query = db.selectFrom('assembly_volunteer').where('assembly_id', '=', id);
  if (options.filter === 'needs')
    query = query.where((eb) =>
      eb.or([
        eb('interpreter', '<>', ''),
        eb('easy_read', '=', true),
        eb('childcare', '=', true),
        eb('travel', '=', true),
        eb('carer', '=', true),
        eb('other_needs', '<>', ''),
      ]),
    );
  const { total } = await query.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  const lastPage = Math.max(1, Math.ceil(Number(total) / volunteersPageSize));
  const page = Math.min(Math.max(options.page ?? 1, 1), lastPage);
  const rows = await query
    .selectAll()
    .select((eb) =>
      eb
        .selectFrom('assembly_member as m')
        .select('m.status')
        .whereRef('m.volunteer_id', '=', 'assembly_volunteer.id')
        .orderBy('m.id', 'desc')
        .limit(1)
        .as('member_status'),
    )
    .orderBy('registered_at', 'desc')
    .orderBy('id', 'desc')
    .limit(volunteersPageSize)
    .offset((page - 1) * volunteersPageSize)
    .execute();
  return {
    items: rows.map(({ member_status, ...v }) => ({
      ...detailsOf(v),
      id: v.id,
      hasNeeds: Boolean(v.interpreter || v.easy_read || v.childcare || v.travel || v.carer || v.other_needs),
      memberStatus: member_status ?? null,
    })),
    total: Number(total),
    page,
    pageSize: volunteersPageSize,
  };
}
