// The demo's community directory (stage 2, after the registry's organisations): a taxonomy of 14
// categories, venues with coordinates in the made-up places of Northvale and Eastmoor, and 64
// services of the demo's voluntary groups, council, trusts and practices, with opening times,
// contacts, costs, languages and accessibility. A few were last checked over 6 months ago (their
// owners get the reminder) and one is temporarily closed. Postcode coordinates cover every demo
// postcode, so distance search works from any of them.
import type { DemoContext, DemoStep } from '../../platform/module.js';
import type { ServiceStatus } from './schema.js';

/** Made-up coordinates for the made-up postcodes (north Yorkshire's hills, where no real NV or EM postcode is). */
export const demoPostcodes: Array<{ postcode: string; latitude: number; longitude: number }> = [
  // Northvale: Millbrook (NV1), the hospital (NV2), Castle Hill (NV3), Riverside (NV5)
  { postcode: 'NV1 1AA', latitude: 54.2, longitude: -1.9 },
  { postcode: 'NV1 1TH', latitude: 54.2012, longitude: -1.8981 },
  { postcode: 'NV1 4HW', latitude: 54.1991, longitude: -1.9032 },
  { postcode: 'NV1 2AB', latitude: 54.2068, longitude: -1.9124 },
  { postcode: 'NV1 9GH', latitude: 54.2143, longitude: -1.8897 },
  { postcode: 'NV1 3PK', latitude: 54.2035, longitude: -1.9211 },
  { postcode: 'NV2 3HL', latitude: 54.1882, longitude: -1.8705 },
  { postcode: 'NV3 4CD', latitude: 54.2311, longitude: -1.9452 },
  { postcode: 'NV3 7LB', latitude: 54.2356, longitude: -1.9389 },
  { postcode: 'NV5 6EF', latitude: 54.1704, longitude: -1.9603 },
  { postcode: 'NV5 2RW', latitude: 54.1662, longitude: -1.9718 },
  // Eastmoor: the town centre (EM1, EM2), Moor Lodge (EM3), Fellside (EM4)
  { postcode: 'EM1 1JK', latitude: 54.1803, longitude: -1.6502 },
  { postcode: 'EM1 2CH', latitude: 54.1815, longitude: -1.6455 },
  { postcode: 'EM2 8NP', latitude: 54.1761, longitude: -1.6391 },
  { postcode: 'EM2 5LB', latitude: 54.1738, longitude: -1.6567 },
  { postcode: 'EM3 5ML', latitude: 54.1598, longitude: -1.6102 },
  { postcode: 'EM4 2LM', latitude: 54.1427, longitude: -1.6913 },
  { postcode: 'EM4 6VH', latitude: 54.1389, longitude: -1.7012 },
];

export const demoCategories: Array<[key: string, name: string, description: string]> = [
  ['mental', 'Mental health and wellbeing', 'Talking groups, peer support, crisis cafés and wellbeing activities.'],
  ['active', 'Physical activity', 'Walks, exercise classes, sport and movement for all abilities.'],
  ['conditions', 'Living with a long-term condition', 'Support groups and self-management for diabetes, COPD, heart and other conditions.'],
  ['carers', 'Carers', 'Advice, breaks and support for unpaid carers.'],
  ['older', 'Older people', 'Activities, falls prevention and support to stay independent.'],
  ['food', 'Food and money', 'Food banks, community meals, and help with bills, debts and benefits.'],
  ['advice', 'Advice and advocacy', 'Help to understand rights, make complaints and speak up.'],
  ['learning', 'Learning and skills', 'Classes, English for speakers of other languages, digital skills.'],
  ['social', 'Social groups and loneliness', 'Places to meet people, befriending and clubs.'],
  ['families', 'Children, young people and families', 'Parent groups, youth clubs and family support.'],
  ['disability', 'Deaf and disabled people', 'Support, interpreting and activities for Deaf and disabled people.'],
  ['refugees', 'Refugees and asylum seekers', 'Registration, English classes, advocacy and welcome.'],
  ['nature', 'Gardening and nature', 'Allotments, green spaces and conservation volunteering.'],
  ['volunteering', 'Volunteering', 'Ways to give time: time banks, befriending and helping out.'],
];

interface Venue {
  name: string;
  address1: string;
  city: string;
  postcode: string;
  access: string;
}

const venues: Record<string, Venue> = {
  hub: {
    name: 'The Hub',
    address1: '12 Chapel Street',
    city: 'Northvale',
    postcode: 'NV1 4HW',
    access: 'Step-free entrance, accessible toilet and a hearing loop.',
  },
  millbrookHall: {
    name: 'Millbrook Community Hall',
    address1: '3 Park Lane',
    city: 'Northvale',
    postcode: 'NV1 3PK',
    access: 'Ramp at the side door; accessible toilet; parking for blue badge holders.',
  },
  millbrookPark: {
    name: 'Millbrook Park gates',
    address1: 'Park Lane',
    city: 'Northvale',
    postcode: 'NV1 2AB',
    access: 'Flat tarmac paths; benches every 200 metres.',
  },
  library: {
    name: 'Northvale Library',
    address1: '1 Market Street',
    city: 'Northvale',
    postcode: 'NV1 1AA',
    access: 'Lift to all floors, hearing loop at the desk, large-print books.',
  },
  townHall: {
    name: 'Northvale Town Hall',
    address1: 'Town Hall Square',
    city: 'Northvale',
    postcode: 'NV1 1TH',
    access: 'Step-free entrance on Square Street.',
  },
  hospital: {
    name: 'Northvale General Hospital',
    address1: 'Hospital Lane',
    city: 'Northvale',
    postcode: 'NV2 3HL',
    access: 'Step-free throughout; wheelchairs to borrow at the main entrance.',
  },
  castleCentre: {
    name: 'Castle Hill Community Centre',
    address1: '40 Castle Road',
    city: 'Northvale',
    postcode: 'NV3 7LB',
    access: 'Ground floor only; accessible toilet.',
  },
  shed: {
    name: "Castle Hill Men's Shed",
    address1: 'Unit 2, Mill Yard',
    city: 'Northvale',
    postcode: 'NV3 4CD',
    access: 'Level access to the workshop; no accessible toilet.',
  },
  riversideChurch: {
    name: 'Riverside Methodist Church Hall',
    address1: 'Water Street',
    city: 'Northvale',
    postcode: 'NV5 6EF',
    access: 'Two steps at the front; ramp at the back door on request.',
  },
  allotments: {
    name: 'Riverside Allotments',
    address1: 'Towpath Lane',
    city: 'Northvale',
    postcode: 'NV5 2RW',
    access: 'Raised beds and a wide gravel path to the meeting hut.',
  },
  eastmoorCentre: {
    name: 'Eastmoor Town Centre Hub',
    address1: '5 Church Street',
    city: 'Eastmoor',
    postcode: 'EM1 2CH',
    access: 'Step-free entrance, lift, hearing loop, quiet room.',
  },
  eastmoorLibrary: {
    name: 'Eastmoor Library',
    address1: '2 High Street',
    city: 'Eastmoor',
    postcode: 'EM1 1JK',
    access: 'Step-free; accessible toilet; hearing loop.',
  },
  moorviewHall: {
    name: 'Moorview Hall',
    address1: '18 Moorview Road',
    city: 'Eastmoor',
    postcode: 'EM2 8NP',
    access: 'Step-free; dementia-friendly signs; accessible toilet.',
  },
  leisure: {
    name: 'Eastmoor Leisure Centre',
    address1: 'Bridge Road',
    city: 'Eastmoor',
    postcode: 'EM2 5LB',
    access: 'Pool hoist, accessible changing rooms, lift.',
  },
  moorLodge: { name: 'Moor Lodge', address1: 'Moor Lane', city: 'Eastmoor', postcode: 'EM3 5ML', access: 'Step-free; quiet waiting area.' },
  fellsideHall: {
    name: 'Fellside Village Hall',
    address1: 'The Green',
    city: 'Fellside',
    postcode: 'EM4 6VH',
    access: 'Step-free; accessible toilet; hearing loop.',
  },
  foodbank: {
    name: 'Fellside Food Bank',
    address1: 'Unit 4, Fell Road',
    city: 'Fellside',
    postcode: 'EM4 2LM',
    access: 'Level access; we can bring parcels to the car.',
  },
};

const coordinatesOf = new Map(demoPostcodes.map((p) => [p.postcode, p]));

type Day = 'MO' | 'TU' | 'WE' | 'TH' | 'FR' | 'SA' | 'SU';

/** [organisation key, name, description, categories, venue, days, opens, closes, cost (pounds, 0 free), languages] */
type DemoService = [string, string, string, string[], string, Day[], string, string, number, string[]];

const services: DemoService[] = [
  [
    'diabetes',
    'Diabetes peer support meeting',
    'A monthly meeting for people with type 1 or type 2 diabetes and their families: talks from nurses, recipes and sharing what works.',
    ['conditions', 'social'],
    'millbrookHall',
    ['WE'],
    '18:30',
    '20:30',
    0,
    ['English'],
  ],
  [
    'diabetes',
    'Diabetes walking and talking',
    'A gentle weekly walk for people with diabetes, with a chance to talk about managing blood sugar.',
    ['conditions', 'active'],
    'millbrookPark',
    ['SA'],
    '10:00',
    '11:00',
    0,
    ['English'],
  ],
  [
    'diabetes',
    'Cooking on a budget for diabetes',
    'Six-week cookery course: healthy meals for less, and understanding food labels.',
    ['conditions', 'food', 'learning'],
    'castleCentre',
    ['TU'],
    '13:00',
    '15:00',
    2,
    ['English', 'Urdu'],
  ],
  [
    'breathe',
    'Singing for lung health',
    'Breathing exercises and singing for people with COPD and other lung conditions. No singing experience needed.',
    ['conditions', 'active', 'social'],
    'eastmoorCentre',
    ['TH'],
    '14:00',
    '15:30',
    2,
    ['English'],
  ],
  [
    'breathe',
    'Chair-based exercise for breathlessness',
    'Seated exercise led by a trained instructor, at your own pace.',
    ['conditions', 'active', 'older'],
    'moorviewHall',
    ['MO'],
    '10:30',
    '11:30',
    3,
    ['English'],
  ],
  [
    'breathe',
    'Breathe Easy support group',
    'Peer support for people with lung conditions and their carers; visiting speakers every month.',
    ['conditions', 'carers'],
    'eastmoorLibrary',
    ['TU'],
    '14:00',
    '16:00',
    0,
    ['English'],
  ],
  [
    'mind',
    'Crisis café',
    'An out-of-hours place to talk when things feel too much. No appointment, no referral needed.',
    ['mental'],
    'hub',
    ['FR', 'SA', 'SU'],
    '18:00',
    '23:00',
    0,
    ['English', 'Polish'],
  ],
  [
    'mind',
    'Talking group for anxiety',
    'A weekly group for people living with anxiety, led by a trained facilitator.',
    ['mental', 'social'],
    'eastmoorCentre',
    ['WE'],
    '11:00',
    '12:30',
    0,
    ['English'],
  ],
  [
    'mind',
    'Wellbeing walks',
    'Walks in green spaces to lift the mood: go at your own pace, talk or keep quiet.',
    ['mental', 'active', 'nature'],
    'allotments',
    ['TH'],
    '10:00',
    '11:30',
    0,
    ['English'],
  ],
  [
    'mind',
    'Men’s mental health group',
    'A space for men to talk about how things are going, over a brew.',
    ['mental', 'social'],
    'castleCentre',
    ['MO'],
    '19:00',
    '20:30',
    0,
    ['English'],
  ],
  [
    'mind',
    'Mindfulness course',
    'An eight-week course in mindfulness to manage stress and low mood.',
    ['mental', 'learning'],
    'library',
    ['TU'],
    '18:00',
    '19:30',
    5,
    ['English'],
  ],
  [
    'mind',
    'Young people’s wellbeing drop-in',
    'For 14 to 25 year olds: talk to a youth worker about anything on your mind.',
    ['mental', 'families'],
    'eastmoorLibrary',
    ['TH'],
    '16:00',
    '18:00',
    0,
    ['English', 'Bengali'],
  ],
  [
    'allotment',
    'Community growing days',
    'Grow fruit and vegetables together; take some home. Tools and gloves provided.',
    ['nature', 'social', 'food'],
    'allotments',
    ['WE', 'SA'],
    '10:00',
    '13:00',
    0,
    ['English'],
  ],
  [
    'allotment',
    'Therapeutic gardening',
    'Gardening sessions for people referred by social prescribers and GP practices.',
    ['nature', 'mental'],
    'allotments',
    ['TU'],
    '10:00',
    '12:00',
    0,
    ['English'],
  ],
  [
    'allotment',
    'Seed swap and growing advice',
    'Bring seeds, take seeds, and ask our growers anything.',
    ['nature', 'learning'],
    'library',
    ['SA'],
    '10:00',
    '12:00',
    0,
    ['English'],
  ],
  [
    'falls',
    'Strength and balance classes',
    'Twelve-week classes to build strength and balance and prevent falls.',
    ['older', 'active'],
    'fellsideHall',
    ['MO', 'TH'],
    '10:00',
    '11:00',
    2,
    ['English'],
  ],
  [
    'falls',
    'Falls prevention home check',
    'A volunteer visits to help make your home safer: rugs, lighting, rails.',
    ['older', 'advice'],
    'fellsideHall',
    ['TU'],
    '09:00',
    '17:00',
    0,
    ['English'],
  ],
  [
    'falls',
    'Tai chi for beginners',
    'Slow, gentle movement to improve balance and confidence.',
    ['older', 'active'],
    'moorviewHall',
    ['WE'],
    '14:00',
    '15:00',
    3,
    ['English'],
  ],
  [
    'timebank',
    'Time bank welcome session',
    'Find out how the time bank works: give an hour, get an hour.',
    ['volunteering', 'social'],
    'hub',
    ['WE'],
    '10:00',
    '11:00',
    0,
    ['English'],
  ],
  [
    'timebank',
    'Skills swap café',
    'Swap skills with neighbours: sewing, bike repair, computers, cooking.',
    ['volunteering', 'learning', 'social'],
    'millbrookHall',
    ['SA'],
    '11:00',
    '14:00',
    0,
    ['English', 'Polish'],
  ],
  [
    'carers',
    'Carers’ advice line and drop-in',
    'Advice for unpaid carers: benefits, breaks, and carers assessments.',
    ['carers', 'advice'],
    'hub',
    ['MO', 'TU', 'WE', 'TH', 'FR'],
    '09:30',
    '16:30',
    0,
    ['English', 'Punjabi'],
  ],
  [
    'carers',
    'Carers’ coffee morning',
    'Meet other carers for a coffee and a chat.',
    ['carers', 'social'],
    'eastmoorCentre',
    ['FR'],
    '10:00',
    '12:00',
    0,
    ['English'],
  ],
  [
    'carers',
    'Young carers club',
    'Fun, breaks and support for young carers aged 8 to 17.',
    ['carers', 'families'],
    'castleCentre',
    ['TH'],
    '16:30',
    '18:30',
    0,
    ['English'],
  ],
  [
    'carers',
    'Carers’ wellbeing breaks',
    'Short breaks and pampering days so carers can recharge.',
    ['carers', 'mental'],
    'fellsideHall',
    ['SA'],
    '10:00',
    '15:00',
    0,
    ['English'],
  ],
  [
    'mensshed',
    'Men’s Shed workshop',
    'Woodwork, repairs and making things together, with tea and talk.',
    ['social', 'learning', 'mental'],
    'shed',
    ['TU', 'TH'],
    '10:00',
    '15:00',
    1,
    ['English'],
  ],
  [
    'mensshed',
    'Repair café',
    'Bring broken things; we fix them with you and teach you how.',
    ['social', 'volunteering'],
    'shed',
    ['SA'],
    '10:00',
    '13:00',
    0,
    ['English'],
  ],
  [
    'dementia',
    'Dementia café',
    'A weekly café for people living with dementia and those who care for them.',
    ['older', 'carers', 'social'],
    'moorviewHall',
    ['WE'],
    '10:00',
    '12:00',
    0,
    ['English'],
  ],
  [
    'dementia',
    'Memory singing group',
    'Singing familiar songs together: joyful and good for memory.',
    ['older', 'social'],
    'eastmoorCentre',
    ['MO'],
    '14:00',
    '15:00',
    0,
    ['English'],
  ],
  [
    'dementia',
    'Dementia carers’ support group',
    'Peer support and information for family carers of people with dementia.',
    ['carers', 'older', 'advice'],
    'moorviewHall',
    ['TH'],
    '18:00',
    '19:30',
    0,
    ['English'],
  ],
  [
    'walking',
    'Led health walks',
    'Free walks of 30 to 90 minutes led by trained volunteers, every weekday.',
    ['active', 'social'],
    'millbrookPark',
    ['MO', 'TU', 'WE', 'TH', 'FR'],
    '10:00',
    '11:30',
    0,
    ['English'],
  ],
  [
    'walking',
    'Buggy walks for parents',
    'Walks with pushchairs and a cuppa afterwards.',
    ['active', 'families'],
    'millbrookPark',
    ['WE'],
    '13:30',
    '14:30',
    0,
    ['English'],
  ],
  [
    'walking',
    'Nordic walking',
    'Walking with poles for a full-body workout; poles to borrow.',
    ['active'],
    'allotments',
    ['SU'],
    '09:30',
    '11:00',
    3,
    ['English'],
  ],
  [
    'deaf',
    'British Sign Language interpreting',
    'Book a BSL interpreter for health appointments.',
    ['disability', 'advice'],
    'hub',
    ['MO', 'TU', 'WE', 'TH', 'FR'],
    '09:00',
    '17:00',
    0,
    ['British Sign Language', 'English'],
  ],
  [
    'deaf',
    'Deaf social club',
    'A monthly social club for Deaf people and signers.',
    ['disability', 'social'],
    'hub',
    ['FR'],
    '18:30',
    '21:00',
    0,
    ['British Sign Language'],
  ],
  [
    'deaf',
    'BSL for beginners',
    'Learn British Sign Language level 1 over ten weeks.',
    ['disability', 'learning'],
    'library',
    ['WE'],
    '18:00',
    '20:00',
    60,
    ['British Sign Language', 'English'],
  ],
  [
    'refugee',
    'GP registration help',
    'Help to register with a GP and understand the NHS.',
    ['refugees', 'advice'],
    'eastmoorCentre',
    ['TU'],
    '10:00',
    '13:00',
    0,
    ['English', 'Arabic', 'Farsi', 'Tigrinya'],
  ],
  [
    'refugee',
    'English conversation club',
    'Practise speaking English in a friendly group.',
    ['refugees', 'learning', 'social'],
    'eastmoorLibrary',
    ['MO', 'TH'],
    '13:00',
    '15:00',
    0,
    ['English', 'Arabic', 'Kurdish'],
  ],
  [
    'refugee',
    'Welcome lunch',
    'A shared lunch for newcomers and neighbours.',
    ['refugees', 'social', 'food'],
    'eastmoorCentre',
    ['FR'],
    '12:00',
    '14:00',
    0,
    ['English', 'Arabic', 'Ukrainian'],
  ],
  [
    'foodbank',
    'Emergency food parcels',
    'Three days of food for people in crisis, with a referral or a voucher.',
    ['food'],
    'foodbank',
    ['MO', 'WE', 'FR'],
    '10:00',
    '14:00',
    0,
    ['English', 'Polish'],
  ],
  [
    'foodbank',
    'Money advice at the food bank',
    'Advisers help with debts, benefits and energy bills.',
    ['food', 'advice'],
    'foodbank',
    ['WE'],
    '10:00',
    '14:00',
    0,
    ['English'],
  ],
  [
    'foodbank',
    'Community pantry',
    'Pay £3.50 a week for a bag of groceries worth much more.',
    ['food'],
    'fellsideHall',
    ['TH'],
    '15:00',
    '18:00',
    3.5,
    ['English'],
  ],
  [
    'council',
    'Adult social care front door',
    'Ask for help with care and support at home, or a carers assessment.',
    ['older', 'carers', 'disability'],
    'townHall',
    ['MO', 'TU', 'WE', 'TH', 'FR'],
    '09:00',
    '17:00',
    0,
    ['English'],
  ],
  [
    'council',
    'Stop smoking service',
    'Free one-to-one support and medication to stop smoking.',
    ['conditions'],
    'library',
    ['TU', 'TH'],
    '09:00',
    '17:00',
    0,
    ['English', 'Urdu', 'Polish'],
  ],
  [
    'council',
    'Healthy weight programme',
    'A twelve-week programme on food, activity and wellbeing.',
    ['active', 'food'],
    'leisure',
    ['MO'],
    '18:00',
    '19:30',
    0,
    ['English'],
  ],
  [
    'council',
    'Family hub',
    'Support for families with children 0 to 19: parenting, feeding, play.',
    ['families'],
    'castleCentre',
    ['MO', 'TU', 'WE', 'TH', 'FR'],
    '09:00',
    '16:00',
    0,
    ['English', 'Romanian'],
  ],
  [
    'council',
    'Welfare rights advice',
    'Specialist advice on benefits claims and appeals.',
    ['advice', 'food'],
    'townHall',
    ['TU', 'TH'],
    '10:00',
    '16:00',
    0,
    ['English'],
  ],
  [
    'council',
    'Active leisure for over-60s',
    'Swimming and gym sessions at a reduced price for people over 60.',
    ['active', 'older'],
    'leisure',
    ['MO', 'WE', 'FR'],
    '09:00',
    '12:00',
    2.5,
    ['English'],
  ],
  [
    'council',
    'Youth club',
    'Games, sport, cooking and trips for 11 to 18 year olds.',
    ['families', 'social'],
    'riversideChurch',
    ['TU', 'FR'],
    '18:00',
    '21:00',
    0.5,
    ['English'],
  ],
  [
    'community',
    'Talking therapies',
    'Free NHS talking therapies for anxiety and depression; refer yourself.',
    ['mental'],
    'moorLodge',
    ['MO', 'TU', 'WE', 'TH', 'FR'],
    '08:30',
    '18:00',
    0,
    ['English', 'Polish', 'Urdu'],
  ],
  [
    'community',
    'Pulmonary rehabilitation',
    'An NHS exercise and education programme for people with lung conditions.',
    ['conditions', 'active'],
    'leisure',
    ['TU', 'FR'],
    '13:00',
    '15:00',
    0,
    ['English'],
  ],
  [
    'community',
    'Memory assessment service',
    'Assessment and diagnosis for memory problems, with support after.',
    ['older', 'mental'],
    'moorLodge',
    ['WE'],
    '09:00',
    '17:00',
    0,
    ['English'],
  ],
  [
    'acute',
    'Hospital patient advice and liaison (PALS)',
    'Help with concerns about care at the hospital, and how to complain.',
    ['advice'],
    'hospital',
    ['MO', 'TU', 'WE', 'TH', 'FR'],
    '09:00',
    '16:30',
    0,
    ['English'],
  ],
  [
    'acute',
    'Cardiac rehabilitation',
    'Exercise and education after a heart attack or heart surgery.',
    ['conditions', 'active'],
    'hospital',
    ['MO', 'TH'],
    '10:00',
    '12:00',
    0,
    ['English'],
  ],
  [
    'healthwatch',
    'Healthwatch information and signposting',
    'Find the right health or care service, and tell us about your experience.',
    ['advice'],
    'hub',
    ['MO', 'TU', 'WE', 'TH', 'FR'],
    '09:30',
    '16:30',
    0,
    ['English'],
  ],
  [
    'healthwatch',
    'Enter and View volunteering',
    'Volunteer to visit care services and report what people say.',
    ['volunteering', 'advice'],
    'hub',
    ['TH'],
    '10:00',
    '12:00',
    0,
    ['English'],
  ],
  [
    'cvs',
    'Volunteer centre',
    'Find a volunteering role that suits you, with support to start.',
    ['volunteering'],
    'hub',
    ['TU', 'WE', 'TH'],
    '10:00',
    '15:00',
    0,
    ['English'],
  ],
  [
    'cvs',
    'Befriending service',
    'A volunteer visits or phones every week for a friendly chat.',
    ['social', 'older', 'volunteering'],
    'hub',
    ['MO', 'TU', 'WE', 'TH', 'FR'],
    '09:00',
    '17:00',
    0,
    ['English', 'Gujarati'],
  ],
  [
    'cvs',
    'Digital skills drop-in',
    'Help with phones, tablets, the NHS App and getting online.',
    ['learning', 'older'],
    'library',
    ['FR'],
    '10:00',
    '12:00',
    0,
    ['English'],
  ],
  [
    'alliance',
    'Community chest grants advice',
    'Advice for small groups applying for community chest grants.',
    ['advice', 'volunteering'],
    'hub',
    ['WE'],
    '14:00',
    '16:00',
    0,
    ['English'],
  ],
  [
    'pMillbrook',
    'Social prescribing link worker',
    'A link worker helps you find groups and activities for what matters to you. Ask at reception.',
    ['mental', 'social', 'advice'],
    'millbrookHall',
    ['MO', 'WE', 'FR'],
    '09:00',
    '17:00',
    0,
    ['English'],
  ],
  [
    'pCastle',
    'Health checks for over-40s',
    'A free NHS health check for people aged 40 to 74.',
    ['conditions'],
    'castleCentre',
    ['TU'],
    '09:00',
    '12:00',
    0,
    ['English'],
  ],
  [
    'pRiverside',
    'Baby clinic',
    'Weigh-ins, advice and immunisations for babies and toddlers.',
    ['families'],
    'riversideChurch',
    ['TH'],
    '13:30',
    '15:30',
    0,
    ['English', 'Romanian'],
  ],
  [
    'pTown',
    'Social prescribing link worker (Eastmoor)',
    'Our link worker connects you with community groups and support.',
    ['mental', 'social', 'advice'],
    'eastmoorCentre',
    ['TU', 'TH'],
    '09:00',
    '17:00',
    0,
    ['English', 'Bengali'],
  ],
  [
    'pFellside',
    'Living well with long-term conditions course',
    'A six-week self-management course for any long-term condition.',
    ['conditions', 'learning'],
    'fellsideHall',
    ['WE'],
    '10:00',
    '12:30',
    0,
    ['English'],
  ],
  [
    'pMoorview',
    'Menopause support group',
    'Information and peer support about the menopause.',
    ['conditions', 'social'],
    'moorviewHall',
    ['TU'],
    '18:30',
    '20:00',
    0,
    ['English'],
  ],
];

/** Stable demo UUIDs: the same demo always has the same ids (handy in links and tests). */
function demoUuid(kind: number, n: number): string {
  return `d0000000-0000-4000-8${String(kind).padStart(3, '0')}-${String(n).padStart(12, '0')}`;
}

async function loadDirectoryDemo({ db, id }: DemoContext): Promise<void> {
  await db
    .insertInto('directory_postcode')
    .values(demoPostcodes)
    .onConflict((oc) => oc.column('postcode').doNothing())
    .execute();
  const taxonomyId = demoUuid(1, 1);
  await db
    .insertInto('directory_taxonomy')
    .values({
      id: taxonomyId,
      name: 'Involve community categories',
      description: 'The categories of the demo community directory.',
      uri: 'https://involve.localhost/openreferral/taxonomies',
      version: '1',
    })
    .execute();
  const termIds = new Map<string, string>();
  await db
    .insertInto('directory_taxonomy_term')
    .values(
      demoCategories.map(([key, name, description], i) => {
        const termId = demoUuid(2, i + 1);
        termIds.set(key, termId);
        return { id: termId, name, description, taxonomy: 'Involve community categories', taxonomy_id: taxonomyId, term: key };
      }),
    )
    .execute();

  const organisationKeys = [...new Set(services.map((s) => s[0]))];
  await db
    .insertInto('directory_organisation')
    .values(organisationKeys.map((key, i) => ({ organisation_id: id(`organisation:${key}`), oruk_id: demoUuid(3, i + 1) })))
    .execute();

  const locationIds = new Map<string, string>();
  const venueKeys = Object.keys(venues);
  await db
    .insertInto('directory_location')
    .values(
      venueKeys.map((key, i) => {
        const venue = venues[key] as Venue;
        const point = coordinatesOf.get(venue.postcode);
        const locationId = demoUuid(4, i + 1);
        locationIds.set(key, locationId);
        return { id: locationId, location_type: 'physical' as const, name: venue.name, latitude: point?.latitude ?? null, longitude: point?.longitude ?? null };
      }),
    )
    .execute();
  await db
    .insertInto('directory_address')
    .values(
      venueKeys.map((key) => {
        const venue = venues[key] as Venue;
        return {
          location_id: locationIds.get(key) as string,
          address_1: venue.address1,
          city: venue.city,
          state_province: 'England',
          postal_code: venue.postcode,
          country: 'GB',
          address_type: 'physical' as const,
        };
      }),
    )
    .execute();
  await db
    .insertInto('directory_accessibility')
    .values(venueKeys.map((key) => ({ location_id: locationIds.get(key) as string, description: (venues[key] as Venue).access })))
    .execute();

  const today = new Date();
  const daysAgo = (n: number) => new Date(today.getTime() - n * 86_400_000).toISOString().slice(0, 10);
  for (const [i, [orgKey, name, description, categories, venueKey, days, opens, closes, cost, languages]] of services.entries()) {
    const serviceId = demoUuid(5, i + 1);
    // Every seventh entry was last checked over six months ago; the crisis café is closed for now.
    const overdue = i % 7 === 3;
    const status: ServiceStatus = name === 'Crisis café' ? 'temporarily closed' : 'active';
    await db
      .insertInto('directory_service')
      .values({
        id: serviceId,
        organisation_id: id(`organisation:${orgKey}`),
        name,
        description,
        status,
        email: `hello+${i + 1}@demo.involve.localhost`,
        fees: cost ? `£${cost.toFixed(2)} a session` : 'Free',
        eligibility_description: name.includes('Young carers')
          ? 'Young carers aged 8 to 17.'
          : name.includes('Youth')
            ? 'Young people aged 11 to 18.'
            : name.includes('over-60s')
              ? 'People aged 60 and over.'
              : null,
        minimum_age: name.includes('Young carers') ? 8 : name.includes('Youth') ? 11 : name.includes('over-60s') ? 60 : null,
        maximum_age: name.includes('Young carers') ? 17 : name.includes('Youth') ? 18 : null,
        alert: status === 'temporarily closed' ? 'Closed while the Hub is refurbished; we reopen in the new year. Call us meanwhile.' : null,
        last_checked: overdue ? daysAgo(200 + i) : daysAgo(i * 2),
        last_modified: new Date(`${overdue ? daysAgo(200 + i) : daysAgo(i * 2)}T09:00:00Z`),
      })
      .execute();
    const salId = demoUuid(6, i + 1);
    await db
      .insertInto('directory_service_at_location')
      .values({ id: salId, service_id: serviceId, location_id: locationIds.get(venueKey) as string })
      .execute();
    await db
      .insertInto('directory_schedule')
      .values({
        service_id: serviceId,
        service_at_location_id: salId,
        freq: 'WEEKLY',
        interval: 1,
        byday: days.join(','),
        opens_at: `${opens}:00`,
        closes_at: `${closes}:00`,
        description: `${days.length === 5 ? 'Weekdays' : 'Every week'}, ${opens} to ${closes}`,
        attending_type: 'in_person',
      })
      .execute();
    const contactId = demoUuid(7, i + 1);
    await db
      .insertInto('directory_contact')
      .values({ id: contactId, service_id: serviceId, name: `Demo contact ${i + 1}`, title: 'Organiser', email: `hello+${i + 1}@demo.involve.localhost` })
      .execute();
    const phoneId = demoUuid(8, i + 1);
    await db
      .insertInto('directory_phone')
      .values({ id: phoneId, contact_id: contactId, number: `01632 960${String(100 + i).padStart(3, '0')}`, description: 'Leave a message if no one answers.' })
      .execute();
    await db
      .insertInto('directory_language')
      .values(
        languages.map((language, j) => ({
          service_id: serviceId,
          phone_id: j === 0 ? phoneId : null,
          name: language,
          code: language === 'British Sign Language' ? 'bfi' : (languageCode[language] ?? null),
        })),
      )
      .execute();
    await db
      .insertInto('directory_cost_option')
      .values({ service_id: serviceId, option: 'Everyone', amount: cost, amount_description: cost ? 'per session' : 'free' })
      .execute();
    if (i % 4 === 0)
      await db.insertInto('directory_funding').values({ service_id: serviceId, source: 'Demo: Northvale and Eastmoor community chest' }).execute();
    await db
      .insertInto('directory_service_area')
      .values({
        service_id: serviceId,
        name:
          venueKey.startsWith('eastmoor') || ['moorviewHall', 'leisure', 'moorLodge', 'fellsideHall', 'foodbank'].includes(venueKey) ? 'Eastmoor' : 'Northvale',
        extent_type: 'local_authority',
      })
      .execute();
    await db
      .insertInto('directory_attribute')
      .values(categories.map((key) => ({ link_id: serviceId, link_entity: 'service', link_type: 'category', taxonomy_term_id: termIds.get(key) as string })))
      .execute();
  }
}

const languageCode: Record<string, string> = {
  English: 'en',
  Polish: 'pl',
  Urdu: 'ur',
  Bengali: 'bn',
  Punjabi: 'pa',
  Arabic: 'ar',
  Farsi: 'fa',
  Tigrinya: 'ti',
  Kurdish: 'ku',
  Ukrainian: 'uk',
  Romanian: 'ro',
  Gujarati: 'gu',
};

export const directoryDemo: DemoStep[] = [{ stage: 2, load: loadDirectoryDemo }];
