// What every part of the social prescribing service reads first: the dependencies, a referral by id,
// who the actor is to it (the person, their link worker, their referrer, or no one: then it does not
// exist for them), and the checks on typed text, dates and ONS4 scores.
import type { Selectable } from 'kysely';
import type { Config } from '../../platform/config.js';
import type { Db } from '../../platform/database.js';
import { NotFoundError, ValidationError } from '../../platform/errors.js';
import { enqueueMail, greeting } from '../../platform/mail.js';
import { isIsoDate, todayInEngland } from '../../platform/web/forms.js';
import { isRecordId } from '../../platform/web/ids.js';
import type { AccountContact } from '../accounts/service.js';
import { type Actor, assertCan, can } from './policy.js';
import type { CloseReason, ConnectionStatus, ConversationMode, ReferralSource, ReferralState, ReferralTable } from './schema.js';

export interface SocialPrescribingDeps {
  db: Db;
  /** The clock (tests and the demo set it); the real time when absent. */
  now?: () => Date;
  /** The site's address, for links in emails. */
  config: Pick<Config, 'publicUrl'>;
}

export type ReferralRow = Selectable<ReferralTable>;

/** Who reads a record: the person it belongs to, the link worker working it, or who referred them. */
export type Viewer = 'person' | 'link_worker' | 'referrer';

export const nowOf = (deps: Pick<SocialPrescribingDeps, 'now'>): Date => deps.now?.() ?? new Date();
export const todayOf = (deps: Pick<SocialPrescribingDeps, 'now'>): string => todayInEngland(nowOf(deps));
export const baseUrlOf = (deps: Pick<SocialPrescribingDeps, 'config'>): string => deps.config.publicUrl.replace(/\/$/, '');

export async function referralRow(db: Db, id: number): Promise<ReferralRow> {
  const row = isRecordId(id) ? await db.selectFrom('referral').selectAll().where('id', '=', id).executeTakeFirst() : undefined;
  if (!row) throw new NotFoundError();
  return row;
}

/** Waiting to be taken on: every link worker of the organisation may read it in full, to triage it. */
export const isWaiting = (row: Pick<ReferralRow, 'link_worker_account_id' | 'state'>) => row.link_worker_account_id === null && row.state !== 'closed';

/** The actor is the link worker working this referral (holding the caseload role in its organisation too). */
export function mayWork(actor: Actor, row: Pick<ReferralRow, 'organisation_id' | 'link_worker_account_id'>): boolean {
  return (
    row.link_worker_account_id !== null &&
    can(actor, 'referral.caseload', { organisationId: row.organisation_id }) &&
    can(actor, 'referral.work', { accountId: row.link_worker_account_id })
  );
}

/** Who the actor is to this record (link worker first, then the person, then the referrer), or null: not theirs to see. */
export function viewerOf(actor: Actor, row: ReferralRow): Viewer | null {
  if (mayWork(actor, row) || (isWaiting(row) && can(actor, 'referral.caseload', { organisationId: row.organisation_id }))) return 'link_worker';
  if (row.person_account_id !== null && can(actor, 'referral.readOwn', { accountId: row.person_account_id })) return 'person';
  if (row.referrer_account_id !== null && can(actor, 'referral.readAsReferrer', { accountId: row.referrer_account_id })) return 'referrer';
  return null;
}

/** A visitor who is not signed in is asked to sign in; a signed-in stranger finds nothing there. */
export function refuseUnseen(actor: Actor): never {
  assertCan(actor, 'referral.readOwn', { accountId: -1 }, { hidden: actor.accountId !== null });
  throw new NotFoundError();
}

/** The referral as the actor may see it, and who they are to it (not found for anyone else). */
export async function visibleReferral(db: Db, actor: Actor, id: number): Promise<{ row: ReferralRow; viewer: Viewer }> {
  if (actor.accountId === null) refuseUnseen(actor);
  const row = await referralRow(db, id);
  const viewer = viewerOf(actor, row);
  if (!viewer) refuseUnseen(actor);
  return { row, viewer };
}

/**
 * The referral the actor works as its link worker, still open. Those who may read it but not work it
 * are refused (403); everyone else finds nothing.
 */
export async function referralToWork(db: Db, actor: Actor, id: number): Promise<ReferralRow> {
  const { row } = await visibleReferral(db, actor, id);
  assertCan(actor, 'referral.caseload', { organisationId: row.organisation_id });
  assertCan(actor, 'referral.work', { accountId: row.link_worker_account_id ?? -1 });
  assertOpen(row);
  return row;
}

export function assertOpen(row: Pick<ReferralRow, 'state'>): void {
  if (row.state === 'closed') throw new ValidationError({ state: 'This referral is closed' });
}

/** Each check's field error gathered, so a form shows every mistake at once. */
export function gather<T>(errors: Record<string, string>, check: () => T): T | undefined {
  try {
    return check();
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    Object.assign(errors, error.fieldErrors);
    return undefined;
  }
}

/** Typed text, trimmed, within its limit (and present when required), or a ValidationError naming the field. */
export function textOf(value: unknown, field: string, rule: { required?: string; label: string; max: number }): string {
  const trimmed = typeof value === 'string' ? value.trim() : '';
  if (rule.required && !trimmed) throw new ValidationError({ [field]: rule.required });
  if (trimmed.length > rule.max) throw new ValidationError({ [field]: `${rule.label} must be ${rule.max} characters or fewer` });
  return trimmed;
}

/** A date as YYYY-MM-DD, within [notBefore, notAfter] when given, or a ValidationError naming the field. */
export function dateOf(value: unknown, field: string, label: string, bounds: { notBefore?: string; notAfter?: string } = {}): string {
  const date = typeof value === 'string' ? value.trim() : '';
  if (!isIsoDate(date)) throw new ValidationError({ [field]: `Enter ${label} as a real date, for example 27 3 2026` });
  if (bounds.notAfter !== undefined && date > bounds.notAfter) throw new ValidationError({ [field]: `${capitalise(label)} must be today or in the past` });
  if (bounds.notBefore !== undefined && date < bounds.notBefore)
    throw new ValidationError({ [field]: `${capitalise(label)} must be on or after ${bounds.notBefore}` });
  return date;
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** A Date or timestamp as the day it fell on in England. */
export const dayOf = (at: Date | string): string => (typeof at === 'string' && isIsoDate(at) ? at : todayInEngland(new Date(at)));

// Words for the codes, for pages, the API and emails (kept here rather than in the platform's shared
// label table: codes such as 'active' mean other things in other modules).
/** An email to a link worker about their work: one line with its link, and why they get it (no person's details). */
export function mailToLinkWorker(trx: Db, worker: AccountContact, mail: { subject: string; line: string; because: string }): Promise<void> {
  return enqueueMail(trx, {
    to: worker.email,
    subject: mail.subject,
    text: [greeting(worker.name), '', mail.line, '', mail.because].join('\n'),
  });
}

export const sourceLabels: Record<ReferralSource, string> = {
  gp_practice: 'GP practice',
  health_service: 'Health service',
  community_group: 'Community group',
  link_worker: 'Link worker',
  self: 'Self-referral',
};
export const stateLabels: Record<ReferralState, string> = {
  received: 'Waiting for first contact',
  contacted: 'Contacted',
  active: 'Active',
  following_up: 'Following up',
  closed: 'Closed',
};
export const closeReasonLabels: Record<CloseReason, string> = {
  goals_met: 'Goals met',
  connected_and_settled: 'Connected and settled',
  declined: 'Declined',
  no_contact: 'Could not be contacted',
  moved_away: 'Moved away',
  referred_elsewhere: 'Referred elsewhere',
  other: 'Other',
};
export const conversationModeLabels: Record<ConversationMode, string> = {
  in_person: 'In person',
  phone: 'Phone',
  video: 'Video call',
  home_visit: 'Home visit',
};
export const connectionStatusLabels: Record<ConnectionStatus, string> = {
  suggested: 'Suggested',
  attending: 'Attending',
  stopped: 'Stopped',
  not_started: 'Did not start',
};
