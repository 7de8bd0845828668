// The assemblies' work in the demo, after their panels are drawn and confirmed (demo.ts):
// - the jury: four Saturday sessions in the last five weeks with evidence papers and speakers, a
//   document for members only, and four recommendations the members voted on (support from strong
//   to split), published last week; the care board has answered three (accepted, accepted in part,
//   not accepted, each a decision with its actions on the accountability trail), the fourth awaits
//   its answer;
// - the standing assembly: an evening meeting last summer on the board's plan, and two
//   recommendations published then, one answered and one whose answer is overdue.
// Written through the service as the organisation's admin; the members' votes go straight in (the
// demo's made-up volunteers have no accounts to sign in with).
import type { Db } from '../../platform/database.js';
import type { DemoContext, DemoStep } from '../../platform/module.js';
import { todayInEngland } from '../../platform/web/forms.js';
import type { Actor } from './policy.js';
import type { SupportLevel } from './schema.js';
import {
  type AnswerInput,
  addDocument,
  addSession,
  answerRecommendation,
  daysAfter,
  draftRecommendation,
  openVoting,
  publishRecommendations,
} from './service.js';

interface DemoSession {
  days: number;
  time: string;
  title: string;
  venue: string;
  summary: string;
  evidence: Array<{ title: string; speaker: string; body: string; url: string }>;
}

interface DemoRecommendation {
  title: string;
  text: string;
  /** Of a panel of 24: how many support and oppose (the rest abstain). */
  votes: [support: number, oppose: number];
  answer: AnswerInput | null;
}

const venue = 'Millbrook Community Centre, Mill Lane, Northvale';

const jurySessions: DemoSession[] = [
  {
    days: -33,
    time: '10:00',
    title: 'Welcome, and how urgent care works now',
    venue,
    summary:
      'Members met, agreed how they would work together, and heard how people reach urgent care today: NHS 111, GP practices, pharmacies, the urgent treatment centre and A&E.',
    evidence: [
      {
        title: 'Urgent care in Northvale in numbers',
        speaker: 'Head of urgent care, the integrated care board',
        body: 'About 600 people a day use urgent care in Northvale. Four in ten of those who go to A&E at Northvale General could have been seen in a GP practice, a pharmacy or the urgent treatment centre. Waits are longest on Monday mornings and Sunday evenings.',
        url: '',
      },
    ],
  },
  {
    days: -26,
    time: '10:00',
    title: 'Hearing the evidence: patients and staff',
    venue,
    summary: 'People who had used urgent care, a paramedic and a GP receptionist told their stories; members asked questions.',
    evidence: [
      {
        title: 'What people told Healthwatch about urgent care',
        speaker: 'Healthwatch Northvale and Eastmoor',
        body: 'Of 640 people asked, most did not know which service to go to; people who do not speak English well, and carers, found 111 hardest to use; many went to A&E because it was the only place they were sure would be open.',
        url: 'https://example.org/healthwatch-urgent-care.pdf',
      },
      {
        title: 'A night on the ambulance',
        speaker: 'A paramedic of the regional ambulance service',
        body: 'One in five calls on a typical night shift is for something a GP or pharmacist could have dealt with, often because people could not reach either.',
        url: '',
      },
    ],
  },
  {
    days: -19,
    time: '10:00',
    title: 'Hearing the evidence: other ways of doing it',
    venue,
    summary: 'How other places organise urgent care, and what it would cost.',
    evidence: [
      {
        title: 'Urgent treatment centres elsewhere',
        speaker: 'A researcher in health services',
        body: 'Places that brought walk-in services under one roof, open 8am to 10pm, saw fewer visits to A&E for minor illness, but only where people were told clearly where to go.',
        url: 'https://example.org/urgent-treatment-centres.pdf',
      },
    ],
  },
  {
    days: -12,
    time: '10:00',
    title: 'Deliberation and recommendations',
    venue,
    summary: 'Members weighed the evidence in small groups, wrote their recommendations and voted on each one.',
    evidence: [],
  },
];

const juryRecommendations: DemoRecommendation[] = [
  {
    title: 'One number, one place to ask',
    text: 'Make 111 the one number for urgent care in Northvale, answered in the caller’s own language, with a call back within an hour for anyone told to wait.',
    votes: [22, 1],
    answer: {
      answer: 'accept',
      reasons: 'The board agrees: one number is simpler, and interpreters are already on call for 111.',
      actions: 'Make 111 the number on every urgent care leaflet and website\nCall back within an hour anyone told to wait, from April',
    },
  },
  {
    title: 'An urgent treatment centre in Castle Hill, open until 10pm',
    text: 'Open a second urgent treatment centre, in Castle Hill, from 8am to 10pm every day, where people can walk in without an appointment.',
    votes: [17, 4],
    answer: {
      answer: 'accept_in_part',
      reasons: 'Longer opening at the existing centre is affordable this year; a second centre in Castle Hill is not, until the new health centre there opens.',
      actions: 'Open the urgent treatment centre at Northvale General until 10pm every day\nReport on a site in Castle Hill within a year',
    },
  },
  {
    title: 'Free parking at urgent care for carers',
    text: 'Let carers and people bringing a child park free at every urgent care site.',
    votes: [12, 9],
    answer: {
      answer: 'not_accept',
      reasons: 'Parking at Northvale General is run by the trust under a contract that runs to 2029; the board will ask the trust to look again when it ends.',
      actions: '',
    },
  },
  {
    title: 'Tell people where to go, in plain words',
    text: 'Write to every household once a year, in plain English and the main languages of Northvale, saying where to go for what, and put the same in every GP practice and pharmacy.',
    votes: [19, 2],
    answer: null,
  },
];

const standingSessions: DemoSession[] = [
  {
    days: -130,
    time: '18:30',
    title: 'The board’s plan for the year',
    venue: 'Online, and at the care board’s offices',
    summary: 'Members heard the care board’s draft plan for the year and agreed the advice they would give on it.',
    evidence: [
      {
        title: 'The draft plan in brief',
        speaker: 'Director of strategy, the integrated care board',
        body: 'Three priorities: shorter waits for planned operations, more care closer to home, and preventing ill health in the neighbourhoods where people die youngest.',
        url: '',
      },
    ],
  },
];

const standingRecommendations: DemoRecommendation[] = [
  {
    title: 'Publish waiting times by neighbourhood',
    text: 'Publish, every month, how long people wait for planned operations in each neighbourhood, so that unequal waits can be seen and put right.',
    votes: [21, 2],
    answer: {
      answer: 'accept',
      reasons: 'The board agrees that waits should be seen neighbourhood by neighbourhood.',
      actions: 'Publish monthly waiting times by neighbourhood on the board’s website',
    },
  },
  {
    title: 'Community transport to hospital appointments',
    text: 'Fund community transport to hospital appointments for people without a car in Eastmoor and Fellside.',
    votes: [16, 5],
    answer: null, // not answered: overdue
  },
];

/** A member's view: of a panel of 24, the first `support` support, the next `oppose` oppose, the rest abstain (who is who turns with r). */
function levelOf(memberIndex: number, members: number, votes: [number, number], r: number): SupportLevel {
  const position = ((memberIndex + r * 5) % members) * (24 / members);
  if (position < votes[0]) return 'support';
  if (position < votes[0] + votes[1]) return 'oppose';
  return 'abstain';
}

/**
 * The sessions and their evidence, and the recommendations drafted, voted on by `voters` (member
 * ids), published `publishedDaysAgo` days ago with the answer due then, and answered where given.
 */
async function loadWork(
  db: Db,
  admin: Actor,
  assemblyId: number,
  work: { sessions: DemoSession[]; recommendations: DemoRecommendation[]; voters: number[]; publishedDaysAgo: number },
): Promise<void> {
  const deps = { db };
  const today = todayInEngland();
  for (const s of work.sessions) {
    const sessionId = await addSession(deps, admin, assemblyId, {
      title: s.title,
      startsAt: `${daysAfter(today, s.days)}T${s.time}`,
      venue: s.venue,
      summary: s.summary,
    });
    for (const e of s.evidence) await addDocument(deps, admin, assemblyId, { kind: 'evidence', sessionId, ...e });
  }
  const recIds: number[] = [];
  for (const [r, rec] of work.recommendations.entries()) {
    const recId = await draftRecommendation(deps, admin, assemblyId, { title: rec.title, text: rec.text });
    await openVoting(deps, admin, recId);
    if (work.voters.length)
      await db
        .insertInto('assembly_recommendation_vote')
        .values(work.voters.map((memberId, i) => ({ recommendation_id: recId, member_id: memberId, level: levelOf(i, work.voters.length, rec.votes, r) })))
        .execute();
    recIds.push(recId);
  }
  await publishRecommendations(deps, admin, assemblyId);
  // Published some days ago: the answer was due the assembly's answer days after that.
  const published = daysAfter(today, -work.publishedDaysAgo);
  const { answer_days } = await db.selectFrom('assembly').select('answer_days').where('id', '=', assemblyId).executeTakeFirstOrThrow();
  await db
    .updateTable('assembly_recommendation')
    .set({ published_at: new Date(`${published}T12:00:00Z`), answer_due: daysAfter(published, answer_days) })
    .where('id', 'in', recIds)
    .execute();
  for (const [r, rec] of work.recommendations.entries()) {
    const recId = recIds[r];
    if (rec.answer && recId) await answerRecommendation(deps, admin, recId, { ...rec.answer, actionsDue: daysAfter(today, 180) });
  }
}

/** The demo organisation's admin (the demo account with that role), for the assembly's organisation. */
async function adminOf(db: Db, accountId: number, assemblyId: number): Promise<Actor> {
  const { organisation_id } = await db.selectFrom('assembly').select('organisation_id').where('id', '=', assemblyId).executeTakeFirstOrThrow();
  return { accountId, platformAdmin: false, organisationRoles: [{ organisationId: organisation_id, role: 'admin' }] };
}

async function loadAssemblyWork({ db, id }: DemoContext): Promise<void> {
  const juryId = id('assembly:jury');
  const admin = await adminOf(db, id('account:orgAdmin'), juryId);
  const juryMembers = await db
    .selectFrom('assembly_member')
    .select('id')
    .where('assembly_id', '=', juryId)
    .where('status', '=', 'confirmed')
    .orderBy('id')
    .execute();
  await loadWork(db, admin, juryId, {
    sessions: jurySessions,
    recommendations: juryRecommendations,
    voters: juryMembers.map((m) => m.id),
    publishedDaysAgo: 8,
  });
  const lastSession = await db
    .selectFrom('assembly_session')
    .select('id')
    .where('assembly_id', '=', juryId)
    .orderBy('starts_at', 'desc')
    .executeTakeFirstOrThrow();
  await addDocument({ db }, admin, juryId, {
    kind: 'private',
    sessionId: lastSession.id,
    title: 'Notes of the small groups (members only)',
    speaker: '',
    body: 'Group A: one number matters most, but not everyone can use the phone. Group B: Castle Hill has nothing open after 6pm. Group C: parking costs stop carers coming. Agreed to vote on four recommendations.',
    url: '',
  });

  // The standing assembly's members of its first year who still sit voted then.
  const standingId = id('assembly:standing');
  const firstYear = await db
    .selectFrom('assembly_member as m')
    .innerJoin('assembly_selection as s', 's.id', 'm.selection_id')
    .select('m.id')
    .where('m.assembly_id', '=', standingId)
    .where('s.round', '=', 1)
    .where('m.status', '=', 'confirmed')
    .orderBy('m.id')
    .execute();
  await loadWork(db, await adminOf(db, id('account:orgAdmin'), standingId), standingId, {
    sessions: standingSessions,
    recommendations: standingRecommendations,
    voters: firstYear.map((m) => m.id),
    publishedDaysAgo: 125,
  });
}

export const assemblyWorkDemo: DemoStep = { stage: 3, load: loadAssemblyWork };
