// Making a complaint: checking what was typed, giving it a reference, and sending it to the
// organisation's complaints managers (only organisations with one take complaints through Involve).
import crypto from 'node:crypto';
import { recordAudit } from '../../platform/audit.js';
import type { Db } from '../../platform/database.js';
import { ValidationError } from '../../platform/errors.js';
import { enqueueMail } from '../../platform/mail.js';
import { getOrganisationSummary } from '../registry/service.js';
import { complaintMadeMail, newComplaintMail } from './mailText.js';
import { communicationNeedsOf, complaintsManagersOf, contactOf } from './people.js';
import { type Actor, assertCan } from './policy.js';
import { type ConsentBasis, type ContactPreference, consentBases, contactPreferences } from './schema.js';
import { type ComplaintsDeps, limits, nowOf } from './service.js';
import { isLate, ukDate } from './timeline.js';
import { parseIsoDate } from './workingDays.js';

export interface ComplaintInput {
  organisationId: string;
  whatHappened: string;
  /** 'YYYY-MM-DD', or what was typed when it is not a date. */
  eventDate: string;
  whereHappened: string;
  peopleInvolved: string;
  outcomeWanted: string;
  complainantName: string;
  /** 'myself' or 'someone_else' */
  forWhom: string;
  personName: string;
  consent: string;
  /** 'email', 'phone' or 'letter'; empty or absent means email. */
  contactPreference?: string;
  contactPhone?: string;
  postalAddress?: string;
}

const phoneLimit = 30;
const addressLimit = 500;

function tooLong(label: string, value: string, max: number): string | null {
  return value.length > max
    ? `${label} must be ${max.toLocaleString('en-GB')} characters or fewer (you have entered ${value.length.toLocaleString('en-GB')})`
    : null;
}

/** Check a complaint as typed. Returns messages by field (empty when it may be made). */
export function checkComplaint(input: ComplaintInput, today: string): Record<string, string> {
  const errors: Record<string, string> = {};
  const set = (field: string, message: string | null) => {
    if (message && !errors[field]) errors[field] = message;
  };
  if (!/^\d{1,10}$/.test(input.organisationId.trim())) set('organisation', 'Choose the organisation your complaint is about');

  const what = input.whatHappened.trim();
  if (!what) set('whatHappened', 'Enter what happened');
  set('whatHappened', tooLong('What happened', what, limits.whatHappened));

  if (!input.eventDate) set('eventDate', 'Enter the date it happened. If you are not sure, give your best guess');
  else if (!parseIsoDate(input.eventDate)) set('eventDate', 'The date it happened must be a real date, like 15 3 2025');
  else if (input.eventDate > today) set('eventDate', 'The date it happened must be today or in the past');

  set('whereHappened', tooLong('Where it happened', input.whereHappened.trim(), limits.whereHappened));
  set('peopleInvolved', tooLong('Who was involved', input.peopleInvolved.trim(), limits.peopleInvolved));
  set('outcomeWanted', tooLong('What you would like to happen', input.outcomeWanted.trim(), limits.outcomeWanted));

  if (!input.complainantName.trim()) set('complainantName', 'Enter your name as it should appear on letters');
  set('complainantName', tooLong('Your name', input.complainantName.trim(), limits.name));

  if (input.forWhom !== 'myself' && input.forWhom !== 'someone_else') set('forWhom', 'Select who the complaint is for');
  if (input.forWhom === 'someone_else') {
    if (!input.personName.trim()) set('personName', 'Enter the name of the person the complaint is for');
    set('personName', tooLong('Their name', input.personName.trim(), limits.name));
    if (!(consentBases as readonly string[]).includes(input.consent)) {
      set('consent', 'Select whether they have agreed to you complaining for them, or why their agreement is not needed');
    }
  }
  const preference = input.contactPreference ?? '';
  if (preference && !(contactPreferences as readonly string[]).includes(preference)) set('contactPreference', 'Select how you would like to be contacted');
  const phone = (input.contactPhone ?? '').trim();
  if (preference === 'phone' && !phone) set('contactPhone', 'Enter the phone number to call you on');
  else if (phone && !/^[0-9 +()-]+$/.test(phone)) set('contactPhone', 'Enter a phone number using numbers only, like 01632 960 001');
  set('contactPhone', tooLong('Your phone number', phone, phoneLimit));
  const address = (input.postalAddress ?? '').trim();
  if (preference === 'letter' && !address) set('postalAddress', 'Enter the address to send letters to, with the postcode');
  set('postalAddress', tooLong('Your address', address, addressLimit));
  return errors;
}

const referenceAlphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A reference like C-7K3M-9QXP: easy to read out, no 0/O or 1/I, and random. */
export function newReference(): string {
  const bytes = crypto.randomBytes(8);
  const chars = [...bytes].map((b) => referenceAlphabet[b % referenceAlphabet.length]).join('');
  return `C-${chars.slice(0, 4)}-${chars.slice(4)}`;
}

/** Whether people can complain to this organisation through Involve (it has a complaints manager). */
export async function takesComplaints(db: Db, organisationId: number): Promise<boolean> {
  return (await complaintsManagersOf(db, organisationId)).length > 0;
}

/**
 * Check a complaint fully (its answers and that its organisation takes complaints) without making
 * it: the check-your-answers page asks this. A ValidationError names each field to change.
 */
export async function reviewComplaint(deps: ComplaintsDeps, actor: Actor, input: ComplaintInput) {
  assertCan(actor, 'complaint.make');
  const errors = checkComplaint(input, ukDate(nowOf(deps)));
  const organisationId = Number(input.organisationId.trim());
  const organisation = errors.organisation ? null : await getOrganisationSummary(deps.db, organisationId);
  if (!errors.organisation && !organisation) errors.organisation = 'That organisation is not in Involve. Choose another';
  const managers = organisation ? await complaintsManagersOf(deps.db, organisation.id) : [];
  if (organisation && !managers.length) {
    errors.organisation = `${organisation.name} does not take complaints through Involve yet. Contact them directly to complain`;
  }
  if (Object.keys(errors).length || !organisation) throw new ValidationError(errors);
  return { organisation, managers };
}

export async function makeComplaint(deps: ComplaintsDeps, actor: Actor, input: ComplaintInput): Promise<{ id: number; reference: string }> {
  const { organisation, managers } = await reviewComplaint(deps, actor, input);
  const accountId = actor.accountId as number;
  const now = nowOf(deps);
  const today = ukDate(now);
  const preference = (input.contactPreference || 'email') as ContactPreference;
  const [complainant, needs] = await Promise.all([contactOf(deps.db, accountId), communicationNeedsOf(deps.db, accountId)]);

  const onBehalf = input.forWhom === 'someone_else';
  const created = await deps.db.transaction().execute(async (trx) => {
    let reference = newReference();
    while (await trx.selectFrom('complaint').select('id').where('reference', '=', reference).executeTakeFirst()) reference = newReference();
    const row = await trx
      .insertInto('complaint')
      .values({
        reference,
        organisation_id: organisation.id,
        complainant_account_id: accountId,
        complainant_name: input.complainantName.trim(),
        on_behalf: onBehalf,
        person_name: onBehalf ? input.personName.trim() : null,
        consent_basis: onBehalf ? (input.consent as ConsentBasis) : null,
        consent_recorded_at: onBehalf ? now : null,
        what_happened: input.whatHappened.trim(),
        event_date: input.eventDate,
        where_happened: input.whereHappened.trim() || null,
        people_involved: input.peopleInvolved.trim() || null,
        outcome_wanted: input.outcomeWanted.trim() || null,
        received_on: today,
        late: isLate(input.eventDate, today),
        contact_preference: preference,
        contact_phone: input.contactPhone?.trim() || null,
        postal_address: input.postalAddress?.trim() || null,
      })
      .returning(['id', 'reference'])
      .executeTakeFirstOrThrow();
    await trx.insertInto('complaint_event').values({ complaint_id: row.id, kind: 'received', account_id: accountId, on_date: today, note: null }).execute();
    await recordAudit(trx, actor, {
      action: 'complaint.make',
      subjectType: 'complaint',
      subjectId: row.id,
      detail: { organisationId: organisation.id, onBehalf },
    });
    await enqueueMail(trx, complaintMadeMail(complainant, row.reference, `${deps.config.publicUrl}/account/complaints/${row.id}`));
    for (const manager of managers) {
      await enqueueMail(trx, newComplaintMail(manager, row.reference, `${deps.config.publicUrl}/complaints/${row.id}`, needs));
    }
    return row;
  });
  return created;
}
