// The complaints module's part of the demo: five made-up complaints to Northvale Hospitals, dated
// from today so they always look current — one received yesterday, one under investigation, one
// past its agreed response date (with a letter about the delay), one answered and closed, and one
// made for someone else. Each is written as the module's own steps would have written it: the
// status moves by the timeline's rules, the events and letters are dated on their days, and the
// letters are filled in and checked as the manager's forms do. No mail is queued (it would all be
// old news) and no reminders are recorded: the reminder job sends what is due when Involve starts.
import crypto from 'node:crypto';
import type { Db } from '../../platform/database.js';
import type { DemoContext, DemoStep } from '../../platform/module.js';
import { createVerifiedAccount } from '../accounts/service.js';
import { defaultTemplates } from './letters.js';
import { checkComplaint, newReference } from './making.js';
import { finishLetter, letterValues } from './manage.js';
import { contactOf } from './people.js';
import type { Actor } from './policy.js';
import type { ComplaintOutcome, ComplaintSubject, ConsentBasis, LetterKind } from './schema.js';
import { type ComplaintRow, loadComplaintRow } from './service.js';
import { extraHolidaysOf } from './settings.js';
import { isLate, type Step, statusAfter, ukDate } from './timeline.js';
import { addWorkingDays } from './workingDays.js';

/** What the manager did, on which day: one of the timeline's steps. */
type DemoAction = { on: string } & (
  | { step: 'acknowledge'; responseDate?: string; letter: string }
  | { step: 'startInvestigation' }
  | { step: 'recordSubjects'; subjects: ComplaintSubject[] }
  | { step: 'sendDelayLetter'; letter: string }
  | { step: 'sendFinalResponse'; outcome: ComplaintOutcome; subjects: ComplaintSubject[]; letter: string }
  | { step: 'close' }
);

interface DemoComplaint {
  complainantAccountId: number;
  complainantName: string;
  forSomeoneElse?: { personName: string; consent: ConsentBasis };
  receivedOn: string;
  eventDate: string;
  whatHappened: string;
  whereHappened: string;
  peopleInvolved: string;
  outcomeWanted: string;
  actions: DemoAction[];
}

const demoLabel = 'Demo complaint, made up for this demonstration.';

/** A time on a day, for the timeline (within the day in England, summer or winter). */
const at = (date: string, time: string) => new Date(`${date}T${time}:00Z`);

/** The date some calendar days after (or before) another. */
function calendarDays(date: string, days: number): string {
  const shifted = new Date(`${date}T12:00:00Z`);
  shifted.setUTCDate(shifted.getUTCDate() + days);
  return shifted.toISOString().slice(0, 10);
}

const delayLetter = `Dear {{complainant_name}},

Your complaint, reference {{reference}}

We received your complaint on {{received_date}} and agreed to send you our full response by {{response_date}}. We have not been able to do that, and we are sorry.

We are still waiting to talk to the community physiotherapy team, who work for another trust, about what happened to the referral for your visits at home. We want our response to tell you the whole story, not only our part of it.

We will phone you in the next few days to tell you how we are getting on and to agree a new date with you.

Yours sincerely,

{{manager_name}}
Complaints manager, {{organisation_name}}`;

const finalResponse = `Dear {{complainant_name}},

Your complaint, reference {{reference}}

Thank you for your complaint, which we received on {{received_date}}. This letter is our final response.

What you told us
You told us that during your stay on Ward 5 your meals were often left where you could not reach them, that twice at night your call bell was not answered for a long time, and that one nurse spoke to you sharply when you asked for help to get to the toilet.

What we found
The ward manager and I read your care records and the ward's staffing records, and talked to the nurses who looked after you. Your records do not show that anyone checked you had eaten at mealtimes, which they should have done. On two of the nights you were with us the ward was two nurses short, and call bells were answered late. We could not find that anyone spoke to you unkindly: the nurse we talked to remembers helping you and is sorry you felt rushed. So we have partly upheld your complaint.

What we have done
We are sorry that you went without help with your meals and that you waited for help at night. Ward 5 now uses red trays for everyone who needs help to eat, and a member of staff checks on each of them at every meal. The ward has added two nurses to its night rota. The ward manager has shared your complaint, without your name, with the ward team so that they learn from it.

Thank you for telling us. It helps us put things right for the next person.

Yours sincerely,

{{manager_name}}
Complaints manager, {{organisation_name}}`;

/** The five complaints, their days counted back from today on the working-day calendar. */
function demoComplaints(
  today: string,
  people: { member: number; janet: number; daniel: number; memberName: string },
  holidays: ReadonlySet<string>,
): DemoComplaint[] {
  const workingDays = (date: string, n: number) => addWorkingDays(date, n, holidays);
  /** The usual start: acknowledged the next working day with a response date agreed, then investigated. */
  const acknowledgedThenInvestigated = (received: string, responseDate: string, investigatedOn: string): DemoAction[] => [
    { step: 'acknowledge', on: workingDays(received, 1), responseDate, letter: defaultTemplates.acknowledgement },
    { step: 'startInvestigation', on: investigatedOn },
  ];

  const yesterday = calendarDays(today, -1);
  const twoWeeksAgo = calendarDays(today, -14);
  // Agreed for a week ago, 25 working days after receipt; the letter about the delay came after.
  const missedDate = workingDays(today, -5);
  const overdueReceived = workingDays(missedDate, -25);

  const closedReceived = calendarDays(today, -100);
  const answeredOn = workingDays(closedReceived, 22);

  const forMotherReceived = calendarDays(today, -6);

  return [
    {
      complainantAccountId: people.janet,
      complainantName: 'Janet Hughes',
      receivedOn: yesterday,
      eventDate: calendarDays(yesterday, -3),
      whatHappened: `${demoLabel}

I went to the Emergency Department at Northvale General Hospital with a broken wrist. I waited almost nine hours to be seen. I know the department was very busy, and the staff I met were kind. But in all that time nobody told me how long the wait might be, and I was not offered a drink or anything for the pain until a nurse noticed I was in tears. I am 78 and I was frightened that I had been forgotten.`,
      whereHappened: 'Emergency Department, Northvale General Hospital',
      peopleInvolved: 'The nurse at the triage desk, and the nurse who found me in the evening (I did not catch her name)',
      outcomeWanted:
        'I would like to know why nobody checked on me. People who are waiting should be told roughly how long it will be, and offered water and pain relief.',
      actions: [],
    },
    {
      complainantAccountId: people.member,
      complainantName: people.memberName,
      receivedOn: twoWeeksAgo,
      eventDate: calendarDays(twoWeeksAgo, -5),
      whatHappened: `${demoLabel}

My appointment at the eye clinic has been cancelled three times since the spring. Each time the letter came a day before, or after the date had passed. Each time I had arranged time off work and a lift. When I phone the appointments line it rings for a long time and then cuts off. I have glaucoma and I am worried that my eyesight is getting worse while I wait.`,
      whereHappened: 'Eye clinic (ophthalmology outpatients), Northvale General Hospital, and the appointments line',
      peopleInvolved: 'The appointments team',
      outcomeWanted: 'A date for my check-up that will not be cancelled, and letters that arrive in good time.',
      actions: [
        ...acknowledgedThenInvestigated(twoWeeksAgo, workingDays(twoWeeksAgo, 25), workingDays(twoWeeksAgo, 2)),
        { step: 'recordSubjects', on: workingDays(twoWeeksAgo, 2), subjects: ['appointments', 'communication', 'waiting_times'] },
      ],
    },
    {
      complainantAccountId: people.daniel,
      complainantName: 'Daniel Okoro',
      receivedOn: overdueReceived,
      eventDate: calendarDays(overdueReceived, -12),
      whatHappened: `${demoLabel}

I had my knee replaced and was sent home two days later, on a Friday evening. I was told a physiotherapist would visit me at home the next week, but nobody came, and when I rang the ward they had no record of a referral. I was also sent home without the painkillers I had been told I would get, so my wife had to find an out-of-hours pharmacy that night. I struggled to do the exercises on my own and I am worried this has slowed my recovery.`,
      whereHappened: 'Ward 12 (orthopaedics), Northvale General Hospital',
      peopleInvolved: 'The ward staff on the day I went home, and the hospital pharmacy',
      outcomeWanted:
        'An explanation of what went wrong with the referral and the medicines, and an apology. I want to be sure it does not happen to the next person.',
      actions: [
        ...acknowledgedThenInvestigated(overdueReceived, missedDate, workingDays(overdueReceived, 3)),
        { step: 'recordSubjects', on: workingDays(overdueReceived, 3), subjects: ['admissions_and_discharge', 'prescribing', 'communication'] },
        { step: 'sendDelayLetter', on: workingDays(missedDate, 2), letter: delayLetter },
      ],
    },
    {
      complainantAccountId: people.janet,
      complainantName: 'Janet Hughes',
      receivedOn: closedReceived,
      eventDate: calendarDays(closedReceived, -20),
      whatHappened: `${demoLabel}

I stayed on Ward 5 for a week with a chest infection. My meals were often left on the table at the end of the bed where I could not reach them, and nobody noticed that I had not eaten. Twice at night I pressed my call bell and waited a long time for anyone to come. One night a nurse spoke to me sharply when I asked for help to get to the toilet, which upset me a great deal.`,
      whereHappened: 'Ward 5, Northvale General Hospital',
      peopleInvolved: 'The nurses on the night shift',
      outcomeWanted: 'For patients who cannot reach their food to be helped, and for call bells to be answered.',
      actions: [
        ...acknowledgedThenInvestigated(closedReceived, workingDays(closedReceived, 25), workingDays(closedReceived, 2)),
        {
          step: 'sendFinalResponse',
          on: answeredOn,
          outcome: 'partly_upheld',
          subjects: ['patient_care', 'staff_numbers', 'values_and_behaviours'],
          letter: finalResponse,
        },
        { step: 'close', on: workingDays(answeredOn, 5) },
      ],
    },
    {
      complainantAccountId: people.member,
      complainantName: people.memberName,
      forSomeoneElse: { personName: 'Edith Morris', consent: 'given' },
      receivedOn: forMotherReceived,
      eventDate: calendarDays(forMotherReceived, -16),
      whatHappened: `${demoLabel}

I am writing for my mother, Edith Morris, who is 86 and has asked me to complain for her. She was on Ward 3 at Eastmoor Community Hospital for ten days. She is hard of hearing, and her hearing aids went missing on her second day there. Nobody looked for them properly, so for the rest of her stay she could not follow what the doctors told her, and she became very low. The ward has told us they cannot find them, and new ones will take weeks.`,
      whereHappened: 'Ward 3, Eastmoor Community Hospital',
      peopleInvolved: 'The ward staff',
      outcomeWanted: 'Help to replace her hearing aids quickly, and for staff to keep patients’ hearing aids, glasses and dentures safe.',
      actions: [{ step: 'acknowledge', on: workingDays(forMotherReceived, 1), letter: defaultTemplates.acknowledgement }],
    },
  ];
}

/** The timeline event each step records (the same as manage.ts records). */
const eventOf = {
  acknowledge: 'acknowledged',
  startInvestigation: 'investigation_started',
  recordSubjects: 'subjects_recorded',
  sendDelayLetter: 'delay_letter_sent',
  sendFinalResponse: 'response_sent',
  close: 'closed',
} as const satisfies Partial<Record<Step, string>>;

const letterOf: Partial<Record<DemoAction['step'], LetterKind>> = {
  acknowledge: 'acknowledgement',
  sendDelayLetter: 'delay',
  sendFinalResponse: 'final_response',
};

/** Write one complaint and what the manager did with it, day by day, as the module's steps do. */
async function addComplaint(db: Db, organisationId: number, manager: Actor, reference: string, c: DemoComplaint): Promise<void> {
  const problems = checkComplaint(
    {
      organisationId: String(organisationId),
      whatHappened: c.whatHappened,
      eventDate: c.eventDate,
      whereHappened: c.whereHappened,
      peopleInvolved: c.peopleInvolved,
      outcomeWanted: c.outcomeWanted,
      complainantName: c.complainantName,
      forWhom: c.forSomeoneElse ? 'someone_else' : 'myself',
      personName: c.forSomeoneElse?.personName ?? '',
      consent: c.forSomeoneElse?.consent ?? '',
    },
    c.receivedOn,
  );
  if (Object.keys(problems).length) throw new Error(`demo complaint: ${JSON.stringify(problems)}`);
  const receivedAt = at(c.receivedOn, '18:40');
  const { id } = await db
    .insertInto('complaint')
    .values({
      reference,
      organisation_id: organisationId,
      complainant_account_id: c.complainantAccountId,
      complainant_name: c.complainantName,
      on_behalf: Boolean(c.forSomeoneElse),
      person_name: c.forSomeoneElse?.personName ?? null,
      consent_basis: c.forSomeoneElse?.consent ?? null,
      consent_recorded_at: c.forSomeoneElse ? receivedAt : null,
      what_happened: c.whatHappened,
      event_date: c.eventDate,
      where_happened: c.whereHappened,
      people_involved: c.peopleInvolved,
      outcome_wanted: c.outcomeWanted,
      received_on: c.receivedOn,
      late: isLate(c.eventDate, c.receivedOn),
      created_at: receivedAt,
      updated_at: receivedAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const event = (
    kind: (typeof eventOf)[keyof typeof eventOf] | 'received' | 'response_date_agreed',
    when: Date,
    onDate: string | null,
    accountId = manager.accountId,
  ) => db.insertInto('complaint_event').values({ complaint_id: id, kind, at: when, account_id: accountId, on_date: onDate, note: null }).execute();
  await event('received', receivedAt, c.receivedOn, c.complainantAccountId);

  let row = (await loadComplaintRow(db, id)) as ComplaintRow;
  let updatedAt = receivedAt;
  for (const action of c.actions) {
    const when = at(action.on, action.step === 'close' ? '15:20' : '10:15');
    const status = statusAfter(action.step, row.status);
    const changes: Partial<ComplaintRow> = { status };
    if (action.step === 'acknowledge') Object.assign(changes, { acknowledged_on: action.on, response_due: action.responseDate ?? row.response_due });
    if (action.step === 'sendFinalResponse') Object.assign(changes, { response_sent_on: action.on, outcome: action.outcome });
    if (action.step === 'close') changes.closed_on = action.on;
    if (action.step === 'acknowledge' && action.responseDate) await event('response_date_agreed', when, action.responseDate);
    // Each complaint records its subjects once (recordSubjects or the final response).
    if ('subjects' in action) {
      await db
        .insertInto('complaint_subject')
        .values(action.subjects.map((subject) => ({ complaint_id: id, subject })))
        .execute();
    }
    const kind = letterOf[action.step];
    if (kind && 'letter' in action) {
      // Filled in as on the day: an acknowledgement carries its own date and the date it agrees.
      const facts = action.step === 'acknowledge' ? { ...row, ...changes } : row;
      const errors: Record<string, string> = {};
      const body = finishLetter(kind, action.letter, await letterValues({ db }, manager, facts, action.on, facts.response_due), errors);
      if (Object.keys(errors).length) throw new Error(`demo letter: ${JSON.stringify(errors)}`);
      await db
        .insertInto('complaint_letter')
        .values({ complaint_id: id, kind, body, sent_on: action.on, account_id: manager.accountId, created_at: when })
        .execute();
    }
    const onDate = action.step === 'recordSubjects' ? null : action.on;
    await event(eventOf[action.step], when, onDate);
    row = { ...row, ...changes };
    updatedAt = when;
  }
  await db
    .updateTable('complaint')
    .set({
      status: row.status,
      acknowledged_on: row.acknowledged_on,
      response_due: row.response_due,
      response_sent_on: row.response_sent_on,
      outcome: row.outcome,
      closed_on: row.closed_on,
      updated_at: updatedAt,
    })
    .where('id', '=', id)
    .execute();
}

/** Two made-up patients, with passwords nobody knows: they are complainants, not demo sign-ins. */
async function demoPatients(db: Db): Promise<{ janet: number; daniel: number }> {
  const person = (email: string, name: string) => createVerifiedAccount(db, { email, name, password: crypto.randomBytes(24).toString('base64url') });
  return { janet: await person('janet.hughes@demo.involve.test', 'Janet Hughes'), daniel: await person('daniel.okoro@demo.involve.test', 'Daniel Okoro') };
}

async function loadComplaints({ db, id }: DemoContext): Promise<void> {
  const organisationId = id('organisation:acute');
  const manager: Actor = {
    accountId: id('account:complaints'),
    platformAdmin: false,
    organisationRoles: [{ organisationId, role: 'complaints_manager' }],
  };
  const patients = await demoPatients(db);
  const member = await contactOf(db, id('account:member'));
  const holidays = await extraHolidaysOf(db, organisationId);
  const complaints = demoComplaints(ukDate(new Date()), { ...patients, member: id('account:member'), memberName: member.name }, holidays);
  const references = new Set<string>();
  while (references.size < complaints.length) references.add(newReference());
  for (const [i, complaint] of complaints.entries()) await addComplaint(db, organisationId, manager, [...references][i] as string, complaint);
}

export const complaintsDemo: DemoStep[] = [{ stage: 3, load: loadComplaints }];
