// The demo jury's work, after its panel is drawn and confirmed (demo.ts): four sessions with evidence
// papers and speakers, a document for members only, and four recommendations the members voted on
// (support from strong to split), published three months ago; the convening body has answered three
// (accepted, accepted in part, not accepted, each a decision with its actions on the accountability
// trail) and the fourth is overdue. Written through the service as the organisation's admin; the
// members' votes go straight in (the demo's volunteers have no accounts to sign in with).
import type { DemoContext, DemoStep } from '../../platform/module.js';
import { todayInEngland } from '../../platform/web/forms.js';
import { moveAssemblyPhase } from './assemblies.js';
import type { Actor } from './policy.js';
import type { SupportLevel } from './schema.js';
import { addDocument, addSession, answerRecommendation, daysAfter, draftRecommendation, openVoting, publishRecommendations } from './service.js';

const sessions = [
  {
    days: -120,
    title: 'Welcome, and how urgent care works now',
    venue: 'Leeds Civic Hall, Calverley Street, LS1 1UR',
    summary: 'Members met, agreed how they would work together, and heard how people reach urgent care today: 111, GP practices, walk-in centres and A&E.',
  },
  {
    days: -113,
    title: 'Hearing the evidence: patients and staff',
    venue: 'Leeds Civic Hall, Calverley Street, LS1 1UR',
    summary: 'People who had used urgent care, a paramedic and a receptionist told their stories; members asked questions.',
  },
  {
    days: -106,
    title: 'Hearing the evidence: other ways of doing it',
    venue: 'Online, with a room at Leeds Central Library for those who wanted it',
    summary: 'How other places organise urgent care, and what it would cost.',
  },
  {
    days: -99,
    title: 'Deliberation and recommendations',
    venue: 'Leeds Civic Hall, Calverley Street, LS1 1UR',
    summary: 'Members weighed the evidence in small groups, wrote their recommendations and voted on each one.',
  },
];

const evidence: Array<{ session: number; title: string; speaker: string; body: string; url: string }> = [
  {
    session: 0,
    title: 'Urgent care in Leeds in numbers',
    speaker: 'Head of urgent care commissioning, the integrated care board',
    body: 'About 1,100 people a day use urgent care in Leeds. Four in ten of those who go to A&E could have been seen in a GP practice, a pharmacy or a walk-in centre. Waits at the walk-in centres are longest on Monday mornings and Sunday evenings.',
    url: '',
  },
  {
    session: 1,
    title: 'What patients told Healthwatch Leeds',
    speaker: 'Healthwatch Leeds',
    body: 'From 640 people asked: most did not know which service to go to; people who do not speak English well, and carers, found 111 hardest to use; many went to A&E because it was the only place they were sure would be open.',
    url: 'https://example.org/healthwatch-urgent-care.pdf',
  },
  {
    session: 1,
    title: 'A night on the ambulance',
    speaker: 'A paramedic of Yorkshire Ambulance Service',
    body: 'One in five calls on a typical night shift is for something a GP or pharmacist could have dealt with, often because people could not reach either.',
    url: '',
  },
  {
    session: 2,
    title: 'Urgent treatment centres elsewhere',
    speaker: 'A researcher in health services, University of Leeds',
    body: 'Places that brought walk-in services under one roof, open 8am to 10pm, saw fewer visits to A&E for minor illness, but only where people were told clearly where to go.',
    url: 'https://example.org/urgent-treatment-centres.pdf',
  },
];

const recommendations: Array<{ title: string; text: string; votes: [support: number, oppose: number] }> = [
  {
    title: 'One number, one place to ask',
    text: 'Make 111 the one number for urgent care in Leeds, answered in the caller’s own language, with a call back within an hour for anyone told to wait.',
    votes: [22, 1],
  },
  {
    title: 'Urgent treatment centres open until 10pm',
    text: 'Open an urgent treatment centre in the east and in the south of the city, from 8am to 10pm every day, where people can walk in without an appointment.',
    votes: [17, 4],
  },
  {
    title: 'Free parking at urgent care for carers',
    text: 'Let carers and people bringing a child park free at every urgent care site.',
    votes: [12, 9],
  },
  {
    title: 'Tell people where to go, in plain words',
    text: 'Write to every household once a year, in plain English and the main languages of Leeds, saying where to go for what, and put the same in every GP practice and pharmacy.',
    votes: [19, 2],
  },
];

const answers: Array<Parameters<typeof answerRecommendation>[3] | null> = [
  {
    answer: 'accept',
    reasons: 'The board agrees: one number is simpler, and interpreters are already on call for 111.',
    actions: 'Make 111 the number on every urgent care leaflet and website\nCall back within an hour anyone told to wait, from April',
  },
  {
    answer: 'accept_in_part',
    reasons: 'An urgent treatment centre in the east is affordable this year; one in the south is not, until the new health centre opens.',
    actions: 'Open an urgent treatment centre at the east Leeds health centre, 8am to 10pm\nReport on a site in the south of the city within a year',
  },
  {
    answer: 'not_accept',
    reasons: 'Parking at the hospital sites is run by the trusts under contracts that run to 2029; the board will ask the trusts to look again when they end.',
    actions: '',
  },
  null, // not answered: overdue
];

/**
 * How each confirmed member voted on recommendation r: of a panel of 24, `support` supported and
 * `oppose` opposed, the rest abstained (scaled to the panel's size; who is who turns with r).
 */
function levelOf(memberIndex: number, members: number, votes: [number, number], r: number): SupportLevel {
  const position = ((memberIndex + r * 5) % members) * (24 / members);
  if (position < votes[0]) return 'support';
  if (position < votes[0] + votes[1]) return 'oppose';
  return 'abstain';
}

async function loadJuryWork({ db, id }: DemoContext): Promise<void> {
  const assemblyId = id('assembly:jury');
  const assembly = await db.selectFrom('assembly').select(['organisation_id', 'phase']).where('id', '=', assemblyId).executeTakeFirstOrThrow();
  const admin: Actor = {
    accountId: id('account:orgAdmin'),
    platformAdmin: false,
    organisationRoles: [{ organisationId: assembly.organisation_id, role: 'admin' }],
  };
  const deps = { db };
  if (assembly.phase === 'selecting') await moveAssemblyPhase(deps, admin, assemblyId, 'sitting');
  const today = todayInEngland();

  const sessionIds: number[] = [];
  for (const s of sessions)
    sessionIds.push(
      await addSession(deps, admin, assemblyId, { title: s.title, startsAt: `${daysAfter(today, s.days)}T10:00`, venue: s.venue, summary: s.summary }),
    );
  for (const e of evidence)
    await addDocument(deps, admin, assemblyId, {
      kind: 'evidence',
      sessionId: sessionIds[e.session] ?? null,
      title: e.title,
      speaker: e.speaker,
      body: e.body,
      url: e.url,
    });
  await addDocument(deps, admin, assemblyId, {
    kind: 'private',
    sessionId: sessionIds[3] ?? null,
    title: 'Notes of the small groups (members only)',
    speaker: '',
    body: 'Group A: one number matters most; worried about people who cannot use the phone. Group B: the east of the city has nothing open after 6pm. Group C: parking costs stop carers coming. Agreed to vote on four recommendations.',
    url: '',
  });

  const members = await db
    .selectFrom('assembly_member')
    .select('id')
    .where('assembly_id', '=', assemblyId)
    .where('status', '=', 'confirmed')
    .orderBy('id')
    .execute();
  const recIds: number[] = [];
  for (const [r, rec] of recommendations.entries()) {
    const recId = await draftRecommendation(deps, admin, assemblyId, { title: rec.title, text: rec.text });
    await openVoting(deps, admin, recId);
    if (members.length)
      await db
        .insertInto('assembly_recommendation_vote')
        .values(members.map((m, i) => ({ recommendation_id: recId, member_id: m.id, level: levelOf(i, members.length, rec.votes, r) })))
        .execute();
    recIds.push(recId);
  }
  await publishRecommendations(deps, admin, assemblyId);
  // Published three months ago (after the last session), so the answers were due some days ago.
  const published = daysAfter(today, -98);
  const { answer_days } = await db.selectFrom('assembly').select('answer_days').where('id', '=', assemblyId).executeTakeFirstOrThrow();
  await db
    .updateTable('assembly_recommendation')
    .set({ published_at: new Date(`${published}T12:00:00Z`), answer_due: daysAfter(published, Math.min(answer_days, 90)) })
    .where('assembly_id', '=', assemblyId)
    .where('status', '=', 'published')
    .execute();
  for (const [r, answer] of answers.entries()) {
    const recId = recIds[r];
    if (answer && recId) await answerRecommendation(deps, admin, recId, { ...answer, actionsDue: daysAfter(today, 180) });
  }
}

export const assemblyWorkDemo: DemoStep = { stage: 3, load: loadJuryWork };
