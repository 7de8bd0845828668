// The elections part of the demo, for the integrated care board of Northvale and Eastmoor, run as
// its admin (the demo account with that role) through the service, as staff would:
// - the Citizens' Panel election, counted: 4 seats, 10 candidates on two area slates and two
//   independents, 1,200 made-up ballots (120 cast by voting code, the rest postal ballots imported
//   as a scanning service's batch, from an electorate of 1,600), voters ranking their own area's slate first so transfers
//   decide seats; its BLT published and those elected members of the panel;
// - the election of patient representatives to the involvement committee, open for voting: two
//   constituencies, statements published (one candidate the demo member, who nominated themself),
//   an electorate of postal and email voters, 40 ballots cast by code.
// The made-up ballots come from seededRandom with fixed seeds, so the demo is the same every time.
import { writeBlt } from '@involve/decide';
import { seededRandom } from '@involve/decide/seededRandom';
import type { DemoContext, DemoStep } from '../../platform/module.js';
import { accountContact } from '../accounts/service.js';
import type { Actor } from './policy.js';
import { anonymous } from './policy.js';
import {
  addCandidate,
  castElectionBallot,
  checkNomination,
  createElection,
  type ElectionInput,
  electionDefaults,
  importElectorate,
  importPaperBallots,
  moveElectionPhase,
  nominate,
} from './service.js';

type Slate = 'Northvale' | 'Eastmoor' | 'Independent';

const panelCandidates: Array<[name: string, slate: Slate, statement: string]> = [
  ['Demo: Amira Shah', 'Northvale', 'I run the Millbrook carers’ group and want carers heard before plans are made.'],
  ['Demo: Tom Barker', 'Northvale', 'Retired district nurse; I know how services join up, and where they do not.'],
  ['Demo: Grace Okafor', 'Northvale', 'A parent of a disabled child, asking for services that fit families.'],
  ['Demo: Luke Pemberton', 'Northvale', 'I volunteer with the food bank and will speak for people on low incomes.'],
  ['Demo: Janet Moss', 'Eastmoor', 'Thirty years in Eastmoor; I chair the tenants’ association.'],
  ['Demo: Priya Raman', 'Eastmoor', 'A pharmacist who wants more care close to home.'],
  ['Demo: Owen Davies', 'Eastmoor', 'I use mental health services and want them asked, not told.'],
  ['Demo: Helen Clarke', 'Eastmoor', 'A school governor keen on young people’s health.'],
  ['Demo: Sam Whitfield', 'Independent', 'I will report back every meeting, in plain English.'],
  ['Demo: Rosa Lindqvist', 'Independent', 'I speak Polish and Swedish and will reach people the panel misses.'],
];

/** Voters by area: how many, and how strongly they like each slate (the weights of their first choices within it). */
const voterGroups: Array<{ voters: number; likes: Partial<Record<Slate, number>>; favourites: number[] }> = [
  // Northvale: one very popular candidate whose surplus carries slate-mates.
  { voters: 560, likes: { Northvale: 1, Independent: 0.25, Eastmoor: 0.05 }, favourites: [0, 0, 0, 0, 1, 2, 3] },
  // Eastmoor: first preferences spread across its slate, transfers concentrate them.
  { voters: 470, likes: { Eastmoor: 1, Independent: 0.3, Northvale: 0.05 }, favourites: [4, 5, 6, 7] },
  { voters: 170, likes: { Independent: 1, Northvale: 0.4, Eastmoor: 0.4 }, favourites: [8, 9] },
];

/**
 * Made-up ranked ballots (candidate indexes, best first): each voter starts from a favourite of
 * their group, ranks their slate next in a shuffled order, then perhaps others they like less,
 * and stops after a few (many rank only two or three), the same for the same seed.
 */
export function syntheticRankings(seed: number): number[][] {
  const random = seededRandom(seed);
  const ballots: number[][] = [];
  for (const group of voterGroups)
    for (let v = 0; v < group.voters; v++) {
      const first = group.favourites[Math.floor(random() * group.favourites.length)] as number;
      const rest = panelCandidates
        .map((c, i) => ({ i, key: random() * (group.likes[c[1]] ?? 0) }))
        .filter((c) => c.i !== first && c.key > 0.02)
        .sort((a, b) => b.key - a.key)
        .map((c) => c.i);
      const length = 1 + Math.floor(random() ** 1.6 * panelCandidates.length);
      ballots.push([first, ...rest].slice(0, length));
    }
  // Shuffled, so the voters cast by code are of every group.
  for (let i = ballots.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [ballots[i], ballots[j]] = [ballots[j] as number[], ballots[i] as number[]];
  }
  return ballots;
}

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

/** An electorate file of made-up voters (postal, and some with email) in these constituencies. */
function electorate(prefix: string, voters: number, constituencies: string[], withEmail: (i: number) => boolean, extra: string[] = []): string {
  const lines = Array.from({ length: voters }, (_, i) => {
    const n = i + 1;
    const email = withEmail(i) ? `${prefix.toLowerCase()}${n}@example.org` : '';
    const address = `"${n} Demo Street, ${constituencies[i % constituencies.length]}"`;
    return `${prefix}${String(n).padStart(5, '0')},Demo Voter ${n},${email},${email ? '' : address},${constituencies[i % constituencies.length]}`;
  });
  return ['member_number,name,email,postal_address,constituency', ...lines, ...extra].join('\n');
}

async function loadElections({ db, id, ids }: DemoContext): Promise<void> {
  const organisationId = id('organisation:icb');
  const admin: Actor = { accountId: id('account:orgAdmin'), platformAdmin: false, organisationRoles: [{ organisationId, role: 'admin' }] };
  const deps = { db, config: { publicUrl: '' } };
  const settings = (input: Partial<ElectionInput> & Pick<ElectionInput, 'bodyId' | 'title'>): ElectionInput => ({
    ...electionDefaults,
    organisationId,
    ...input,
  });

  // The Citizens' Panel: counted.
  const panel = await createElection(
    deps,
    admin,
    settings({
      bodyId: id('body:icbPrg'),
      title: 'Demo: Citizens’ Panel election 2026',
      description: 'Four places on the Citizens’ Panel, elected by single transferable vote by the panel’s members across Northvale and Eastmoor.',
      role: 'member',
      constituencies: [{ name: 'Northvale and Eastmoor', seats: 4 }],
      nominationsOpenOn: day(-90),
      nominationsCloseOn: day(-70),
      votingOpenOn: day(-45),
      votingCloseOn: day(-30),
      termStartOn: day(-20),
      termEndOn: day(3 * 365),
      declarations: 'I live or am registered with a GP in Northvale or Eastmoor\nI will follow the panel’s code of conduct',
    }),
  );
  const [panelConstituency] = await db.selectFrom('election_constituency').select('id').where('election_id', '=', panel).execute();
  const constituencyId = panelConstituency?.id as number;
  const candidateIds: number[] = [];
  for (const [name, slate, statement] of panelCandidates)
    candidateIds.push(
      await addCandidate(deps, admin, panel, {
        constituencyId,
        name,
        statement: `${statement} (${slate === 'Independent' ? 'Independent' : `${slate} residents’ slate`})`,
      }),
    );
  const online = 120;
  await importElectorate(
    deps,
    admin,
    panel,
    electorate('CP', online, ['Northvale and Eastmoor'], () => false),
  );
  for (const phase of ['nominations', 'checking', 'statements'] as const) await moveElectionPhase(deps, admin, panel, phase);
  const codes = (await moveElectionPhase(deps, admin, panel, 'voting'))?.letters.map((l) => l.code) ?? [];
  const rankings = syntheticRankings(20_260_401);
  for (const [i, ranking] of rankings.slice(0, online).entries())
    await castElectionBallot(deps, anonymous, panel, {
      code: codes[i] as string,
      ranks: Object.fromEntries(ranking.map((c, rank) => [candidateIds[c] as number, rank + 1])),
    });
  const postal = writeBlt({
    title: 'Demo: Citizens’ Panel postal ballots, scanned',
    seats: 4,
    candidates: panelCandidates.map(([name]) => name),
    withdrawn: [],
    ballots: rankings.slice(online).map((ranking) => ({ weight: 1, line: 0, preferences: ranking.map((c) => [c + 1]) })),
  });
  await importPaperBallots(deps, admin, panel, { constituencyId, batch: 'postal', bltText: postal });
  await moveElectionPhase(deps, admin, panel, 'counted');
  ids.set('election:counted', panel);

  // Patient representatives on the involvement committee: open for voting.
  const committee = await createElection(
    deps,
    admin,
    settings({
      bodyId: id('body:icbPpi'),
      title: 'Demo: Patient representatives on the involvement committee 2026',
      description: 'Three patient representatives on the Strategic Patient and Public Involvement Committee: two for Northvale, one for Eastmoor.',
      role: 'patient_representative',
      method: 'meek',
      constituencies: [
        { name: 'Northvale', seats: 2 },
        { name: 'Eastmoor', seats: 1 },
      ],
      nominationsOpenOn: day(-40),
      nominationsCloseOn: day(-20),
      votingOpenOn: day(-3),
      votingCloseOn: day(18),
      wordLimit: 150,
      ballotOrder: 'random',
      declarations: 'I am registered with a GP in Northvale or Eastmoor\nI am not employed by the integrated care board',
    }),
  );
  const member = await accountContact(db, id('account:member'));
  const voters = electorate('PR', 200, ['Northvale', 'Eastmoor'], (i) => i % 10 === 0, [`PR-M1,Demo PPG Member,${member.email},,Northvale`]);
  await importElectorate(deps, admin, committee, voters);
  const places = await db.selectFrom('election_constituency').select(['id', 'name']).where('election_id', '=', committee).execute();
  const placeId = (name: string) => places.find((p) => p.name === name)?.id as number;
  await moveElectionPhase(deps, admin, committee, 'nominations');
  const memberActor: Actor = { accountId: member.accountId, platformAdmin: false, organisationRoles: [] };
  const nominee = await nominate(deps, memberActor, committee, {
    name: 'Demo: Pat Member',
    statement: 'I have been in my practice’s patient group for six years. I will bring what patients tell us to the committee, and tell them what it decided.',
    declarations: ['I am registered with a GP in Northvale or Eastmoor', 'I am not employed by the integrated care board'],
  });
  await checkNomination(deps, admin, nominee, { valid: true, reason: '' });
  for (const [name, place] of [
    ['Demo: Farah Iqbal', 'Northvale'],
    ['Demo: George Whitaker', 'Northvale'],
    ['Demo: Lin Chen', 'Northvale'],
    ['Demo: Bridget Kelly', 'Eastmoor'],
    ['Demo: Marcus Hall', 'Eastmoor'],
    ['Demo: Yusuf Adeyemi', 'Eastmoor'],
  ] as const)
    await addCandidate(deps, admin, committee, { constituencyId: placeId(place), name, statement: `${name.slice(6)} wants ${place}’s patients to be heard.` });
  for (const phase of ['checking', 'statements'] as const) await moveElectionPhase(deps, admin, committee, phase);
  const letters = (await moveElectionPhase(deps, admin, committee, 'voting'))?.letters ?? [];
  const random = seededRandom(20_260_402);
  for (const letter of letters.slice(0, 40)) {
    const standing = await db
      .selectFrom('election_candidate')
      .select('id')
      .where('constituency_id', '=', placeId(letter.constituency))
      .where('status', '=', 'valid')
      .execute();
    const order = standing.map((c) => ({ id: c.id, key: random() })).sort((a, b) => a.key - b.key);
    const ranks = Object.fromEntries(order.slice(0, 1 + Math.floor(random() * order.length)).map((c, rank) => [c.id, rank + 1]));
    await castElectionBallot(deps, anonymous, committee, { code: letter.code, ranks });
  }
  ids.set('election:voting', committee);
}

export const electionsDemo: DemoStep[] = [{ stage: 3, load: loadElections }];
