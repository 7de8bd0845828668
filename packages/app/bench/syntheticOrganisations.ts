// Made-up organisations shaped like a real health system, for benchmarks: the same every run.
import { seededRandom } from '@involve/decide/seededRandom';

// ---- A realistic health system, made up but shaped like West Yorkshire's ----------------------

// Seeded, so every run imports the same organisations.
const rand = seededRandom(20_240_601);
const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;

export interface Area {
  name: string;
  code: string;
  outward: string[];
  towns: string[];
}

export const areas: Area[] = [
  {
    name: 'Leeds',
    code: 'E08000035',
    outward: [
      'LS1',
      'LS2',
      'LS3',
      'LS4',
      'LS5',
      'LS6',
      'LS7',
      'LS8',
      'LS9',
      'LS10',
      'LS11',
      'LS12',
      'LS13',
      'LS14',
      'LS15',
      'LS16',
      'LS17',
      'LS18',
      'LS19',
      'LS25',
      'LS27',
      'LS28',
    ],
    towns: [
      'Headingley',
      'Kirkstall',
      'Meanwood',
      'Chapeltown',
      'Harehills',
      'Armley',
      'Bramley',
      'Beeston',
      'Hunslet',
      'Seacroft',
      'Roundhay',
      'Moortown',
      'Horsforth',
      'Morley',
      'Garforth',
      'Rothwell',
      'Pudsey',
      'Yeadon',
      'Otley',
      'Wetherby',
    ],
  },
  {
    name: 'Bradford',
    code: 'E08000032',
    outward: ['BD1', 'BD2', 'BD3', 'BD4', 'BD5', 'BD6', 'BD7', 'BD8', 'BD9', 'BD10', 'BD16', 'BD18', 'BD20'],
    towns: ['Manningham', 'Eccleshill', 'Shipley', 'Bingley', 'Keighley', 'Ilkley', 'Idle', 'Wibsey', 'Thornton', 'Saltaire', 'Baildon', 'Girlington'],
  },
  {
    name: 'Wakefield',
    code: 'E08000036',
    outward: ['WF1', 'WF2', 'WF3', 'WF4', 'WF5', 'WF6', 'WF8', 'WF9', 'WF10'],
    towns: ['Ossett', 'Horbury', 'Pontefract', 'Castleford', 'Normanton', 'Hemsworth', 'Knottingley', 'Featherstone'],
  },
  {
    name: 'Kirklees',
    code: 'E08000034',
    outward: ['HD1', 'HD2', 'HD3', 'HD4', 'HD5', 'HD7', 'HD8', 'HD9', 'WF12', 'WF13', 'WF14'],
    towns: ['Huddersfield', 'Dewsbury', 'Batley', 'Mirfield', 'Holmfirth', 'Marsden', 'Birstall', 'Heckmondwike'],
  },
  {
    name: 'Calderdale',
    code: 'E08000033',
    outward: ['HX1', 'HX2', 'HX3', 'HX4', 'HX5', 'HX6', 'HX7', 'OL14'],
    towns: ['Halifax', 'Brighouse', 'Elland', 'Sowerby Bridge', 'Hebden Bridge', 'Todmorden'],
  },
];

const streets = [
  'Church',
  'Station',
  'Park',
  'Mill',
  'High',
  'Market',
  'Victoria',
  'Albion',
  'Chapel',
  'Manor',
  'Grange',
  'Oak',
  'Beech',
  'Elm',
  'Willow',
  'Hollins',
  'Moor',
  'Bridge',
  'King',
  'Queen',
];
const streetKinds = ['Street', 'Road', 'Lane', 'Avenue', 'Terrace', 'Way'];
const inwardLetters = 'ABDEFGHJLNPQRSTUWXYZ';

interface TypeRecipe {
  type: string;
  share: number;
  names: Array<(town: string, street: string) => string>;
  ods?: string;
  nhsMoney: number;
}

const recipes: TypeRecipe[] = [
  {
    type: 'gp_practice',
    share: 0.38,
    ods: 'B8',
    nhsMoney: 1,
    names: [
      (t) => `${t} Medical Centre`,
      (t) => `${t} Surgery`,
      (t) => `${t} Health Centre`,
      (t) => `${t} Medical Practice`,
      (_t, s) => `${s} Street Surgery`,
      (_t, s) => `The ${s} Practice`,
      (t) => `${t} Family Practice`,
      (t, s) => `${s} Lane Group Practice, ${t}`,
    ],
  },
  {
    type: 'pharmacy',
    share: 0.24,
    ods: 'FA',
    nhsMoney: 1,
    names: [
      (t) => `${t} Pharmacy`,
      (t, s) => `${pick(['Boots', 'Well', 'Rowlands', 'Day Lewis', 'Cohens'])} Pharmacy, ${s} Road, ${t}`,
      (_t, s) => `${s} Road Chemist`,
    ],
  },
  {
    type: 'voluntary_group',
    share: 0.16,
    nhsMoney: 0.15,
    names: [
      (t) => `${t} Carers Centre`,
      (t) => `Mind in ${t}`,
      (t) => `Age UK ${t}`,
      (t) => `${t} Community Association`,
      (t) => `${t} Befriending Service`,
      (t) => `${t} Food Bank`,
      (t) => `${t} Men's Shed`,
      (t) => `${t} Dementia Café`,
      (t) => `${t} Youth Project`,
      (t) => `${t} Disability Forum`,
      (t, s) => `Friends of ${s} Park, ${t}`,
    ],
  },
  {
    type: 'social_care_provider',
    share: 0.09,
    ods: 'VN',
    nhsMoney: 0.4,
    names: [(_t, s) => `${s} House Care Home`, (t) => `${t} Home Care Services`, (_t, s) => `${s} Lodge Nursing Home`, (t) => `${t} Supported Living`],
  },
  {
    type: 'independent_provider',
    share: 0.07,
    ods: 'NV',
    nhsMoney: 0.7,
    names: [
      (t) => `${t} Dental Practice`,
      (t) => `${t} Physiotherapy Clinic`,
      (t) => `${t} Eye Care`,
      (t) => `${t} Hearing Centre`,
      (t, s) => `${s} Road Dental Care, ${t}`,
    ],
  },
  {
    type: 'school_or_university',
    share: 0.04,
    nhsMoney: 0,
    names: [(t) => `${t} Primary School`, (t) => `${t} Academy`, (t, s) => `St ${s}'s Church of England School, ${t}`],
  },
  {
    type: 'nhs_trust',
    share: 0.008,
    ods: 'R',
    nhsMoney: 1,
    names: [(t) => `${t} Teaching Hospitals NHS Trust`, (t) => `${t} Community Healthcare NHS Trust`, (t) => `${t} and District NHS Foundation Trust`],
  },
  { type: 'healthwatch', share: 0.004, nhsMoney: 0.5, names: [(t) => `Healthwatch ${t}`] },
  { type: 'local_authority', share: 0.004, nhsMoney: 0, names: [(t) => `${t} Town Council`] },
  { type: 'commissioner', share: 0.004, ods: 'Q', nhsMoney: 1, names: [(t) => `NHS ${t} Place Commissioning Team`] },
];

function pickRecipe(): TypeRecipe {
  let r = rand() * recipes.reduce((sum, x) => sum + x.share, 0);
  for (const recipe of recipes) {
    r -= recipe.share;
    if (r <= 0) return recipe;
  }
  return recipes[0] as TypeRecipe;
}

function csvValue(value: string): string {
  return /[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** The import file as an organisation list from a local system would give it. */
export function generateOrganisationsCsv(count: number): string {
  const lines = ['name,type,ods_code,address,postcode,website,takes_nhs_money,places'];
  const odsCounters = new Map<string, number>();
  const seen = new Set<string>();
  for (let i = 0; i < count; i++) {
    const recipe = pickRecipe();
    const area = pick(areas);
    let name = '';
    let postcode = '';
    let town = '';
    let street = '';
    // Organisations without an ODS code are told apart by name and postcode: keep those unique.
    do {
      town = pick(area.towns);
      street = pick(streets);
      name = pick(recipe.names)(town, street);
      postcode = `${pick(area.outward)} ${Math.floor(rand() * 10)}${pick([...inwardLetters])}${pick([...inwardLetters])}`;
    } while (seen.has(`${name}|${postcode}`));
    seen.add(`${name}|${postcode}`);
    let ods = '';
    if (recipe.ods) {
      const n = (odsCounters.get(recipe.ods) ?? 0) + 1;
      odsCounters.set(recipe.ods, n);
      ods = `${recipe.ods}${String(n).padStart(6 - recipe.ods.length, '0')}`;
    }
    const address = `${1 + Math.floor(rand() * 240)} ${street} ${pick(streetKinds)}, ${town}`;
    const website =
      rand() < 0.3
        ? `https://www.${name
            .toLowerCase()
            .replace(/[^a-z0-9]+/g, '-')
            .replace(/^-|-$/g, '')}.org.uk`
        : '';
    const nhsMoney = rand() < recipe.nhsMoney ? 'yes' : 'no';
    // About a third say which places they serve: their local authority area, sometimes the ICS too.
    const places = rand() < 0.33 ? (rand() < 0.3 ? `${area.code};West Yorkshire` : area.name) : '';
    lines.push([name, recipe.type, ods, address, postcode, website, nhsMoney, places].map(csvValue).join(','));
  }
  return `${lines.join('\n')}\n`;
}

export const searchTerms = [
  'surgery',
  'medical centre',
  'pharmacy',
  'Headingley',
  'carers',
  'care home',
  'Halifax',
  'health centre',
  'NHS trust',
  'mind',
  'Morley',
  'dental',
];
