// Making a referral and reading records. A person is referred by a GP practice (or another
// organisation whose staff refer), by a link worker, or by themself, to an organisation that offers
// social prescribing (one where someone is a link worker). The record is the person's: they read it
// in their account (a record made for their email joins their account when they open their
// records); otherwise only its link worker and its referrer read it, and the referrer not the notes.
import { sql } from 'kysely';
import { recordAudit } from '../../platform/audit.js';
import { type Db, inTransaction } from '../../platform/database.js';
import { ValidationError } from '../../platform/errors.js';
import { enqueueMail, greeting } from '../../platform/mail.js';
import { accountContact, accountIdByEmail, accountNames, checkEmail, organisationContacts, organisationsWithRoleHolders } from '../accounts/service.js';
import { organisationNames } from '../registry/service.js';
import { type Actor, assertCan, can, organisationsWhere } from './policy.js';
import {
  baseUrlOf,
  gather,
  isWaiting,
  mailToLinkWorker,
  mayWork,
  nowOf,
  type ReferralRow,
  type SocialPrescribingDeps,
  textOf,
  todayOf,
  type Viewer,
  visibleReferral,
} from './records.js';
import type { CloseReason, ConnectionStatus, ConversationMode, ReferralSource, ReferralState, WellbeingMoment } from './schema.js';

export interface Organisation {
  organisationId: number;
  name: string;
}

/** Organisations that offer social prescribing (someone there is a link worker), by name. */
export async function socialPrescribingServices(db: Db): Promise<Organisation[]> {
  const rows = await organisationNames(db, await organisationsWithRoleHolders(db, ['link_worker']));
  return rows.map((o) => ({ organisationId: o.id, name: o.name }));
}

async function organisationsNamed(db: Db, ids: readonly number[]): Promise<Organisation[]> {
  return (await organisationNames(db, ids)).map((o) => ({ organisationId: o.id, name: o.name }));
}

/** The ways this actor may refer: the services, the organisations they refer for, where they are a link worker, and themself. */
export async function referOptions(
  db: Db,
  actor: Actor,
): Promise<{ services: Organisation[]; referringFor: Organisation[]; linkWorkerIn: Organisation[]; canReferSelf: boolean }> {
  const [services, referringFor, linkWorkerIn] = await Promise.all([
    socialPrescribingServices(db),
    organisationsNamed(db, organisationsWhere(actor, 'referral.referForOrganisation')),
    organisationsNamed(db, organisationsWhere(actor, 'referral.caseload')),
  ]);
  return { services, referringFor, linkWorkerIn, canReferSelf: can(actor, 'referral.referSelf') };
}

export interface ReferralInput {
  /** The organisation whose link workers will hold the referral. */
  organisationId: number;
  as: 'self' | 'organisation' | 'link_worker' | string;
  /** For 'organisation': the organisation the actor refers for (a GP practice). */
  referrerOrganisationId?: number;
  /** For 'organisation': what kind of organisation refers (GP practice by default). */
  source?: ReferralSource | string;
  personName: string;
  personEmail: string;
  personPhone: string;
  reason: string;
  shareWithGroups: boolean;
  personAgreed: boolean;
}

const organisationSources: readonly ReferralSource[] = ['gp_practice', 'health_service', 'community_group'];

function checkPhone(value: unknown): string {
  const phone = textOf(value, 'personPhone', { label: 'Phone number', max: 40 });
  if (phone && !/^[0-9 +()-]+$/.test(phone)) throw new ValidationError({ personPhone: 'Enter a phone number using only digits, spaces and + ( ) -' });
  return phone;
}

function checkPersonEmail(value: unknown): string {
  const email = typeof value === 'string' ? value.trim() : '';
  const problem = email ? checkEmail(email) : null;
  if (problem) throw new ValidationError({ personEmail: problem.replace('your email', 'their email') });
  return email.toLowerCase();
}

/**
 * Refer a person (or oneself) to an organisation's link workers. Returns the referral's id. The
 * person is told by email where to see their record (unless they referred themself); the
 * organisation's link workers are told a referral is waiting, without the person's name or reason.
 */
export async function createReferral(deps: SocialPrescribingDeps, actor: Actor, input: ReferralInput): Promise<number> {
  const { db } = deps;
  const me = actor.accountId;
  if (input.as === 'self') assertCan(actor, 'referral.referSelf');
  else if (input.as === 'organisation') assertCan(actor, 'referral.referForOrganisation', { organisationId: input.referrerOrganisationId ?? -1 });
  else if (input.as === 'link_worker') assertCan(actor, 'referral.caseload', { organisationId: input.organisationId });
  else throw new ValidationError({ as: 'Choose who is making this referral' });
  const services = await socialPrescribingServices(db);
  const service = services.find((s) => s.organisationId === input.organisationId);

  const errors: Record<string, string> = {};
  if (!service) errors.organisationId = 'Choose a social prescribing service';
  const reason = gather(errors, () =>
    textOf(input.reason, 'reason', {
      required: input.as === 'self' ? 'Enter what you would like help with' : 'Enter why they are being referred',
      label: 'The reason',
      max: 5000,
    }),
  );
  const personPhone = gather(errors, () => checkPhone(input.personPhone)) ?? '';
  let person: { name: string; email: string; accountId: number | null };
  let source: ReferralSource;
  if (input.as === 'self') {
    const contact = await accountContact(db, me as number);
    person = { name: contact.name, email: contact.email, accountId: contact.accountId };
    source = 'self';
  } else {
    const name = gather(errors, () => textOf(input.personName, 'personName', { required: "Enter the person's full name", label: 'Full name', max: 200 })) ?? '';
    const email = gather(errors, () => checkPersonEmail(input.personEmail)) ?? '';
    if (!email && !personPhone && !errors.personEmail && !errors.personPhone) errors.personEmail = "Enter the person's email address or phone number";
    if (input.personAgreed !== true) errors.personAgreed = 'Confirm the person agreed to be referred';
    source = 'link_worker';
    if (input.as === 'organisation') {
      const chosen = input.source === undefined || input.source === '' ? 'gp_practice' : organisationSources.find((s) => s === input.source);
      if (!chosen) errors.source = 'Choose what kind of organisation is referring';
      source = chosen ?? 'gp_practice';
    }
    person = { name, email, accountId: email ? await accountIdByEmail(db, email) : null };
  }
  if (Object.keys(errors).length || !service || reason === undefined) throw new ValidationError(errors);

  const takenOnAtOnce = input.as === 'link_worker';
  const linkWorkers = takenOnAtOnce ? [] : await organisationContacts(db, service.organisationId, ['link_worker']);
  const base = baseUrlOf(deps);
  return inTransaction(db, async (trx) => {
    const { id } = await trx
      .insertInto('referral')
      .values({
        organisation_id: service.organisationId,
        source,
        referrer_organisation_id: input.as === 'organisation' ? (input.referrerOrganisationId as number) : null,
        referrer_account_id: me,
        person_account_id: person.accountId,
        person_name: person.name,
        person_email: person.email || null,
        person_phone: personPhone || null,
        reason,
        share_with_groups: input.shareWithGroups === true,
        link_worker_account_id: takenOnAtOnce ? me : null,
        state: 'received',
        created_at: nowOf(deps),
        updated_at: nowOf(deps),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (person.email && source !== 'self') {
      await enqueueMail(trx, {
        to: person.email,
        subject: `You have been referred to social prescribing at ${service.name}`,
        text: [
          greeting(person.name),
          '',
          `You have been referred to social prescribing at ${service.name}. A link worker will be in touch to talk about what matters to you and to help you find local groups and activities.`,
          '',
          `Your record is yours to see. Sign in, or create an account with this email address, to see it: ${base}/account/social-prescribing`,
        ].join('\n'),
      });
    }
    for (const worker of linkWorkers) {
      await mailToLinkWorker(trx, worker, {
        subject: 'A new social prescribing referral is waiting',
        line: `A new referral is waiting to be taken on at ${service.name}: ${base}/organisations/${service.organisationId}/social-prescribing`,
        because: 'You get this because you are a link worker there.',
      });
    }
    await recordAudit(trx, actor, { action: 'referral.create', subjectType: 'referral', subjectId: id, detail: { source, as: input.as } });
    return id;
  });
}

/**
 * Join to the actor's account the records made for their email address before they had one (or
 * before they signed in). Their email is verified: an account signs in only once it is.
 */
async function linkRecordsByEmail(db: Db, actor: Actor): Promise<void> {
  if (actor.accountId === null) return;
  const { email } = await accountContact(db, actor.accountId);
  const linked = await db
    .updateTable('referral')
    .set({ person_account_id: actor.accountId })
    .where('person_account_id', 'is', null)
    .where(sql<string>`lower(person_email)`, '=', email.toLowerCase())
    .returning('id')
    .execute();
  for (const { id } of linked) await recordAudit(db, actor, { action: 'referral.linkAccount', subjectType: 'referral', subjectId: id });
}

export interface ReferralSummary {
  id: number;
  organisationId: number;
  organisationName: string;
  personName: string;
  state: ReferralState;
  source: ReferralSource;
  linkWorkerName: string | null;
  receivedAt: Date;
  closedAt: Date | null;
}

type SummaryRow = Pick<ReferralRow, 'id' | 'organisation_id' | 'person_name' | 'state' | 'source' | 'link_worker_account_id' | 'created_at' | 'closed_at'>;

/** Rows as summaries, with organisation and link worker names in one query each. */
async function summariesOf(db: Db, rows: readonly SummaryRow[]): Promise<ReferralSummary[]> {
  const [organisations, workers] = await Promise.all([
    organisationNames(db, [...new Set(rows.map((r) => r.organisation_id))]),
    accountNames(
      db,
      rows.flatMap((r) => (r.link_worker_account_id === null ? [] : [r.link_worker_account_id])),
    ),
  ]);
  const orgName = new Map(organisations.map((o) => [o.id, o.name]));
  return rows.map((r) => ({
    id: r.id,
    organisationId: r.organisation_id,
    organisationName: orgName.get(r.organisation_id) ?? '',
    personName: r.person_name,
    state: r.state,
    source: r.source,
    linkWorkerName: r.link_worker_account_id === null ? null : (workers.get(r.link_worker_account_id) ?? null),
    receivedAt: r.created_at,
    closedAt: r.closed_at,
  }));
}

const summaryColumns = ['id', 'organisation_id', 'person_name', 'state', 'source', 'link_worker_account_id', 'created_at', 'closed_at'] as const;

/** The person's own records, newest first (after joining those made for their email). */
export async function myReferrals(deps: SocialPrescribingDeps, actor: Actor): Promise<ReferralSummary[]> {
  if (actor.accountId === null) assertCan(actor, 'referral.readOwn', { accountId: -1 });
  if (!can(actor, 'referral.readOwn', { accountId: actor.accountId as number })) return [];
  await linkRecordsByEmail(deps.db, actor);
  const rows = await deps.db
    .selectFrom('referral')
    .select(summaryColumns)
    .where('person_account_id', '=', actor.accountId as number)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return summariesOf(deps.db, rows);
}

/** The referrals the actor made for other people, newest first. */
export async function referralsMadeBy(deps: SocialPrescribingDeps, actor: Actor): Promise<ReferralSummary[]> {
  if (actor.accountId === null) assertCan(actor, 'referral.readAsReferrer', { accountId: -1 });
  if (!can(actor, 'referral.readAsReferrer', { accountId: actor.accountId as number })) return [];
  const rows = await deps.db
    .selectFrom('referral')
    .select(summaryColumns)
    .where('referrer_account_id', '=', actor.accountId as number)
    .where('source', '<>', 'self')
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return summariesOf(deps.db, rows);
}

export interface ReferralRecord {
  id: number;
  viewer: Viewer;
  organisationId: number;
  organisationName: string;
  source: ReferralSource;
  referrerOrganisationId: number | null;
  referrerOrganisationName: string | null;
  /** The name of the person who made the referral (the person themself for a self-referral). */
  referrerName: string | null;
  personName: string;
  personEmail: string | null;
  personPhone: string | null;
  reason: string;
  shareWithGroups: boolean;
  state: ReferralState;
  linkWorkerAccountId: number | null;
  linkWorkerName: string | null;
  receivedAt: Date;
  firstContactAt: Date | null;
  plan: string;
  planUpdatedAt: Date | null;
  /** The closing note ('' for the referrer, who sees the reason). */
  closeNote: string;
  /** Newest first; empty for the referrer (between the person and their link worker). */
  conversations: Array<{ id: number; heldOn: string; mode: ConversationMode; whatMatters: string; notes: string; authorName: string | null }>;
  connections: Array<{ id: number; serviceId: string; serviceName: string; category: string; status: ConnectionStatus; note: string; connectedOn: string }>;
  /** By due date; notes '' for the referrer. */
  followUps: Array<{ id: number; dueOn: string; doneAt: Date | null; notes: string; overdue: boolean }>;
  /** Every set of scores, oldest first. */
  wellbeing: Array<{
    id: number;
    takenOn: string;
    moment: WellbeingMoment;
    followUpId: number | null;
    lifeSatisfaction: number;
    worthwhile: number;
    happiness: number;
    anxiety: number;
  }>;
  closedAt: Date | null;
  closeReason: CloseReason | null;
  can: { takeOn: boolean; work: boolean; addOwnScores: boolean };
}

/** One record as the actor may see it: the person and their link worker in full, the referrer without the notes. */
export async function getReferral(deps: SocialPrescribingDeps, actor: Actor, id: number): Promise<ReferralRecord> {
  const { db } = deps;
  await linkRecordsByEmail(db, actor);
  const { row, viewer } = await visibleReferral(db, actor, id);
  const private_ = viewer === 'referrer';
  const [conversations, connections, followUps, wellbeing] = await Promise.all([
    private_
      ? Promise.resolve([])
      : db.selectFrom('referral_conversation').selectAll().where('referral_id', '=', row.id).orderBy('held_on', 'desc').orderBy('id', 'desc').execute(),
    db.selectFrom('referral_connection').selectAll().where('referral_id', '=', row.id).orderBy('connected_on').orderBy('id').execute(),
    db.selectFrom('referral_follow_up').selectAll().where('referral_id', '=', row.id).orderBy('due_on').orderBy('id').execute(),
    db.selectFrom('referral_wellbeing').selectAll().where('referral_id', '=', row.id).orderBy('taken_on').orderBy('id').execute(),
  ]);
  const accountIds = [row.link_worker_account_id, row.referrer_account_id, ...conversations.map((c) => c.author_account_id)].filter(
    (x): x is number => x !== null,
  );
  const orgIds = [row.organisation_id, ...(row.referrer_organisation_id === null ? [] : [row.referrer_organisation_id])];
  const [names, organisations] = await Promise.all([accountNames(db, accountIds), organisationNames(db, orgIds)]);
  const orgName = (orgId: number | null) => (orgId === null ? null : (organisations.find((o) => o.id === orgId)?.name ?? null));
  const nameOf = (accountId: number | null) => (accountId === null ? null : (names.get(accountId) ?? null));
  const today = todayOf(deps);
  const open = row.state !== 'closed';
  return {
    id: row.id,
    viewer,
    organisationId: row.organisation_id,
    organisationName: orgName(row.organisation_id) ?? '',
    source: row.source,
    referrerOrganisationId: row.referrer_organisation_id,
    referrerOrganisationName: orgName(row.referrer_organisation_id),
    referrerName: nameOf(row.referrer_account_id),
    personName: row.person_name,
    personEmail: row.person_email,
    personPhone: row.person_phone,
    reason: row.reason,
    shareWithGroups: row.share_with_groups,
    state: row.state,
    linkWorkerAccountId: row.link_worker_account_id,
    linkWorkerName: nameOf(row.link_worker_account_id),
    receivedAt: row.created_at,
    firstContactAt: row.first_contact_at,
    plan: row.plan,
    planUpdatedAt: row.plan_updated_at,
    conversations: conversations.map((c) => ({
      id: c.id,
      heldOn: c.held_on,
      mode: c.mode,
      whatMatters: c.what_matters,
      notes: c.notes,
      authorName: nameOf(c.author_account_id),
    })),
    connections: connections.map((c) => ({
      id: c.id,
      serviceId: c.service_id,
      serviceName: c.service_name,
      category: c.category,
      status: c.status,
      note: private_ ? '' : c.note,
      connectedOn: c.connected_on,
    })),
    followUps: followUps.map((f) => ({
      id: f.id,
      dueOn: f.due_on,
      doneAt: f.done_at,
      notes: private_ ? '' : f.notes,
      overdue: open && f.done_at === null && f.due_on < today,
    })),
    wellbeing: wellbeing.map((w) => ({
      id: w.id,
      takenOn: w.taken_on,
      moment: w.moment,
      followUpId: w.follow_up_id,
      lifeSatisfaction: w.life_satisfaction,
      worthwhile: w.worthwhile,
      happiness: w.happiness,
      anxiety: w.anxiety,
    })),
    closedAt: row.closed_at,
    closeReason: row.close_reason,
    closeNote: private_ ? '' : row.close_note,
    can: {
      takeOn: isWaiting(row) && can(actor, 'referral.caseload', { organisationId: row.organisation_id }),
      work: open && mayWork(actor, row),
      addOwnScores: open && viewer === 'person',
    },
  };
}
