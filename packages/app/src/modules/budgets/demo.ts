// The participatory budgeting part of the demo, for the care board of Northvale and Eastmoor:
// - Eastmoor's fund, counted and delivering: 18 projects, 2,400 made-up ballots of varied sizes from
//   three groups of voters with different tastes (so the Method of Equal Shares and greedy differ),
//   counted by the module's own count, its .pb published, the funded projects decisions on the trail;
// - Northvale's fund, open for voting: ideas (published, merged, not feasible, two awaiting a
//   moderator, with supporters and comments), a shortlist of 16 and 60 ballots cast by voting code.
// The made-up ballots (count.ts syntheticBallots, from fixed seeds, per group) go in by bulk inserts; the rest goes through the
// service as the demo organisation's admin (the demo account with that role), so phases, count and
// delivery run as they do for staff.
import { createHmac } from 'node:crypto';
import type { Db } from '../../platform/database.js';
import type { DemoContext, DemoStep } from '../../platform/module.js';
import { placeOptions } from '../registry/service.js';
import { syntheticBallots } from './count.js';
import type { Actor } from './policy.js';
import type { BallotChoices } from './schema.js';
import { type BudgetInput, budgetDefaults, createBudget, moveBudgetPhase } from './service.js';

type DemoProject = [title: string, cost: number, description: string];

const eastmoorProjects: DemoProject[] = [
  ['Refit the Eastmoor health hub waiting area', 95_000, 'New seating, a children’s corner and a quiet room in the main waiting area.'],
  ['Community minibus to hospital appointments', 60_000, 'A minibus with a driver three days a week for people without transport.'],
  ['Outdoor gym in Moor Park', 38_000, 'Six pieces of outdoor gym equipment with signs showing how to use them.'],
  ['Walking football league for over-50s', 9_000, 'Pitches, balls and a coach for a year of walking football.'],
  ['Warm spaces in three libraries', 24_000, 'Heating, hot drinks and health advice sessions through the winter.'],
  ['Mental health first aid training', 18_000, 'Training for 120 local volunteers, shopkeepers and youth workers.'],
  ['Cooking on a budget classes', 12_000, 'Twelve-week courses at the community centre, ingredients included.'],
  ['Carers’ respite afternoons', 27_000, 'Weekly sitting service so unpaid carers can take an afternoon off.'],
  ['Young people’s drop-in counselling', 42_000, 'A counsellor at the youth club two evenings a week.'],
  ['Defibrillators for six streets', 15_000, 'Public-access defibrillators with training for neighbours.'],
  ['Dementia-friendly town centre', 21_000, 'Signs, staff training and quiet hours in shops and the market.'],
  ['Community garden on Station Road', 16_000, 'Raised beds, a shed and tools for a growing group.'],
  ['Translation for GP appointments', 33_000, 'Interpreters on call for the three Eastmoor practices.'],
  ['Safer cycling routes to school', 55_000, 'Painted routes, bike storage and cycle training at two schools.'],
  ['Men’s shed workshop tools', 7_500, 'Tools and safety kit for the Castle Hill men’s shed to open in Eastmoor.'],
  ['Free swimming for under-16s in summer', 30_000, 'Free sessions at Eastmoor pool through the school holidays.'],
  ['Breastfeeding support group', 6_000, 'A weekly group with a trained peer supporter.'],
  ['Benches along the river walk', 11_000, 'Twelve benches so older people can rest on the river walk.'],
];

/** Voter groups: how many vote and the projects (by index) they choose among; their tastes differ. */
const voterGroups: Array<{ voters: number; likes: number[] }> = [
  { voters: 1_320, likes: [0, 1, 13, 15, 2, 9, 3] },
  { voters: 670, likes: [4, 7, 10, 17, 5, 16, 3, 11] },
  { voters: 410, likes: [8, 5, 12, 6, 11, 14, 17] },
];

const northvaleProjects: DemoProject[] = [
  ['Health checks at the Millbrook mosque', 8_000, 'Blood pressure and diabetes checks after Friday prayers, with a nurse.'],
  ['Riverside play area for disabled children', 30_000, 'Accessible swings and a roundabout in Riverside Park.'],
  ['Social prescribing link worker', 28_000, 'A link worker for a year at the two Castle Hill practices.'],
  ['Falls prevention classes', 9_500, 'Strength and balance classes for older people in three halls.'],
  ['Community fridge in Millbrook', 6_000, 'A shared fridge to stop good food going to waste.'],
  ['Stop smoking drop-in', 7_000, 'Weekly drop-in with advisers and free nicotine replacement.'],
  ['Menopause café', 3_500, 'Monthly meet-ups with a GP talk every quarter.'],
  ['Parks yoga in summer', 4_000, 'Free yoga in three parks on summer Saturdays.'],
  ['Talking therapies in Polish and Urdu', 22_000, 'Sessions with therapists who speak the languages of Northvale.'],
  ['Bike repair café', 5_500, 'Monthly sessions fixing bikes for free, with parts.'],
  ['Hearing loop in the health centre', 4_500, 'A hearing loop at reception and in two consulting rooms.'],
  ['Youth sports coaches', 18_000, 'Two coaches running free evening sessions for teenagers.'],
  ['Water fountains in the town centre', 12_000, 'Three public drinking fountains.'],
  ['Home energy advice visits', 15_000, 'Visits to help families keep homes warm and cut bills.'],
  ['Dog-walking buddy scheme', 3_000, 'Volunteers walking dogs for people recovering at home.'],
  ['Sensory room at the library', 14_000, 'A calm room for autistic children and adults.'],
];

async function insertProjects(db: Db, budgetId: number, projects: DemoProject[], proposer: number | null): Promise<string[]> {
  const rows = await db
    .insertInto('budget_project')
    .values(
      projects.map(([title, cost, description], i) => ({
        budget_id: budgetId,
        title: `Demo: ${title}`,
        description,
        cost,
        rough_cost: Math.round((cost * (0.7 + (i % 5) * 0.15)) / 500) * 500,
        status: 'shortlisted' as const,
        proposed_by_account_id: i % 3 === 0 ? proposer : null,
      })),
    )
    .returning('id')
    .execute();
  return rows.map((r) => String(r.id));
}

/**
 * Ballots cast by voting code while the vote is open: the codes (only their hashes, of made-up
 * codes nobody holds), the roll, and ballots keyed by the voter hash as castBallot writes them.
 */
async function insertBallots(db: Db, budgetId: number, ballots: Array<{ receipt: string; choices: BallotChoices }>): Promise<void> {
  const { ballot_secret: secret } = await db.selectFrom('budget').select('ballot_secret').where('id', '=', budgetId).executeTakeFirstOrThrow();
  for (let start = 0; start < ballots.length; start += 500) {
    const chunk = ballots.slice(start, start + 500);
    const codes = await db
      .insertInto('budget_voting_code')
      .values(
        chunk.map((ballot) => ({ budget_id: budgetId, code_hash: `demo-${budgetId}-${ballot.receipt}`, batch: 'Demo: drop-in sessions', used_at: new Date() })),
      )
      .returning('id')
      .execute();
    const keys = codes.map((c) => `code:${c.id}`);
    await db
      .insertInto('budget_voter')
      .values(keys.map((voter_key) => ({ budget_id: budgetId, voter_key })))
      .execute();
    await db
      .insertInto('budget_ballot')
      .values(
        chunk.map(({ receipt, choices }, i) => ({
          budget_id: budgetId,
          voter_hash: createHmac('sha256', secret as string)
            .update(keys[i] as string)
            .digest('base64url'),
          receipt,
          choices: JSON.stringify(choices),
          source: 'code' as const,
        })),
      )
      .execute();
  }
}

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

async function loadBudgets({ db, id, ids }: DemoContext): Promise<void> {
  const organisationId = id('organisation:icb');
  // The demo organisation's admin, with the one role the demo gives that account.
  const admin: Actor = { accountId: id('account:orgAdmin'), platformAdmin: false, organisationRoles: [{ organisationId, role: 'admin' }] };
  const deps = { db };
  const places = await placeOptions(db);

  /** A process for a place, its ideas and vote dates days from today (ideas open, close; vote opens, closes). */
  const made = (place: string, days: [number, number, number, number], input: Partial<BudgetInput> & Pick<BudgetInput, 'title' | 'amount'>) =>
    createBudget(deps, admin, {
      ...budgetDefaults,
      organisationId,
      placeIds: places.filter((p) => p.name === place).map((p) => p.id),
      ideasFrom: day(days[0]),
      ideasUntil: day(days[1]),
      voteFrom: day(days[2]),
      voteUntil: day(days[3]),
      ...input,
    });

  const eastmoor = await made('Demo: Eastmoor', [-150, -110, -60, -32], {
    title: 'Demo: Eastmoor Healthy Communities Fund',
    description: 'People living in Eastmoor proposed and chose how £250,000 of the care board’s prevention budget is spent.',
    amount: 250_000,
    minAge: 11,
    postcodeDistricts: 'EM1 EM2 EM3 EM4',
  });
  const eastmoorIds = await insertProjects(db, eastmoor, eastmoorProjects, id('account:member'));
  await moveBudgetPhase(deps, admin, eastmoor, 'vote');
  await insertBallots(
    db,
    eastmoor,
    voterGroups.flatMap((group, k) =>
      syntheticBallots(
        group.likes.map((i) => ({ id: eastmoorIds[i] as string })),
        group.voters,
        20_250_601 + k,
      ),
    ),
  );
  await moveBudgetPhase(deps, admin, eastmoor, 'counted');
  await moveBudgetPhase(deps, admin, eastmoor, 'delivery');
  ids.set('budget:counted', eastmoor);

  const northvale = await made('Demo: Northvale', [-70, -30, -5, 23], {
    title: 'Demo: Northvale Neighbourhood Health Fund',
    description: 'Choose up to five projects to share £120,000 for health in Northvale’s neighbourhoods.',
    amount: 120_000,
    minAge: 16,
    postcodeDistricts: 'NV1 NV2 NV3 NV4 NV5',
    maxChoices: 5,
    limitToBudget: true,
  });
  await moveBudgetPhase(deps, admin, northvale, 'ideas');
  const northvaleIds = await insertProjects(db, northvale, northvaleProjects, id('account:member'));
  await insertIdeas(db, northvale, Number(northvaleIds[1]), id('account:member'));
  await moveBudgetPhase(deps, admin, northvale, 'review');
  await moveBudgetPhase(deps, admin, northvale, 'vote');
  // At most 3 projects each, within the ballot's limits (5 projects, £120,000).
  await insertBallots(
    db,
    northvale,
    syntheticBallots(
      northvaleIds.map((id) => ({ id })),
      60,
      20_260_301,
    ).map((ballot) => ({ ...ballot, choices: { projects: ballot.choices.projects.slice(0, 3) } })),
  );
  ids.set('budget:vote', northvale);
}

/** Ideas that did not reach the shortlist, two waiting for a moderator, supporters and comments. */
async function insertIdeas(db: Db, budgetId: number, playAreaId: number, member: number): Promise<void> {
  const idea = (title: string, description: string, extra: object) => ({
    budget_id: budgetId,
    title: `Demo: ${title}`,
    description,
    location: 'Northvale',
    proposed_by_account_id: member,
    ...extra,
  });
  await db
    .insertInto('budget_project')
    .values([
      idea('A new swimming pool', 'An indoor pool for Castle Hill.', {
        rough_cost: 2_000_000,
        status: 'not_feasible',
        review_reason: 'A pool costs far more than the whole fund; the council’s leisure plan is looking at one.',
      }),
      idea('Free parking at the hospital', 'Make hospital parking free for patients.', {
        rough_cost: 50_000,
        status: 'not_feasible',
        review_reason: 'Parking is run by the hospital trust under a contract the fund cannot change.',
      }),
      idea('Swings for wheelchair users', 'Swings that wheelchairs can go on, in Riverside.', {
        rough_cost: 12_000,
        status: 'merged',
        merged_into_id: playAreaId,
        review_reason: 'Part of the accessible play area project.',
      }),
      idea('Blood pressure machines in pharmacies', 'Machines people can use without an appointment.', { rough_cost: 9_000, status: 'pending' }),
      idea('A quiet room at the job centre', 'Somewhere calm to wait.', { rough_cost: 4_000, status: 'pending' }),
    ])
    .execute();
  await db.insertInto('budget_project_support').values({ project_id: playAreaId, account_id: member }).execute();
  await db
    .insertInto('budget_project_comment')
    .values([
      { project_id: playAreaId, account_id: member, body: 'My daughter would use this every weekend.', status: 'published' },
      { project_id: playAreaId, account_id: member, body: 'Please put it near the car park so we can get there.', status: 'pending' },
    ])
    .execute();
}

export const budgetsDemo: DemoStep[] = [{ stage: 3, load: loadBudgets }];
