// The registry's part of the demo health system: a made-up integrated care system, "Northvale and
// Eastmoor" — its places, organisations, boards, committees and patient groups. Everything is
// clearly labelled (is_demo, names starting "Demo:", codes that are not real) and the people are
// fictional. The accounts and stories of the demo come from those modules' demo steps.
import type { Kysely } from 'kysely';
import type { DemoContext, DemoStep } from '../../platform/module.js';
import type { Database } from '../../platform/schema.js';
import type { BodyKind, MemberRole, OrganisationType, PlaceKind, RelationKind } from './schema.js';

// ---- the places ----

const ageBands = ['0 to 15', '16 to 24', '25 to 49', '50 to 64', '65 to 79', '80 and over'];
const ethnicGroups = [
  'Asian, Asian British or Asian Welsh',
  'Black, Black British, Black Welsh, Caribbean or African',
  'Mixed or Multiple ethnic groups',
  'White',
  'Other ethnic group',
];

interface DemoPlace {
  key: string;
  name: string;
  kind: PlaceKind;
  code: string;
  parent?: string;
  /** For neighbourhoods: people, and shares that make each one a little different. */
  people?: number;
  olderShare?: number;
  minorityShare?: number;
}

// GSS-like codes in ranges ONS has not used, so they can never clash with a real place.
const places: DemoPlace[] = [
  { key: 'ics', name: 'Demo: Northvale and Eastmoor', kind: 'integrated_care_system', code: 'E54999901' },
  { key: 'northvale', name: 'Demo: Northvale', kind: 'local_authority_area', code: 'E06999901', parent: 'ics' },
  { key: 'eastmoor', name: 'Demo: Eastmoor', kind: 'local_authority_area', code: 'E06999902', parent: 'ics' },
  {
    key: 'millbrook',
    name: 'Demo: Millbrook',
    kind: 'neighbourhood',
    code: 'E02999901',
    parent: 'northvale',
    people: 31_200,
    olderShare: 0.14,
    minorityShare: 0.31,
  },
  {
    key: 'castlehill',
    name: 'Demo: Castle Hill',
    kind: 'neighbourhood',
    code: 'E02999902',
    parent: 'northvale',
    people: 24_800,
    olderShare: 0.24,
    minorityShare: 0.08,
  },
  {
    key: 'riverside',
    name: 'Demo: Riverside',
    kind: 'neighbourhood',
    code: 'E02999903',
    parent: 'northvale',
    people: 28_400,
    olderShare: 0.17,
    minorityShare: 0.22,
  },
  {
    key: 'towncentre',
    name: 'Demo: Eastmoor Town Centre',
    kind: 'neighbourhood',
    code: 'E02999904',
    parent: 'eastmoor',
    people: 35_600,
    olderShare: 0.12,
    minorityShare: 0.38,
  },
  {
    key: 'fellside',
    name: 'Demo: Fellside',
    kind: 'neighbourhood',
    code: 'E02999905',
    parent: 'eastmoor',
    people: 19_700,
    olderShare: 0.29,
    minorityShare: 0.04,
  },
];

type Figures = Record<'age_band' | 'sex' | 'ethnicity', Map<string, number>>;

/** Plausible figures for a neighbourhood from its size and two shares (whole people, adding up). */
function neighbourhoodFigures(place: DemoPlace): Figures {
  const people = place.people ?? 0;
  const older = place.olderShare ?? 0.18;
  const minority = place.minorityShare ?? 0.15;
  const ageShares = [0.19, 0.11, 0.33 - older / 3, 0.19 - older / 6, older * 0.72, older * 0.28];
  const ethnicShares = [minority * 0.5, minority * 0.22, minority * 0.17, 1 - minority, minority * 0.11];
  return {
    age_band: split(people, ageBands, ageShares),
    sex: split(people, ['Female', 'Male'], [0.51, 0.49]),
    ethnicity: split(people, ethnicGroups, ethnicShares),
  };
}

function split(total: number, names: string[], shares: number[]): Map<string, number> {
  const sum = shares.reduce((a, b) => a + b, 0);
  const out = new Map<string, number>();
  let given = 0;
  names.forEach((name, i) => {
    const people = i === names.length - 1 ? total - given : Math.round((total * (shares[i] ?? 0)) / sum);
    given += people;
    out.set(name, people);
  });
  return out;
}

function addFigures(into: Figures, from: Figures): void {
  for (const dimension of ['age_band', 'sex', 'ethnicity'] as const) {
    for (const [category, people] of from[dimension]) into[dimension].set(category, (into[dimension].get(category) ?? 0) + people);
  }
}

// ---- the organisations ----

interface DemoOrganisation {
  key: string;
  name: string;
  type: OrganisationType;
  ods?: string;
  address?: string;
  postcode?: string;
  nhsMoney?: boolean;
  places: string[];
  description: string;
}

const voluntaryGroups: Array<[string, string, string, string]> = [
  ['diabetes', 'Demo: Northvale Diabetes Support Group', 'millbrook', 'Monthly meetings for people living with type 1 and type 2 diabetes and their families.'],
  ['breathe', 'Demo: Eastmoor Breathe Easy (COPD) Group', 'towncentre', 'Singing for lung health, chair exercise and peer support for people with COPD.'],
  ['mind', 'Demo: Mind in Northvale and Eastmoor', 'ics', 'Mental health support, talking groups and crisis café.'],
  ['allotment', 'Demo: Riverside Community Allotment Group', 'riverside', 'Growing food together; plots for referrals from social prescribers.'],
  ['falls', 'Demo: Fellside Falls Prevention Group', 'fellside', 'Strength and balance classes for older people.'],
  ['timebank', 'Demo: Northvale Time Bank', 'northvale', 'Neighbours swapping skills and time: one hour given, one hour received.'],
  ['carers', "Demo: Northvale and Eastmoor Carers' Centre", 'ics', 'Advice, breaks and carers assessments for unpaid carers.'],
  ['mensshed', "Demo: Castle Hill Men's Shed", 'castlehill', 'A workshop and a place to talk for men of all ages.'],
  ['dementia', 'Demo: Eastmoor Dementia Café', 'eastmoor', 'A weekly café for people with dementia and those who care for them.'],
  ['walking', 'Demo: Millbrook Walking for Health', 'millbrook', 'Free led walks of 30 to 90 minutes.'],
  ['deaf', 'Demo: Northvale Deaf Centre', 'northvale', 'Support and British Sign Language interpreting for Deaf people.'],
  ['refugee', 'Demo: Eastmoor Refugee and Asylum Seeker Support', 'towncentre', 'Help to register with a GP, English classes and advocacy.'],
  ['foodbank', 'Demo: Fellside Food Bank', 'fellside', 'Emergency food parcels and signposting.'],
];

const practices: Array<[string, string, string, string, string]> = [
  ['pMillbrook', 'Demo: Millbrook Medical Centre', 'DMP001', 'millbrook', 'NV1 2AB'],
  ['pCastle', 'Demo: Castle Hill Surgery', 'DMP002', 'castlehill', 'NV3 4CD'],
  ['pRiverside', 'Demo: Riverside Health Centre', 'DMP003', 'riverside', 'NV5 6EF'],
  ['pNorthRoad', 'Demo: Northvale Road Practice', 'DMP004', 'millbrook', 'NV1 9GH'],
  ['pTown', 'Demo: Eastmoor Town Surgery', 'DMP005', 'towncentre', 'EM1 1JK'],
  ['pFellside', 'Demo: Fellside Family Practice', 'DMP006', 'fellside', 'EM4 2LM'],
  ['pMoorview', 'Demo: Moorview Group Practice', 'DMP007', 'towncentre', 'EM2 8NP'],
];

const organisations: DemoOrganisation[] = [
  {
    key: 'icb',
    name: 'Demo: Northvale and Eastmoor Integrated Care Board',
    type: 'commissioner',
    ods: 'DMQ01',
    address: 'Demo House, 1 Market Street, Northvale',
    postcode: 'NV1 1AA',
    nhsMoney: true,
    places: ['ics'],
    description: 'Plans and pays for NHS services for the people of Northvale and Eastmoor (a made-up system for the demo).',
  },
  {
    key: 'council',
    name: 'Demo: Northvale Council',
    type: 'local_authority',
    address: 'Town Hall, Northvale',
    postcode: 'NV1 1TH',
    places: ['northvale'],
    description: 'The local council: social care, public health and the Health and Wellbeing Board.',
  },
  {
    key: 'acute',
    name: 'Demo: Northvale Hospitals NHS Foundation Trust',
    type: 'nhs_trust',
    ods: 'DMR01',
    address: 'Northvale General Hospital, Hospital Lane, Northvale',
    postcode: 'NV2 3HL',
    nhsMoney: true,
    places: ['northvale', 'eastmoor'],
    description: 'Runs Northvale General Hospital and Eastmoor Community Hospital.',
  },
  {
    key: 'community',
    name: 'Demo: Eastmoor Community and Mental Health NHS Trust',
    type: 'nhs_trust',
    ods: 'DMR02',
    address: 'Moor Lodge, Eastmoor',
    postcode: 'EM3 5ML',
    nhsMoney: true,
    places: ['eastmoor', 'northvale'],
    description: 'Community nursing, therapies and mental health services.',
  },
  {
    key: 'healthwatch',
    name: 'Demo: Healthwatch Northvale and Eastmoor',
    type: 'healthwatch',
    address: 'The Hub, 12 Chapel Street, Northvale',
    postcode: 'NV1 4HW',
    places: ['ics'],
    description: 'The independent champion for people who use health and care services.',
  },
  {
    key: 'alliance',
    name: 'Demo: Northvale and Eastmoor VCSE Alliance',
    type: 'voluntary_group',
    postcode: 'NV1 4HW',
    places: ['ics'],
    description: 'The voluntary, community and social enterprise groups of the system, speaking together.',
  },
  {
    key: 'cvs',
    name: 'Demo: Northvale Community Voluntary Services',
    type: 'voluntary_group',
    address: 'The Hub, 12 Chapel Street, Northvale',
    postcode: 'NV1 4HW',
    places: ['northvale'],
    description: 'Supports local groups with funding advice, volunteers and training; hosts Healthwatch.',
  },
  ...practices.map(([key, name, ods, place, postcode]) => ({
    key,
    name,
    type: 'gp_practice' as const,
    ods,
    postcode,
    nhsMoney: true,
    places: [place],
    description: 'An NHS GP practice.',
  })),
  ...voluntaryGroups.map(([key, name, place, description]) => ({ key, name, type: 'voluntary_group' as const, places: [place], description })),
];

const relations: Array<[string, RelationKind, string]> = [
  ['icb', 'commissions', 'acute'],
  ['icb', 'commissions', 'community'],
  ...practices.map(([key]) => ['icb', 'commissions', key] as [string, RelationKind, string]),
  ['acute', 'provides_for', 'council'],
  ['community', 'provides_for', 'council'],
  ['council', 'commissions', 'healthwatch'],
  ['council', 'commissions', 'carers'],
  ['cvs', 'hosts', 'healthwatch'],
  ['cvs', 'member_of', 'alliance'],
  ...voluntaryGroups.map(([key]) => [key, 'member_of', 'alliance'] as [string, RelationKind, string]),
];

// ---- bodies and members ----

interface DemoBody {
  key: string;
  organisation: string;
  name: string;
  kind: BodyKind;
  remit: string;
  reportsTo?: string;
  /** [role, count, term start] — names are dealt from the list below. */
  seats: Array<[MemberRole, number, string, string?]>;
}

const bodies: DemoBody[] = [
  {
    key: 'icbBoard',
    organisation: 'icb',
    name: 'Integrated Care Board',
    kind: 'board',
    remit: 'Sets the strategy of the integrated care board and holds it to account. Meets in public every two months.',
    seats: [
      ['chair', 1, '2023-07-01'],
      ['non_executive_ppi_lead', 1, '2023-07-01'],
      ['patient_representative', 1, '2024-04-01'],
      ['member', 6, '2023-07-01'],
      ['member', 1, '2022-07-01', '2024-06-30'],
    ],
  },
  {
    key: 'icbPpi',
    organisation: 'icb',
    name: 'Strategic Patient and Public Involvement Committee',
    kind: 'committee',
    remit: 'Makes sure patients and the public are involved in every commissioning decision, and reports to the board on how well that is done.',
    reportsTo: 'icbBoard',
    seats: [
      ['chair', 1, '2023-09-01'],
      ['patient_representative', 3, '2024-01-01'],
      ['lay_member', 2, '2023-09-01'],
      ['healthwatch_representative', 1, '2023-09-01'],
      ['member', 2, '2023-09-01'],
      ['patient_representative', 1, '2022-01-01', '2023-12-31'],
    ],
  },
  {
    key: 'icbQuality',
    organisation: 'icb',
    name: 'Quality and Performance Committee',
    kind: 'committee',
    remit: 'Checks the quality and safety of the services the board pays for.',
    reportsTo: 'icbBoard',
    seats: [
      ['chair', 1, '2023-07-01'],
      ['lay_member', 1, '2023-07-01'],
      ['member', 4, '2023-07-01'],
    ],
  },
  {
    key: 'icbPrg',
    organisation: 'icb',
    name: "Citizens' Panel",
    kind: 'patient_reference_group',
    remit: 'A standing panel of local people who are asked about plans before decisions are made.',
    reportsTo: 'icbPpi',
    seats: [
      ['chair', 1, '2024-02-01'],
      ['member', 8, '2024-02-01'],
    ],
  },
  {
    key: 'icbAssembly',
    organisation: 'icb',
    name: 'Northvale and Eastmoor Civil Society Assembly',
    kind: 'assembly',
    remit: 'Brings voluntary and community groups together twice a year to advise the integrated care partnership.',
    seats: [
      ['chair', 1, '2024-05-01'],
      ['member', 6, '2024-05-01'],
    ],
  },
  {
    key: 'acuteBoard',
    organisation: 'acute',
    name: 'Board of Directors',
    kind: 'board',
    remit: 'Runs the trust and is accountable for the safety and quality of its care.',
    seats: [
      ['chair', 1, '2022-04-01'],
      ['patient_representative', 1, '2024-10-01'],
      ['non_executive_ppi_lead', 1, '2023-04-01'],
      ['member', 7, '2022-04-01'],
    ],
  },
  {
    key: 'acuteExperience',
    organisation: 'acute',
    name: 'Patient Experience Committee',
    kind: 'committee',
    remit: 'Reviews complaints, feedback and the Friends and Family Test and checks that the trust acts on them.',
    reportsTo: 'acuteBoard',
    seats: [
      ['chair', 1, '2023-01-01'],
      ['patient_representative', 2, '2023-01-01'],
      ['healthwatch_representative', 1, '2023-01-01'],
      ['member', 3, '2023-01-01'],
    ],
  },
  {
    key: 'acutePanel',
    organisation: 'acute',
    name: 'Patient and Carer Panel',
    kind: 'patient_reference_group',
    remit: 'Patients and carers who help design services and review leaflets and plans.',
    reportsTo: 'acuteExperience',
    seats: [
      ['chair', 1, '2023-03-01'],
      ['member', 7, '2023-03-01'],
    ],
  },
  // Deliberately without a patient representative on its board, so the gaps page shows it.
  {
    key: 'communityBoard',
    organisation: 'community',
    name: 'Trust Board',
    kind: 'board',
    remit: 'Runs the trust and is accountable for the safety and quality of its care.',
    seats: [
      ['chair', 1, '2023-01-01'],
      ['non_executive_ppi_lead', 1, '2023-01-01'],
      ['member', 6, '2023-01-01'],
      ['patient_representative', 1, '2021-01-01', '2024-12-31'],
    ],
  },
  {
    key: 'communityForum',
    organisation: 'community',
    name: 'Service User and Carer Forum',
    kind: 'patient_reference_group',
    remit: 'People who use community and mental health services, and their carers, advising the trust.',
    reportsTo: 'communityBoard',
    seats: [
      ['chair', 1, '2024-01-01'],
      ['member', 6, '2024-01-01'],
    ],
  },
  {
    key: 'hwb',
    organisation: 'council',
    name: 'Northvale Health and Wellbeing Board',
    kind: 'health_and_wellbeing_board',
    remit: 'Brings the council, the NHS, Healthwatch and the voluntary sector together to plan for the health of Northvale.',
    seats: [
      ['chair', 1, '2024-05-20'],
      ['healthwatch_representative', 1, '2024-05-20'],
      ['member', 7, '2024-05-20'],
    ],
  },
  {
    key: 'healthwatchBoard',
    organisation: 'healthwatch',
    name: 'Healthwatch Board',
    kind: 'board',
    remit: 'Sets the priorities of Healthwatch from what local people say.',
    seats: [
      ['chair', 1, '2023-06-01'],
      ['lay_member', 4, '2023-06-01'],
    ],
  },
  {
    key: 'allianceCommittee',
    organisation: 'alliance',
    name: 'Alliance Steering Group',
    kind: 'committee',
    remit: 'Chooses who speaks for the voluntary sector on system boards.',
    seats: [
      ['chair', 1, '2024-01-01'],
      ['member', 5, '2024-01-01'],
    ],
  },
  // Every practice has a PPG except Moorview, which the gaps page shows.
  ...practices
    .filter(([key]) => key !== 'pMoorview')
    .map(
      ([key, name]): DemoBody => ({
        key: `${key}Ppg`,
        organisation: key,
        name: `${name.replace('Demo: ', '')} Patient Participation Group`,
        kind: 'patient_participation_group',
        remit: 'Patients who meet with the practice every quarter to give feedback and help improve services.',
        seats: [
          ['chair', 1, '2023-04-01'],
          ['member', key === 'pFellside' ? 3 : 6, '2023-04-01'],
        ],
      }),
    ),
];

const firstNames = [
  'Amara',
  'Ben',
  'Chloe',
  'Darius',
  'Eleanor',
  'Farhan',
  'Grace',
  'Hamza',
  'Isla',
  'Jacob',
  'Kiran',
  'Layla',
  'Marcus',
  'Nadia',
  'Owen',
  'Priya',
  'Quentin',
  'Rosa',
  'Samuel',
  'Tariq',
  'Ursula',
  'Vikram',
  'Wendy',
  'Xavier',
  'Yasmin',
  'Zoe',
  'Aled',
  'Bronwen',
  'Callum',
  'Deepa',
  'Efe',
  'Fiona',
  'Gethin',
  'Halima',
  'Imran',
  'Joan',
  'Kwame',
  'Lin',
  'Moira',
  'Niamh',
  'Olu',
  'Patrick',
  'Ruth',
  'Sanjay',
  'Tomasz',
];
const lastNames = [
  'Ashworth',
  'Begum',
  'Carter',
  'Dhillon',
  'Evans',
  'Fraser',
  'Greenwood',
  'Hussain',
  'Ibbotson',
  'Jones',
  'Kowalski',
  'Lister',
  'Mensah',
  'Nowak',
  'Okafor',
  'Patel',
  'Quinn',
  'Rahman',
  'Sutcliffe',
  'Thornton',
  'Umeh',
  'Varley',
  'Whitaker',
  'Yeung',
  'Zielinski',
  'Ackroyd',
  'Bibi',
  'Crowther',
  'Dawson',
  'Haigh',
  'Malik',
  'Pickles',
  'Shaw',
  'Town',
];

/** Fictional names, each different, dealt in a fixed order. */
function* fictionalNames(): Generator<string> {
  for (let i = 0; ; i++) {
    const first = firstNames[i % firstNames.length] as string;
    const last = lastNames[(i * 7 + Math.floor(i / firstNames.length)) % lastNames.length] as string;
    yield `${first} ${last}`;
  }
}

/** Stage 1: places, organisations, relations, bodies and their members. */
async function loadDemoRegistry({ db: trx, ids }: DemoContext): Promise<void> {
  {
    const placeIds = await insertPlaces(trx);
    const orgIds = new Map<string, number>();
    const orgRows = await trx
      .insertInto('organisation')
      .values(
        organisations.map((o) => ({
          name: o.name,
          type: o.type,
          ods_code: o.ods ?? null,
          address: o.address ?? null,
          postcode: o.postcode ?? null,
          website: null,
          takes_nhs_money: o.nhsMoney ?? false,
          description: o.description,
          is_demo: true,
        })),
      )
      .returning(['id', 'name'])
      .execute();
    const idByName = new Map(orgRows.map((r) => [r.name, r.id]));
    for (const o of organisations) orgIds.set(o.key, idByName.get(o.name) as number);
    const org = (key: string) => {
      const id = orgIds.get(key);
      if (id === undefined) throw new Error(`demo: no organisation ${key}`);
      return id;
    };

    await trx
      .insertInto('organisation_place')
      .values(organisations.flatMap((o) => o.places.map((p) => ({ organisation_id: org(o.key), place_id: placeIds.get(p) as number }))))
      .execute();
    await trx
      .insertInto('organisation_relation')
      .values(relations.map(([from, kind, to]) => ({ from_organisation_id: org(from), kind, to_organisation_id: org(to) })))
      .execute();

    // Bodies first without reporting lines (they refer to each other), then the lines.
    const bodyRows = await trx
      .insertInto('body')
      .values(bodies.map((b) => ({ organisation_id: org(b.organisation), name: b.name, kind: b.kind, remit: b.remit })))
      .returning(['id'])
      .execute();
    const bodyIds = new Map(bodies.map((b, i) => [b.key, bodyRows[i]?.id as number]));
    for (const b of bodies) {
      if (b.reportsTo) {
        await trx
          .updateTable('body')
          .set({ reports_to_body_id: bodyIds.get(b.reportsTo) as number })
          .where('id', '=', bodyIds.get(b.key) as number)
          .execute();
      }
    }

    const names = fictionalNames();
    const members = bodies.flatMap((b) =>
      b.seats.flatMap(([role, count, termStart, termEnd]) =>
        Array.from({ length: count }, () => ({
          body_id: bodyIds.get(b.key) as number,
          person_name: names.next().value as string,
          role,
          term_start: termStart,
          term_end: termEnd ?? null,
        })),
      ),
    );
    await trx.insertInto('body_member').values(members).execute();
    for (const [key, id] of orgIds) ids.set(`organisation:${key}`, id);
    for (const [key, id] of bodyIds) ids.set(`body:${key}`, id);
  }
}

/** Stage 3: the demo PPG member (an account from the accounts module's demo) also sits on the PPG. */
async function seatDemoMember({ db, id }: DemoContext): Promise<void> {
  await db
    .insertInto('body_member')
    .values({ body_id: id('body:pMillbrookPpg'), person_name: 'Demo PPG Member', account_id: id('account:member'), role: 'member', term_start: '2024-09-01' })
    .execute();
}

export const registryDemo: DemoStep[] = [
  { stage: 1, load: loadDemoRegistry },
  { stage: 3, load: seatDemoMember },
];

async function insertPlaces(trx: Kysely<Database>): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  // Parents before children (the list is in that order).
  for (const p of places) {
    const row = await trx
      .insertInto('place')
      .values({ name: p.name, kind: p.kind, code: p.code, parent_id: p.parent ? (ids.get(p.parent) ?? null) : null })
      .returning('id')
      .executeTakeFirstOrThrow();
    ids.set(p.key, row.id);
  }
  // Neighbourhoods have their own figures; areas and the system add up the places inside them.
  const figures = new Map<string, Figures>();
  const empty = (): Figures => ({ age_band: new Map(), sex: new Map(), ethnicity: new Map() });
  for (const p of places.filter((x) => x.kind === 'neighbourhood')) {
    const own = neighbourhoodFigures(p);
    figures.set(p.key, own);
    for (let parent = p.parent; parent; parent = places.find((x) => x.key === parent)?.parent) {
      if (!figures.has(parent)) figures.set(parent, empty());
      addFigures(figures.get(parent) as Figures, own);
    }
  }
  const rows = [...figures].flatMap(([key, f]) =>
    (['age_band', 'sex', 'ethnicity'] as const).flatMap((dimension) =>
      [...f[dimension]].map(([category, people]) => ({ place_id: ids.get(key) as number, dimension, category, people })),
    ),
  );
  await trx.insertInto('place_population').values(rows).execute();
  return ids;
}
