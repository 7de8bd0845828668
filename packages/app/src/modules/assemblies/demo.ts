// The citizens' assemblies part of the demo, convened by the demo care board (stage 3, after the
// registry's places and the accounts):
// - a citizens' jury, "Urgent care in Northvale", for three neighbourhoods: 3,000 made-up addresses
//   imported, 2,400 invited by a seeded draw, 200 made-up volunteers registered with their codes
//   (and the demo PPG member, through the service), quotas proposed from the places' population
//   over age band, sex, ethnic group and place, a panel of 24 drawn by LEXIMIN (round 1), one
//   decline replaced by a second round, the members confirmed (some with their names public);
// - a standing "Civil Society Assembly" for the whole system, mid-rotation: 15 members on
//   three-year terms drawn from 100 volunteers, the third whose term ended stood down and a
//   rotation round drawn for their seats, some of the new members still to answer.
// The rounds are computed in this process by the same code as the job's worker (computeSelection),
// and their published files are what decide recounts; pools and quotas are sized so that all four
// rounds take LEXIMIN about 4 seconds of one core. The made-up volunteers have no account.
// Later demo steps (sessions, documents, recommendations) find the assemblies as 'assembly:jury'
// and 'assembly:standing'.
import { seededRandom } from '@involve/decide/seededRandom';
import type { Db } from '../../platform/database.js';
import type { DemoContext, DemoStep } from '../../platform/module.js';
import { placeOptions } from '../registry/service.js';
import { assemblyWorkDemo } from './demoWork.js';
import type { Actor } from './policy.js';
import { newPoolId } from './registration.js';
import { claimSelection, inProcessRunner, runSelection } from './selectionJob.js';
import {
  assemblyDefaults,
  createAssembly,
  drawInvitations,
  importAddresses,
  listMembers,
  moveAssemblyPhase,
  type QuotaInput,
  quotasFromPopulation,
  quotasOf,
  recordMemberResponse,
  register,
  requestSelection,
  rotate,
  setQuotas,
} from './service.js';

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

const firstNames = [
  'Aisha',
  'Bernard',
  'Carys',
  'Dev',
  'Ewa',
  'Farhan',
  'Gillian',
  'Hamza',
  'Imogen',
  'Jamal',
  'Kerry',
  'Liam',
  'Maryam',
  'Niall',
  'Olu',
  'Priya',
];
const lastNames = [
  'Ashworth',
  'Begum',
  'Clegg',
  'Dobson',
  'Eze',
  'Fairclough',
  'Gill',
  'Hussain',
  'Iqbal',
  'Jowett',
  'Kowalski',
  'Lister',
  'Mensah',
  'Nowak',
  'Oldroyd',
];
const streets = [
  'Mill Lane',
  'Station Road',
  'Church Street',
  'Park View',
  'Beck Side',
  'Chapel Fold',
  'Moor Road',
  'Victoria Terrace',
  'Albert Street',
  'Hollins Close',
];

/** The jury's neighbourhoods, with a postcode district for each one's made-up addresses. */
const juryPlaces = [
  { name: 'Demo: Millbrook', district: 'NV1' },
  { name: 'Demo: Castle Hill', district: 'NV3' },
  { name: 'Demo: Riverside', district: 'NV5' },
];

/** A choice by weights, from a seeded random number. */
function pick(random: () => number, weighted: ReadonlyArray<readonly [string, number]>): string {
  const total = weighted.reduce((s, [, w]) => s + w, 0);
  let r = random() * total;
  for (const [value, weight] of weighted) {
    r -= weight;
    if (r < 0) return value;
  }
  return (weighted[weighted.length - 1] as readonly [string, number])[0];
}

/**
 * Made-up answers for a pool, from the quotas' population shares bent the way real pools lean
 * (older people and women say yes more often; the young and minority groups less).
 */
function answersFor(quotas: readonly QuotaInput[], random: () => number, fixed: Record<string, string> = {}): Record<string, string> {
  const lean: Record<string, number> = { '16 to 24': 0.6, '25 to 49': 0.85, '65 to 79': 1.35, '80 and over': 0.8, Female: 1.15, White: 1.1 };
  const features = [...new Set(quotas.map((q) => q.feature))];
  return Object.fromEntries(
    features.map((feature) => [
      feature,
      fixed[feature] ??
        pick(
          random,
          quotas.filter((q) => q.feature === feature).map((q) => [q.value, (q.populationShare ?? 0.1) * (lean[q.value] ?? 1)] as const),
        ),
    ]),
  );
}

/** Made-up volunteers, written straight into the table as registration leaves them (no account: they cannot sign in). */
async function insertVolunteers(
  db: Db,
  assemblyId: number,
  people: Array<{ features: Record<string, string>; addressId: number | null }>,
  random: () => number,
): Promise<void> {
  // Pool ids from a seed too: decide reads the pool in pool id order, so random ids would draw a
  // different panel on every load (and, now and then, a decline whose replacement no one can fill).
  const idRandom = seededRandom(9_000 + assemblyId);
  await db
    .insertInto('assembly_volunteer')
    .values(
      people.map((p, i) => {
        const name = `${firstNames[i % firstNames.length]} ${lastNames[(i * 7 + Math.floor(i / firstNames.length)) % lastNames.length]}`;
        return {
          assembly_id: assemblyId,
          pool_id: newPoolId((n) => Math.floor(idRandom() * n)),
          route: p.addressId === null ? ('open' as const) : ('code' as const),
          address_id: p.addressId,
          account_id: null,
          name,
          email: `${name.toLowerCase().replace(/\W+/g, '.')}.${assemblyId}.${i}@example.org`,
          phone: `07700 9${String(i).padStart(5, '0')}`,
          features: JSON.stringify(p.features),
          interpreter: i % 37 === 5 ? 'Urdu' : i % 53 === 8 ? 'Polish' : '',
          easy_read: i % 29 === 3,
          childcare: i % 11 === 4,
          travel: i % 9 === 2,
          carer: i % 23 === 7,
          other_needs: i % 41 === 6 ? 'Step-free access and a quiet room to take breaks' : '',
          first_time: random() < 0.7,
          name_public: random() < 0.5,
        };
      }),
    )
    .execute();
}

/** Compute a round asked for, here and now (as the job's worker would), and return its number. */
async function drawRound(db: Db, assemblyId: number, round: number): Promise<void> {
  const { id } = await db
    .selectFrom('assembly_selection')
    .select('id')
    .where('assembly_id', '=', assemblyId)
    .where('round', '=', round)
    .executeTakeFirstOrThrow();
  const row = await claimSelection(db, 'demo', id);
  if (!row) throw new Error(`demo: round ${round} of assembly ${assemblyId} could not be claimed`);
  const outcome = await runSelection(db, row, 'demo', inProcessRunner);
  if (outcome !== 'done') throw new Error(`demo: round ${round} of assembly ${assemblyId} was not drawn (${outcome})`);
}

/** Every member still to answer confirms, except those whose pool position is in `declining`. */
async function answerAll(db: Db, admin: Actor, assemblyId: number, declining: number[] = [], leaveOpen = 0): Promise<void> {
  const waiting = (await listMembers(db, admin, assemblyId)).filter((m) => m.status === 'selected');
  for (const [i, m] of waiting.entries()) {
    if (i >= waiting.length - leaveOpen) break;
    await recordMemberResponse({ db }, admin, m.id, declining.includes(i) ? 'decline' : 'confirm');
  }
}

async function loadJury(db: Db, admin: Actor, organisationId: number, ids: DemoContext['ids'], id: DemoContext['id']): Promise<number> {
  const places = await placeOptions(db);
  const placeIds = juryPlaces.map((p) => places.find((o) => o.name === p.name)?.id as number);
  const juryId = await createAssembly({ db }, admin, {
    ...assemblyDefaults,
    organisationId,
    title: 'Demo: Urgent care in Northvale',
    remit:
      'When you need care urgently but it is not an emergency, where should you go, and how should NHS 111, GP practices, pharmacies and the urgent treatment centre at Northvale General work together?',
    kind: 'jury',
    panelSize: 24,
    involvement:
      'Four Saturdays in spring, 10am to 4pm at Millbrook Community Centre, with lunch. You hear from doctors, nurses and patients, discuss in small groups and agree recommendations together.',
    payment: '£100 for each day you take part, plus travel, childcare or care for someone you look after.',
    seedSource: 'The six main numbers of the National Lottery draw on the Saturday after registration closes, in the order drawn.',
    answerDays: 60,
    placeIds,
  });
  // The proposal from the population, widened to 70%–130% of each expected number: the pool's lean
  // is met and LEXIMIN settles in a few seconds.
  const proposed = await quotasFromPopulation(db, admin, juryId, 24);
  await setQuotas(
    { db },
    admin,
    juryId,
    proposed.map((q) => {
      const expected = (q.populationShare ?? 0) * 24;
      return { ...q, min: Math.floor(expected * 0.7), max: Math.max(1, Math.ceil(expected * 1.3)) };
    }),
  );
  await moveAssemblyPhase({ db }, admin, juryId, 'recruiting');

  // The address list and the invitations.
  const random = seededRandom(20_260_117);
  const rows = juryPlaces.flatMap((place, p) =>
    Array.from({ length: 1000 }, (_, i) => {
      const street = streets[(i + p * 3) % streets.length] as string;
      return [
        `${1 + Math.floor(i / streets.length)} ${street}`,
        place.name.replace('Demo: ', ''),
        'Northvale',
        `${place.district} ${1 + (i % 9)}${'ABDEFGHJLNPQRSTUWXYZ'[i % 20]}${'ABDEFGHJLNPQRSTUWXYZ'[(i * 3) % 20]}`,
      ];
    }),
  );
  await importAddresses({ db }, admin, juryId, `address_line_1,address_line_2,town,postcode\n${rows.map((r) => r.join(',')).join('\n')}\n`);
  const { drawId } = await drawInvitations({ db }, admin, juryId, { count: 2400, seed: 'Demo: 2026-01-17 invitations' });

  // The demo PPG member says yes through the service, with the code on their letter.
  const invited = await db.selectFrom('assembly_address').select(['id', 'code', 'address']).where('draw_id', '=', drawId).orderBy('id').execute();
  const quotas = await quotasOf(db, admin, juryId);
  const placeOf = (address: string) => juryPlaces.find((p) => address.includes(p.name.replace('Demo: ', '')))?.name as string;
  const member = invited[0] as (typeof invited)[number];
  await register({ db }, { accountId: id('account:member'), platformAdmin: false, organisationRoles: [] }, juryId, {
    code: member.code as string,
    name: 'Demo PPG Member',
    email: 'member@demo.involve.localhost',
    phone: '',
    features: answersFor(quotas, random, { age_band: '50 to 64', sex: 'Female', ethnicity: 'White', place: placeOf(member.address) }),
    interpreter: '',
    easyRead: false,
    childcare: false,
    travel: true,
    carer: false,
    otherNeeds: '',
    firstTime: false,
    namePublic: true,
  });
  // 200 more say yes: every twelfth letter.
  const saidYes = invited.filter((_, i) => i > 0 && i % 12 === 0).slice(0, 200);
  await db
    .updateTable('assembly_address')
    .set({ code_used_at: new Date(Date.now() - 50 * 86_400_000) })
    .where(
      'id',
      'in',
      saidYes.map((a) => a.id),
    )
    .execute();
  await insertVolunteers(
    db,
    juryId,
    saidYes.map((a) => ({ features: answersFor(quotas, random, { place: placeOf(a.address) }), addressId: a.id })),
    random,
  );

  await db
    .updateTable('assembly')
    .set({ registration_closes: day(-40) })
    .where('id', '=', juryId)
    .execute();

  // The draw, a decline and its replacement, the members confirmed.
  await moveAssemblyPhase({ db }, admin, juryId, 'selecting');
  await requestSelection({ db }, admin, juryId, { seed: '4 17 23 31 42 55' });
  await drawRound(db, juryId, 1);
  await answerAll(db, admin, juryId, [5]);
  await requestSelection({ db }, admin, juryId, { seed: '7 12 19 28 36 44' });
  await drawRound(db, juryId, 2);
  await answerAll(db, admin, juryId);
  await moveAssemblyPhase({ db }, admin, juryId, 'sitting');
  ids.set('assembly:jury', juryId);
  return juryId;
}

async function loadStanding(db: Db, admin: Actor, organisationId: number, ids: DemoContext['ids']): Promise<number> {
  const places = await placeOptions(db);
  const standingId = await createAssembly({ db }, admin, {
    ...assemblyDefaults,
    organisationId,
    title: 'Demo: Civil Society Assembly',
    remit:
      'A standing assembly of people from across Northvale and Eastmoor that the care board asks for advice on its plans and priorities each year, and that may raise matters of its own. A third of its members are replaced each year by a new draw.',
    kind: 'standing',
    panelSize: 15,
    involvement: 'Six evening meetings a year (two hours, online or at the board’s offices) and one Saturday workshop.',
    payment: '£40 for each evening meeting and £100 for the workshop, plus expenses.',
    openRegistration: true,
    seedSource: 'Typed in by a member of the public at the board’s annual general meeting.',
    termMonths: 36,
    answerDays: 90,
    placeIds: places.filter((p) => p.name === 'Demo: Northvale and Eastmoor').map((p) => p.id),
  });
  const quotas = await quotasFromPopulation(db, admin, standingId, 15);
  await setQuotas({ db }, admin, standingId, quotas);
  await moveAssemblyPhase({ db }, admin, standingId, 'recruiting');
  const random = seededRandom(20_240_301);
  await insertVolunteers(
    db,
    standingId,
    Array.from({ length: 100 }, () => ({ features: answersFor(quotas, random), addressId: null })),
    random,
  );
  await moveAssemblyPhase({ db }, admin, standingId, 'selecting');
  await requestSelection({ db }, admin, standingId, { seed: 'AGM 2024: 81935' });
  await drawRound(db, standingId, 1);
  await answerAll(db, admin, standingId);
  await moveAssemblyPhase({ db }, admin, standingId, 'sitting');
  // Terms staggered as a standing assembly's are: a third ended yesterday, a third end next year, a third the year after.
  const members = (await listMembers(db, admin, standingId)).filter((m) => m.status === 'confirmed');
  for (const [i, m] of members.entries())
    await db
      .updateTable('assembly_member')
      .set({ term_ends: day([-1, 365, 730][i % 3] as number) })
      .where('id', '=', m.id)
      .execute();
  await rotate({ db }, admin, standingId, { seed: 'AGM 2026: 40712' });
  await drawRound(db, standingId, 2);
  // Three of the new members have confirmed; two are still to answer.
  await answerAll(db, admin, standingId, [], 2);
  ids.set('assembly:standing', standingId);
  return standingId;
}

async function loadAssemblies({ db, id, ids }: DemoContext): Promise<void> {
  const organisationId = id('organisation:icb');
  // The demo organisation's admin, with the one role the demo gives that account.
  const admin: Actor = { accountId: id('account:orgAdmin'), platformAdmin: false, organisationRoles: [{ organisationId, role: 'admin' }] };
  await loadJury(db, admin, organisationId, ids, id);
  await loadStanding(db, admin, organisationId, ids);
}

export const assembliesDemo: readonly DemoStep[] = [{ stage: 3, load: loadAssemblies }, assemblyWorkDemo];
