// The complaints module's part of the demo: made-up complaints to the two demo trusts, Northvale
// Hospitals and Eastmoor Community and Mental Health, in every status at each, dated from today so
// they always look current — received yesterday, acknowledged, under investigation (one past its
// agreed response date, with a letter about the delay), answered, closed, and referred to the
// Ombudsman after closing; one is made for someone else. The demo complaints manager manages both
// trusts' complaints. Each is written as the module's own steps would have written it: the
// status moves by the timeline's rules, the events and letters are dated on their days, and the
// letters are filled in and checked as the manager's forms do. No mail is queued (it would all be
// old news) and no reminders are recorded: the reminder job sends what is due when Involve starts.
import crypto from 'node:crypto';
import type { Db } from '../../platform/database.js';
import type { DemoContext, DemoStep } from '../../platform/module.js';
import { createVerifiedAccount, grantRoleDirect } from '../accounts/service.js';
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
  | { step: 'referToOmbudsman'; referredOn: string; note: string }
);

interface DemoComplaint {
  organisation: 'acute' | 'community';
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

/** A final response in the module's three parts, as a manager fills in the template's guidance. */
const finalResponseLetter = (toldUs: string, found: string, done: string) => `Dear {{complainant_name}},

Your complaint, reference {{reference}}

Thank you for your complaint, which we received on {{received_date}}. This letter is our final response.

What you told us
${toldUs}

What we found
${found}

What we have done
${done}

Yours sincerely,

{{manager_name}}
Complaints manager, {{organisation_name}}`;

type DemoPeople = { member: number; janet: number; daniel: number; priya: number; tom: number; memberName: string };

/** The complaints, their days counted back from today on the working-day calendar. */
function demoComplaints(today: string, people: DemoPeople, holidays: ReadonlySet<string>): DemoComplaint[] {
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

  // Answered a week ago and not yet closed; and closed, then taken to the Ombudsman.
  const answeredReceived = calendarDays(today, -40);
  const answeredRecently = workingDays(today, -5);
  const referredReceived = calendarDays(today, -200);
  const referredAnswered = workingDays(referredReceived, 24);
  const referredClosed = workingDays(referredAnswered, 5);
  const referredOn = calendarDays(referredClosed, 30);

  return [
    {
      organisation: 'acute',
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
      organisation: 'acute',
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
      organisation: 'acute',
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
      organisation: 'acute',
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
      organisation: 'acute',
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

    {
      organisation: 'acute',
      complainantAccountId: people.priya,
      complainantName: 'Priya Shah',
      receivedOn: answeredReceived,
      eventDate: calendarDays(answeredReceived, -9),
      whatHappened: `${demoLabel}

After my baby was born by caesarean section my husband was sent home at 8pm, although the ward had told us partners could stay. I could not lift my baby out of the cot on my own, and when I pressed the call bell at night it took a long time for anyone to come.`,
      whereHappened: 'Maternity ward, Northvale General Hospital',
      peopleInvolved: 'The midwife in charge that evening',
      outcomeWanted: 'For partners to be allowed to stay as the leaflet says, and an apology.',
      actions: [
        ...acknowledgedThenInvestigated(answeredReceived, workingDays(answeredReceived, 25), workingDays(answeredReceived, 2)),
        {
          step: 'sendFinalResponse',
          on: answeredRecently,
          outcome: 'upheld',
          subjects: ['communication', 'privacy_dignity_wellbeing'],
          letter: finalResponseLetter(
            'You told us that your husband was asked to leave the maternity ward at 8pm after your caesarean section, although our leaflet says partners may stay, and that you waited a long time for help at night.',
            'The ward was following an old rule from the pandemic that should have been taken away. Staff were not sure which rule applied, and we had not told them clearly. We have upheld your complaint.',
            'We are very sorry. Every maternity ward now lets one partner stay overnight, and the midwives have been told so in writing. The leaflet and the ward’s notices now say the same thing.',
          ),
        },
      ],
    },
    {
      organisation: 'acute',
      complainantAccountId: people.tom,
      complainantName: 'Tom Bennett',
      receivedOn: referredReceived,
      eventDate: calendarDays(referredReceived, -30),
      whatHappened: `${demoLabel}

I went to my GP with pain in my side, was sent to the hospital for a scan, and was told it was nothing serious. Four months later I was told I had a kidney stone that had been on the first scan. I believe it was missed and I was in pain for months that I need not have been.`,
      whereHappened: 'Radiology and urology outpatients, Northvale General Hospital',
      peopleInvolved: 'The doctor who reported my first scan',
      outcomeWanted: 'To know whether the stone was missed, and for someone to say so if it was.',
      actions: [
        ...acknowledgedThenInvestigated(referredReceived, workingDays(referredReceived, 25), workingDays(referredReceived, 2)),
        {
          step: 'sendFinalResponse',
          on: referredAnswered,
          outcome: 'not_upheld',
          subjects: ['clinical_treatment'],
          letter: finalResponseLetter(
            'You told us that you believe a kidney stone was missed on your first scan, and that you were in pain for four months as a result.',
            'Two consultant radiologists who had not seen your scans before looked at both of them. They found that the stone could not be seen on the first scan: it was too small then, and it grew afterwards. So we have not upheld your complaint, though we understand how hard those months were.',
            'We are sorry you were in pain for so long. Your consultant has offered to meet you to go through both scans with you.',
          ),
        },
        { step: 'close', on: referredClosed },
        {
          step: 'referToOmbudsman',
          on: calendarDays(referredOn, 3),
          referredOn,
          note: 'The Ombudsman has asked for our file; sent with the two radiologists’ reports.',
        },
      ],
    },
    ...eastmoorComplaints(today, people, workingDays),
  ];
}

/** One complaint in each status to the community and mental health trust. */
function eastmoorComplaints(today: string, people: DemoPeople, workingDays: (date: string, n: number) => string): DemoComplaint[] {
  const acknowledged = (received: string, responseDate?: string): DemoAction => ({
    step: 'acknowledge',
    on: workingDays(received, 1),
    ...(responseDate ? { responseDate } : {}),
    letter: defaultTemplates.acknowledgement,
  });
  const base = (complainant: 'janet' | 'daniel' | 'priya' | 'tom', receivedDaysAgo: number, eventDaysBefore: number) => {
    const receivedOn = calendarDays(today, -receivedDaysAgo);
    const names = { janet: 'Janet Hughes', daniel: 'Daniel Okoro', priya: 'Priya Shah', tom: 'Tom Bennett' };
    return {
      organisation: 'community' as const,
      complainantAccountId: people[complainant],
      complainantName: names[complainant],
      receivedOn,
      eventDate: calendarDays(receivedOn, -eventDaysBefore),
    };
  };
  const received = base('tom', 1, 2);
  const acknowledgedOnly = base('priya', 4, 10);
  const investigated = base('janet', 10, 14);
  const answered = base('daniel', 45, 20);
  const closed = base('priya', 120, 30);
  const referred = base('janet', 240, 40);
  const answeredOn = workingDays(today, -3);
  const closedAnswered = workingDays(closed.receivedOn, 20);
  const referredAnswered = workingDays(referred.receivedOn, 25);
  const referredClosed = workingDays(referredAnswered, 4);
  const referredOn = calendarDays(referredClosed, 40);
  const investigate = (c: { receivedOn: string }): DemoAction[] => [
    acknowledged(c.receivedOn, workingDays(c.receivedOn, 30)),
    { step: 'startInvestigation', on: workingDays(c.receivedOn, 3) },
  ];
  return [
    {
      ...received,
      whatHappened: `${demoLabel}

My son rang the mental health crisis line three times on a Sunday night. Twice nobody answered, and the third time he was told someone would ring back within the hour. Nobody did. He is safe now, but we were very frightened.`,
      whereHappened: 'Mental health crisis line',
      peopleInvolved: 'The crisis team on duty that night',
      outcomeWanted: 'To know why the calls were not answered, and that the line will be answered next time.',
      actions: [],
    },
    {
      ...acknowledgedOnly,
      whatHappened: `${demoLabel}

My father has been waiting eleven months for a wheelchair assessment. He cannot leave the house without one and has missed two family funerals. Each time I ring I am told he is on the list.`,
      whereHappened: 'Wheelchair service, Eastmoor',
      peopleInvolved: 'The wheelchair service',
      outcomeWanted: 'An assessment date, and an honest idea of how long the wait really is.',
      actions: [acknowledged(acknowledgedOnly.receivedOn)],
    },
    {
      ...investigated,
      whatHappened: `${demoLabel}

The district nurses are meant to dress the ulcer on my leg twice a week. Over the last month they missed four visits without telling me, and my leg has become infected.`,
      whereHappened: 'District nursing, Eastmoor south team',
      peopleInvolved: 'The district nursing team',
      outcomeWanted: 'Visits that happen when they are booked, and a phone call when they cannot.',
      actions: [
        ...investigate(investigated),
        { step: 'recordSubjects', on: workingDays(investigated.receivedOn, 3), subjects: ['patient_care', 'staff_numbers', 'communication'] },
      ],
    },
    {
      ...answered,
      whatHappened: `${demoLabel}

I was discharged from the podiatry clinic by letter after missing one appointment, although I had rung the day before to say I was in hospital. I have diabetes and need my feet checked.`,
      whereHappened: 'Podiatry clinic, Eastmoor Health Centre',
      peopleInvolved: 'The podiatry booking team',
      outcomeWanted: 'To be put back on the clinic’s list.',
      actions: [
        ...investigate(answered),
        {
          step: 'sendFinalResponse',
          on: answeredOn,
          outcome: 'upheld',
          subjects: ['appointments', 'admin_policies'],
          letter: finalResponseLetter(
            'You told us that you were discharged from our podiatry clinic after missing an appointment, although you had rung the day before to tell us you were in hospital.',
            'Your call was logged but the message did not reach the clinic, and the clinic discharged you under its rule for missed appointments. We have upheld your complaint.',
            'We are sorry. You are back on the clinic’s list and have an appointment. The clinic now checks the message log before it discharges anyone, and never discharges someone with diabetes without a call first.',
          ),
        },
      ],
    },
    {
      ...closed,
      whatHappened: `${demoLabel}

My daughter, who is 15, waited five months for a first appointment with the children’s mental health service. In that time nobody contacted us to check how she was.`,
      whereHappened: 'Children and young people’s mental health service',
      peopleInvolved: 'The referrals team',
      outcomeWanted: 'Regular contact while children wait, and a shorter wait.',
      actions: [
        ...investigate(closed),
        {
          step: 'sendFinalResponse',
          on: closedAnswered,
          outcome: 'partly_upheld',
          subjects: ['waiting_times', 'communication'],
          letter: finalResponseLetter(
            'You told us that your daughter waited five months for her first appointment and that nobody contacted you while she waited.',
            'The wait was longer than it should have been because two of our clinicians left and were not replaced for some months; we cannot shorten it quickly. But we should have checked in with you while you waited, and we did not. So we have partly upheld your complaint.',
            'We are sorry. Everyone waiting for the service now gets a phone call every four weeks, and a number to ring if things get worse.',
          ),
        },
        { step: 'close', on: workingDays(closedAnswered, 5) },
      ],
    },
    {
      ...referred,
      whatHappened: `${demoLabel}

My husband was detained under the Mental Health Act and taken to Moorside ward. We were not told where he was for two days, and nobody explained his rights to him or to me as his nearest relative.`,
      whereHappened: 'Moorside ward, Eastmoor',
      peopleInvolved: 'The ward team and the approved mental health professional',
      outcomeWanted: 'An explanation, and for families to be told where their relative is.',
      actions: [
        ...investigate(referred),
        {
          step: 'sendFinalResponse',
          on: referredAnswered,
          outcome: 'partly_upheld',
          subjects: ['mental_health_act', 'communication'],
          letter: finalResponseLetter(
            'You told us that you were not told for two days where your husband had been taken, and that nobody explained his rights to him or to you as his nearest relative.',
            'His records show that his rights were explained to him on the day he arrived, and again the next day. But nobody rang you, which the ward should have done. So we have partly upheld your complaint.',
            'We are sorry. The ward now rings the nearest relative on the day someone is admitted, and records the call.',
          ),
        },
        { step: 'close', on: referredClosed },
        {
          step: 'referToOmbudsman',
          on: calendarDays(referredOn, 2),
          referredOn,
          note: 'The complainant has asked the Ombudsman to look at what her husband was told about his rights.',
        },
      ],
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
  referToOmbudsman: 'referred_to_ombudsman',
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
    note: string | null = null,
  ) => db.insertInto('complaint_event').values({ complaint_id: id, kind, at: when, account_id: accountId, on_date: onDate, note }).execute();
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
    if (action.step === 'referToOmbudsman') changes.ombudsman_referred_on = action.referredOn;
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
    const onDate = action.step === 'recordSubjects' ? null : action.step === 'referToOmbudsman' ? action.referredOn : action.on;
    await event(eventOf[action.step], when, onDate, manager.accountId, action.step === 'referToOmbudsman' ? action.note : null);
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
      ombudsman_referred_on: row.ombudsman_referred_on,
      updated_at: updatedAt,
    })
    .where('id', '=', id)
    .execute();
}

/** Four made-up patients, with passwords nobody knows: they are complainants, not demo sign-ins. */
async function demoPatients(db: Db): Promise<{ janet: number; daniel: number; priya: number; tom: number }> {
  const person = (email: string, name: string) => createVerifiedAccount(db, { email, name, password: crypto.randomBytes(24).toString('base64url') });
  return {
    janet: await person('janet.hughes@demo.involve.test', 'Janet Hughes'),
    daniel: await person('daniel.okoro@demo.involve.test', 'Daniel Okoro'),
    priya: await person('priya.shah@demo.involve.test', 'Priya Shah'),
    tom: await person('tom.bennett@demo.involve.test', 'Tom Bennett'),
  };
}

async function loadComplaints({ db, id }: DemoContext): Promise<void> {
  const organisationIds = { acute: id('organisation:acute'), community: id('organisation:community') };
  const accountId = id('account:complaints');
  // The demo complaints manager (granted Northvale Hospitals with the sign-ins) manages Eastmoor's too,
  // so that one sign-in shows the case list across two trusts.
  await grantRoleDirect(db, accountId, 'complaints_manager', organisationIds.community);
  const manager: Actor = {
    accountId,
    platformAdmin: false,
    organisationRoles: Object.values(organisationIds).map((organisationId) => ({ organisationId, role: 'complaints_manager' as const })),
  };
  const patients = await demoPatients(db);
  const member = await contactOf(db, id('account:member'));
  // Both trusts follow the same working-day calendar in the demo (no extra holidays are set at load).
  const holidays = await extraHolidaysOf(db, organisationIds.acute);
  const complaints = demoComplaints(ukDate(new Date()), { ...patients, member: id('account:member'), memberName: member.name }, holidays);
  const references = new Set<string>();
  while (references.size < complaints.length) references.add(newReference());
  for (const [i, complaint] of complaints.entries()) {
    await addComplaint(db, organisationIds[complaint.organisation], manager, [...references][i] as string, complaint);
  }
}

export const complaintsDemo: DemoStep[] = [{ stage: 3, load: loadComplaints }];
