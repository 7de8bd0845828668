// The meetings module's part of the demo: the integrated care board's next meeting in public (an
// agenda with a public and a private part, papers published, questions from the public, two of them
// answered, and people registered with their access needs), its last meeting (minutes, and decisions
// per item recorded in the trail through the decisions module, one informed by the evening GP
// appointments consultation), and a patient participation group's meeting.
import type { Db } from '../../platform/database.js';
import type { DemoContext, DemoStep } from '../../platform/module.js';
import { listConsultations } from '../consultations/service.js';
import { recordItemDecision } from './agenda.js';
import type { Actor } from './policy.js';
import { fromLondon, londonParts, questionDeadline } from './rules.js';
import type { ItemPart, ItemPurpose } from './schema.js';

/** 'YYYY-MM-DD' in England, some days from now. */
const dayFromNow = (days: number) => londonParts(new Date(Date.now() + days * 86_400_000)).date;

interface DemoItem {
  title: string;
  presenter: string;
  purpose: ItemPurpose;
  part: ItemPart;
  papers?: string[];
  minutes?: string;
}

async function addMeeting(
  db: Db,
  input: { bodyId: number; organisationId: number; createdBy: number; title: string; summary: string; day: string; start: string; end: string },
  extra: { venue: string | null; onlineUrl: string | null; access: string; capacity: number | null; status: 'scheduled' | 'held'; published: boolean },
  items: DemoItem[],
) {
  const startsAt = fromLondon(input.day, input.start) as Date;
  const meeting = await db
    .insertInto('meeting')
    .values({
      body_id: input.bodyId,
      organisation_id: input.organisationId,
      title: input.title,
      summary: input.summary,
      starts_at: startsAt,
      ends_at: fromLondon(input.day, input.end) as Date,
      venue: extra.venue,
      online_url: extra.onlineUrl,
      access_arrangements: extra.access,
      status: extra.status,
      question_working_days: 2,
      question_deadline: questionDeadline(startsAt, 2),
      capacity: extra.capacity,
      papers_published_at: extra.published ? new Date() : null,
      created_by_account_id: input.createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const itemIds: number[] = [];
  for (const [i, item] of items.entries()) {
    const row = await db
      .insertInto('meeting_item')
      .values({
        meeting_id: meeting.id,
        position: i + 1,
        title: item.title,
        presenter: item.presenter,
        purpose: item.purpose,
        part: item.part,
        minutes: item.minutes ?? '',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    itemIds.push(row.id);
    for (const title of item.papers ?? []) {
      const content = Buffer.from(
        `${title}\n\n${input.title}, item ${i + 1}: ${item.title}.\n\nThis is a demonstration paper: the health system it describes is made up.\n`,
      );
      await db
        .insertInto('meeting_paper')
        .values({
          meeting_id: meeting.id,
          item_id: row.id,
          title,
          file_name: `${title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}.txt`,
          content_type: 'text/plain; charset=utf-8',
          content,
          size_bytes: content.length,
          published_at: extra.published && item.part === 'public' ? new Date() : null,
        })
        .execute();
    }
  }
  return { id: meeting.id, itemIds };
}

const boardAccess =
  'Step-free entrance from the car park; hearing loop in the chamber; British Sign Language interpreter and large print papers on request (ask 5 working days ahead); accessible toilets on the ground floor.';

async function loadMeetings({ db, id }: DemoContext): Promise<void> {
  const icb = id('organisation:icb');
  const orgAdmin = id('account:orgAdmin');
  const board = { bodyId: id('body:icbBoard'), organisationId: icb, createdBy: orgAdmin };

  // ---- the board's next meeting ----
  const next = await addMeeting(
    db,
    {
      ...board,
      title: 'Board meeting in public',
      summary: 'The board’s bimonthly meeting: winter urgent care, patient experience and the year’s finances.',
      day: dayFromNow(21),
      start: '14:00',
      end: '16:30',
    },
    {
      venue: 'Council Chamber, Northvale Town Hall, Market Square, Northvale NV1 1AA',
      onlineUrl: 'https://meet.example.org/demo-icb-board',
      access: boardAccess,
      capacity: 40,
      status: 'scheduled',
      published: true,
    },
    [
      { title: 'Welcome, apologies and declarations of interest', presenter: 'Chair', purpose: 'information', part: 'public' },
      { title: 'Questions from the public', presenter: 'Chair', purpose: 'discussion', part: 'public' },
      {
        title: 'Winter urgent care plan',
        presenter: 'Director of Urgent Care',
        purpose: 'decision',
        part: 'public',
        papers: ['Winter urgent care plan', 'Winter plan: easy read summary'],
      },
      {
        title: 'Patient experience report',
        presenter: 'Director of Nursing',
        purpose: 'information',
        part: 'public',
        papers: ['Patient experience report, quarter 2'],
      },
      { title: 'Finance report', presenter: 'Chief Finance Officer', purpose: 'discussion', part: 'public', papers: ['Finance report, month 7'] },
      {
        title: 'Sale of the Westgate clinic site',
        presenter: 'Director of Estates',
        purpose: 'decision',
        part: 'private',
        papers: ['Westgate site: valuation and offers'],
      },
      {
        title: 'Contract award: community diagnostics',
        presenter: 'Chief Finance Officer',
        purpose: 'decision',
        part: 'private',
        papers: ['Diagnostics tender evaluation'],
      },
    ],
  );
  const answered = new Date(Date.now() - 86_400_000);
  await db
    .insertInto('meeting_question')
    .values([
      {
        meeting_id: next.id,
        name: 'Margaret Ellis',
        email: 'margaret.ellis@example.org',
        question: 'Will the minor injuries unit in Eastmoor stay open in the evenings over winter?',
        status: 'accepted',
        answer: 'Yes. The winter plan (item 3) keeps the Eastmoor unit open until 8pm every day from November to March.',
        answered_at: answered,
        moderated_by_account_id: orgAdmin,
      },
      {
        meeting_id: next.id,
        name: 'Tomasz Nowak',
        email: 'tomasz.nowak@example.org',
        question: 'How many people waited more than 12 hours in A&E last month, and what is being done about it?',
        status: 'accepted',
        answer:
          'In October 214 people waited more than 12 hours. The winter plan adds 30 community beds so people can leave hospital sooner, which frees beds for those waiting.',
        answered_at: answered,
        moderated_by_account_id: orgAdmin,
      },
      {
        meeting_id: next.id,
        name: 'Priya Shah',
        email: 'priya.shah@example.org',
        question: 'Can the board papers be published in easy read as well?',
        status: 'submitted',
      },
    ])
    .execute();
  await db
    .insertInto('meeting_registration')
    .values([
      {
        meeting_id: next.id,
        name: 'Margaret Ellis',
        email: 'margaret.ellis@example.org',
        attendance: 'in_person',
        access_needs: 'Wheelchair user: a space near the door, please.',
      },
      { meeting_id: next.id, name: 'Sam Okafor', email: 'sam.okafor@example.org', attendance: 'in_person', access_needs: 'British Sign Language interpreter' },
      { meeting_id: next.id, name: 'Tomasz Nowak', email: 'tomasz.nowak@example.org', attendance: 'online', access_needs: '' },
      { meeting_id: next.id, name: 'Jean Barker', email: 'jean.barker@example.org', attendance: 'in_person', access_needs: 'Large print papers' },
    ])
    .execute();
  await db.updateTable('meeting').set({ places_taken: 3 }).where('id', '=', next.id).execute();

  // ---- the board's last meeting: minutes, and decisions through the trail ----
  const last = await addMeeting(
    db,
    {
      ...board,
      title: 'Board meeting in public',
      summary: 'Evening GP appointments after the consultation, and the winter urgent care plan.',
      day: dayFromNow(-50),
      start: '14:00',
      end: '16:00',
    },
    {
      venue: 'Council Chamber, Northvale Town Hall, Market Square, Northvale NV1 1AA',
      onlineUrl: null,
      access: boardAccess,
      capacity: null,
      status: 'held',
      published: true,
    },
    [
      {
        title: 'Welcome and apologies',
        presenter: 'Chair',
        purpose: 'information',
        part: 'public',
        minutes: 'The chair welcomed 23 members of the public. Apologies from the Director of Nursing.',
      },
      {
        title: 'Evening GP appointments: the consultation’s outcome',
        presenter: 'Director of Primary Care',
        purpose: 'decision',
        part: 'public',
        papers: ['Evening appointments: we asked, you said, we did'],
        minutes:
          'The board heard the outcome of the consultation: most people who answered would use evening appointments, and two evenings fit the staff practices have. Members asked about Saturday mornings.',
      },
      {
        title: 'Winter urgent care plan: first reading',
        presenter: 'Director of Urgent Care',
        purpose: 'decision',
        part: 'public',
        papers: ['Winter urgent care plan, draft'],
        minutes: 'The board discussed the draft plan and asked for the Eastmoor unit’s evening hours to be kept.',
      },
      {
        title: 'Pay award for practice staff',
        presenter: 'Chief Finance Officer',
        purpose: 'decision',
        part: 'private',
        minutes: 'Discussed in private: commercially confidential.',
      },
    ],
  );
  const admin: Actor = { accountId: orgAdmin, platformAdmin: false, organisationRoles: [{ organisationId: icb, role: 'admin' }] };
  const consultation = (await listConsultations(db, { organisationId: icb, pageSize: 100 })).items.find((c) => c.title === 'Demo: Evening GP appointments');
  await recordItemDecision({ db }, admin, last.id, last.itemIds[1] as number, {
    decided: 'The board accepts the consultation’s findings: practices open until 8pm on Tuesdays and Thursdays, and Saturday mornings are reviewed in a year.',
    reasons: 'Most people who answered would use evening appointments; practices have the staff for two evenings.',
    consultationIds: consultation ? [consultation.id] : [],
  });
  await recordItemDecision({ db }, admin, last.id, last.itemIds[2] as number, {
    decided: 'The draft winter plan goes ahead to final approval at the next meeting, keeping the Eastmoor unit open until 8pm.',
    reasons: 'Keeping evening minor injuries care near Eastmoor eases pressure on A&E.',
    consultationIds: [],
  });

  // ---- a patient participation group ----
  await addMeeting(
    db,
    {
      bodyId: id('body:pMillbrookPpg'),
      organisationId: id('organisation:pMillbrook'),
      createdBy: orgAdmin,
      title: 'Patient group meeting',
      summary: 'Open to every patient of the practice: the new phone system and flu clinics.',
      day: dayFromNow(35),
      start: '18:00',
      end: '19:30',
    },
    {
      venue: 'Millbrook Medical Centre, waiting room (ground floor)',
      onlineUrl: 'https://meet.example.org/demo-millbrook-ppg',
      access: 'Step-free; hearing loop at reception.',
      capacity: 20,
      status: 'scheduled',
      published: true,
    },
    [
      {
        title: 'The new phone system: what patients say',
        presenter: 'Practice manager',
        purpose: 'discussion',
        part: 'public',
        papers: ['Phone system survey results'],
      },
      { title: 'Flu clinics this autumn', presenter: 'Practice nurse', purpose: 'information', part: 'public' },
    ],
  );
}

export const meetingsDemo: DemoStep[] = [{ stage: 3, load: loadMeetings }];
