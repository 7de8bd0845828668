// Unit tests for de-identification: each kind with hand-worked examples, look-alikes that must not be
// flagged, UTF-16 offsets, overlaps and redact().
import { describe, expect, it } from 'vitest';
import { findIdentifiers, redact, resolveOverlaps } from './deidentify.js';
import { isValidNhsNumber, nhsCheckDigit } from './rules/nhsNumber.js';
import type { IdentifierKind } from './types.js';

/** The [kind, text] of every span found, in order. */
function found(text: string): Array<[IdentifierKind, string]> {
  return findIdentifiers(text).map((span) => [span.kind, text.slice(span.start, span.end)]);
}

function foundOf(kind: IdentifierKind, text: string): string[] {
  return found(text)
    .filter(([k]) => k === kind)
    .map(([, t]) => t);
}

describe('NHS numbers (Modulus 11)', () => {
  it('computes the check digit by hand-worked examples', () => {
    // 9×10 + 4×9 + 3×8 + 4×7 + 7×6 + 6×5 + 5×4 + 9×3 + 1×2 = 299; 299 mod 11 = 2; 11 − 2 = 9.
    expect(nhsCheckDigit('943476591')).toBe(9);
    // 4×10 + 2×2 = 44; 44 mod 11 = 0; 11 − 0 = 11, which becomes 0.
    expect(nhsCheckDigit('400000002')).toBe(0);
    // 4×10 + 8×2 = 56; 56 mod 11 = 1; 11 − 1 = 10: no NHS number starts with these nine digits.
    expect(nhsCheckDigit('400000008')).toBeNull();
    expect(() => nhsCheckDigit('12345')).toThrow(/nine digits/);
  });

  it('accepts valid numbers in any spacing and refuses the rest', () => {
    expect(isValidNhsNumber('9434765919')).toBe(true);
    expect(isValidNhsNumber('943 476 5919')).toBe(true);
    expect(isValidNhsNumber('943-476-5919')).toBe(true);
    expect(isValidNhsNumber('4000000020')).toBe(true);
    expect(isValidNhsNumber('9434765918')).toBe(false); // wrong check digit
    expect(isValidNhsNumber('4000000080')).toBe(false); // check digit would be 10
    expect(isValidNhsNumber('943476591')).toBe(false); // nine digits
  });

  it('finds valid numbers written 3-3-4 with spaces, dashes, dots or nothing', () => {
    for (const written of ['943 476 5919', '943-476-5919', '9434765919', '943.476.5919', '943 4765919']) {
      expect(found(`My NHS number is ${written}, please check.`)).toEqual([['nhs_number', written]]);
    }
    expect(findIdentifiers('NHS no 943 476 5919')[0]?.confidence).toBe(0.99);
  });

  it('does not flag ten-digit look-alikes that fail the check', () => {
    expect(found('My complaint reference is 6600193643 and nothing has happened.')).toEqual([]);
    expect(found('Hospital number 356 735 8100 was on the wristband.')).toEqual([]);
    expect(found('Invoice 8547553491 for my private scan.')).toEqual([]);
  });

  it('does not take ten digits out of a longer number', () => {
    expect(foundOf('nhs_number', 'Card 19434765919 and 94347659190.')).toEqual([]);
    expect(foundOf('nhs_number', 'Ref K9434765919')).toEqual([]);
  });

  it('leaves a phone-shaped number starting 0 to the phone rule', () => {
    // 01134960000 is 11 digits: a phone; 0800 123456 is a 10-digit freephone number.
    expect(found('Ring 0800 123456 today.')).toEqual([['phone', '0800 123456']]);
  });
});

describe('phone numbers', () => {
  it.each([
    '0113 496 0321',
    '(0113) 496 0321',
    '0113-496-0321',
    '01134960321',
    '020 7946 0321',
    '0208 496 0123',
    '01632 960 123',
    '07700 900123',
    '07700 900 123',
    '07700-900-123',
    '+44 7700 900123',
    '+44 (0)7700 900123',
    '+447700900123',
    '+44 113 496 0321',
    '0306 999 0123',
    '0808 157 0192',
    '0800 1111',
  ])('finds %s', (number) => {
    expect(found(`Please call ${number} after 5pm.`)).toEqual([['phone', number]]);
  });

  it('stops at the end of the number', () => {
    expect(found('Ring 07700 900123 2 times.')).toEqual([['phone', '07700 900123']]);
    expect(found('My number is 0113 496 0900 ext 2.')).toEqual([['phone', '0113 496 0900']]);
  });

  it('does not flag short numbers, times, doses or dates', () => {
    for (const text of [
      'I rang NHS 111 and then 999.',
      'The ward phone extension 54321 rang out.',
      'Come back at 0800 for a scan.',
      'Take 0.5mg at 07:42.',
      'Reply STOP to 60060.',
      'Born 03-02-1958.',
      'The 0845 number costs a fortune.',
      'Eleven digits but no leading zero: 12345678901.',
    ]) {
      expect(foundOf('phone', text)).toEqual([]);
    }
  });
});

describe('email addresses', () => {
  it('finds addresses with dots, plus signs, numbers and several domain parts', () => {
    expect(found('Write to sam.r.taylor+nhs@example.co.uk today.')).toEqual([['email', 'sam.r.taylor+nhs@example.co.uk']]);
    expect(found('Email: bigdave_1958@example.com.')).toEqual([['email', 'bigdave_1958@example.com']]);
    expect(found('PALS (pals@example.nhs.uk) replied.')).toEqual([['email', 'pals@example.nhs.uk']]);
    expect(findIdentifiers('a@example.org')[0]?.confidence).toBe(0.99);
  });

  it('does not flag things that only look a little like addresses', () => {
    expect(foundOf('email', 'Meet @ 3pm at the front desk.')).toEqual([]);
    expect(foundOf('email', 'Follow us @LeedsHospitals.')).toEqual([]);
    expect(foundOf('email', 'name@localhost')).toEqual([]);
  });
});

describe('postcodes', () => {
  it.each(['LS6 2QT', 'ls6 2qt', 'LS62QT', 'ls62qt', 'SW1A 1AA', 'EC1A 1BB', 'W1A 0AX', 'M1 1AE', 'B33 8TH', 'CR2 6XH', 'DN55 1PT'])('finds %s', (postcode) => {
    expect(found(`We live near ${postcode}, sadly.`)).toEqual([['postcode', postcode]]);
  });

  it('does not flag outward codes alone, roads, rooms or times', () => {
    for (const text of [
      'I live in LS6 and the practice is in LS7.',
      'Take the A61 north, then the M1.',
      'Ward L14 at 3am.',
      'Vitamin B12 4pm every day.',
      'Practice code B86015.',
      'QA1 1AA is not a postcode: no area starts with Q.',
    ]) {
      expect(foundOf('postcode', text)).toEqual([]);
    }
  });

  it('is less sure of lower case written without the space', () => {
    expect(findIdentifiers('bd96rx')[0]?.confidence).toBeLessThan(findIdentifiers('BD9 6RX')[0]?.confidence ?? 0);
  });
});

describe('dates', () => {
  it.each([
    '14/06/1952',
    '3/4/24',
    '03.09.1948',
    '9.2.24',
    '03-02-1958',
    '2024-03-03',
    '3rd March 2024',
    '3 March 2024',
    '4th of May 2023',
    '15 Feb 2024',
    '5th Sept 2023',
    'March 3, 2024',
    'January 9, 2024',
    '6th jan 1988',
  ])('finds %s', (date) => {
    expect(found(`It happened on ${date} at the hospital.`)).toEqual([['date', date]]);
  });

  it('finds a day and month without a year only as a birthday or date of birth', () => {
    expect(found('I was born on 5th November and the system got it wrong.')).toEqual([['date', '5th November']]);
    expect(found('DOB 3 March, please update it.')).toEqual([['date', '3 March']]);
    expect(found('His birthday is 22nd September.')).toEqual([['date', '22nd September']]);
    expect(foundOf('date', 'On 5th November the clinic was shut.')).toEqual([]);
  });

  it('does not flag years, months, times, scores or impossible dates', () => {
    for (const text of [
      'In 2019 I moved here.',
      'I have waited since March 2024.',
      'Pain 8/10, open 24/7, blood pressure 165/100.',
      'Seen at 10.30 and again at 14:15.',
      'The letter said the 3rd.',
      'Not a date: 31/31/2024 or 0/0/2024.',
      'Version 2.5.10 of the app.',
    ]) {
      expect(foundOf('date', text)).toEqual([]);
    }
  });
});

describe('addresses', () => {
  it.each(['12 Acacia Avenue', '14a Station Road', 'Flat 3, 4 Mill Lane', 'Flat 2b, 19 Harehills Lane', '8 The Crescent', '101 Roundhay Road', '2B Carr Lane'])(
    'finds %s',
    (address) => {
      expect(found(`Please write to ${address}, Leeds.`)).toEqual([['address', address]]);
    },
  );

  it('finds a flat in a named building, and keeps a flat, building and street together', () => {
    expect(found('Flat 9, Marlborough Towers, Leeds.')).toEqual([['address', 'Flat 9, Marlborough Towers']]);
    expect(found('Flat 7, Brunswick House, 3 Brunswick Place, Hove')).toEqual([['address', 'Flat 7, Brunswick House, 3 Brunswick Place']]);
  });

  it('does not flag a street without a number, a ward or a year before a street', () => {
    for (const text of ['I live on Station Road.', 'Ward 7 was full.', 'In 2021 Station Road was closed.', 'Clinic 3 at St Mary’s.', 'The 72 bus.']) {
      expect(foundOf('address', text)).toEqual([]);
    }
  });

  it('keeps a name in a street name out of the names', () => {
    expect(found('The ambulance went to 14 Victoria Street.')).toEqual([['address', '14 Victoria Street']]);
    expect(found('She lives at 5 Albert Road.')).toEqual([['address', '5 Albert Road']]);
  });
});

describe('names', () => {
  it('finds names after titles, without the title', () => {
    expect(found('Dr Patel listened.')).toEqual([['name', 'Patel']]);
    expect(found('Dr. Fitzgerald was dismissive.')).toEqual([['name', 'Fitzgerald']]);
    expect(found('Write to Mrs D. Ambrose please.')).toEqual([['name', 'D. Ambrose']]);
    expect(found('Dr van der Merwe spoke to my father.')).toEqual([['name', 'van der Merwe']]);
    expect(found('Professor Gallagher saw me.')).toEqual([['name', 'Gallagher']]);
    expect(found("Dr O'Connor stitched my hand.")).toEqual([['name', "O'Connor"]]);
    expect(found('Mr & Mrs Patel called the ambulance.')).toEqual([['name', 'Patel']]);
    expect(found('dr patel is the only one who listens')).toEqual([['name', 'patel']]);
    expect(found('Many thanks to Dr S Mahmood and the team.')).toEqual([['name', 'S Mahmood']]);
    expect(foundOf('name', 'I missed my dr appointment again.')).toEqual([]);
    expect(findIdentifiers('Dr Patel listened.')[0]?.confidence).toBe(0.9);
  });

  it('finds staff names with roles, and not the ward', () => {
    expect(found('Sister Jones on Ward 7 ran a tight ship.')).toEqual([['name', 'Jones']]);
    expect(found('Staff Nurse Kelly found a side room.')).toEqual([['name', 'Kelly']]);
    expect(found('The receptionist, Karen, was rude.')).toEqual([['name', 'Karen']]);
    expect(found('Nurse practitioner Ben Ashworth saw me.')).toEqual([['name', 'Ben Ashworth']]);
    expect(found('Nurse Grace held my hand.')).toEqual([['name', 'Grace']]);
  });

  it('finds names after relations, "called" and "named"', () => {
    expect(found('My husband John was left on a trolley.')).toEqual([['name', 'John']]);
    expect(found('A nurse called Sarah brought tea.')).toEqual([['name', 'Sarah']]);
    expect(found('An older gentleman named Fred helped.')).toEqual([['name', 'Fred']]);
    expect(found('My mum May is 92.')).toEqual([['name', 'May']]);
    expect(found('My mother-in-law, Nora, has Parkinson’s.')).toEqual([['name', 'Nora']]);
    expect(found('my daughter chloe was seen')).toEqual([['name', 'chloe']]);
  });

  it('finds lists of names', () => {
    expect(found('The paramedics, Steve and Lauren, were amazing.')).toEqual([
      ['name', 'Steve'],
      ['name', 'Lauren'],
    ]);
    expect(found('Thanks to Hollie, Abdi and the whole team.')).toEqual([
      ['name', 'Hollie'],
      ['name', 'Abdi'],
    ]);
    expect(found('My wife Mary and I were treated there.')).toEqual([['name', 'Mary']]);
    expect(found('Maggie and Tom in the discharge lounge got us a taxi.')).toEqual([
      ['name', 'Maggie'],
      ['name', 'Tom'],
    ]);
    expect(found('Shoutout to Nikita in the plaster room!')).toEqual([['name', 'Nikita']]);
  });

  it('finds known first names with the capitalised words after them', () => {
    expect(found('My mum, Joan Barraclough, is 87.')).toEqual([['name', 'Joan Barraclough']]);
    expect(found('Ahmed at the chemist is great.')).toEqual([['name', 'Ahmed']]);
    expect(found('Elsie May Turner died on the ward.')).toEqual([['name', 'Elsie May Turner']]);
    expect(found("My father Arthur's NHS number changed.")).toEqual([['name', 'Arthur']]);
  });

  it('finds people giving their name', () => {
    expect(found('My name is Gary Lister.')).toEqual([['name', 'Gary Lister']]);
    expect(found('I, Amanda Collins, give permission.')).toEqual([['name', 'Amanda Collins']]);
    expect(found('Name: Kwame Asante.')).toEqual([['name', 'Kwame Asante']]);
    expect(found('Kind regards,\nSue Ellis')).toEqual([['name', 'Sue Ellis']]);
    expect(found("I'm Bronagh and I have MS.")).toEqual([['name', 'Bronagh']]);
    expect(foundOf('name', "I'm English and I'm Diabetic.")).toEqual([]);
  });

  it('does not flag wards, hospitals, drugs, services, days, months or places', () => {
    for (const text of [
      'I was on Ward 7 and then Jubilee Ward.',
      'They gave me Ramipril, Amlodipine and Oramorph.',
      "Arrived at St James's Hospital at 10pm, then A&E.",
      'My appointment at the Churchill Hospital was moved to the John Radcliffe.',
      'Florence Nightingale Ward is the acute medical unit.',
      'The Queen Elizabeth Hospital in Birmingham has a garden.',
      'The King Edward VII wing has better signs.',
      'We stayed at Ronald McDonald House.',
      'On Monday, in March, we drove from Leeds to Bradford.',
      'Will you call me back? Mark my words.',
      'Thanks to Macmillan and Age UK for the support.',
      'Thanks to Marie Curie nurses my dad died at home.',
      "My sister is a nurse at Jimmy's and says it's like this everywhere.",
      'I called NHS 111 and then Boots.',
      'The nurse on Ward 7 was kind.',
    ]) {
      expect(foundOf('name', text)).toEqual([]);
    }
  });
});

describe('offsets', () => {
  it('counts UTF-16 code units, so an emoji before a span counts as two', () => {
    const text = '😀 Dr Patel';
    const [span] = findIdentifiers(text);
    expect(span).toMatchObject({ start: 6, end: 11, kind: 'name' });
    expect(text.slice(span?.start, span?.end)).toBe('Patel');
  });

  it('keeps offsets right after accented letters and other scripts', () => {
    const text = 'Café crème — 💉 ça va: NHS 943 476 5919, email siân@example.com';
    const spans = findIdentifiers(text, { withText: true });
    for (const span of spans) expect(text.slice(span.start, span.end)).toBe(span.text);
    expect(spans.map((s) => [s.kind, s.text])).toEqual([
      ['nhs_number', '943 476 5919'],
      ['email', 'siân@example.com'],
    ]);
    expect(spans[0]?.start).toBe(text.indexOf('943'));
  });

  it('finds names written with accents', () => {
    expect(found('The practice nurse, Siân, was kind. Ms Øberg the physio helped.')).toEqual([
      ['name', 'Siân'],
      ['name', 'Øberg'],
    ]);
  });

  it('returns spans sorted and never overlapping', () => {
    const text = 'Mr Wilfred Ackroyd of 7 Primrose Way, Wakefield WF1 4DG, DOB 03.09.1948, 07700 900123, NHS 943 476 5919.';
    const spans = findIdentifiers(text);
    expect(spans.map((s) => s.kind)).toEqual(['name', 'address', 'postcode', 'date', 'phone', 'nhs_number']);
    for (let i = 1; i < spans.length; i++) expect(spans[i]?.start).toBeGreaterThanOrEqual(spans[i - 1]?.end ?? 0);
  });

  it('resolves overlapping candidates by confidence, then length', () => {
    const kept = resolveOverlaps([
      { start: 0, end: 5, kind: 'name', confidence: 0.8 },
      { start: 3, end: 10, kind: 'address', confidence: 0.85 },
      { start: 12, end: 14, kind: 'name', confidence: 0.7 },
      { start: 12, end: 16, kind: 'name', confidence: 0.7 },
    ]);
    expect(kept).toEqual([
      { start: 3, end: 10, kind: 'address', confidence: 0.85 },
      { start: 12, end: 16, kind: 'name', confidence: 0.7 },
    ]);
  });

  it('handles empty text and text with nothing in it', () => {
    expect(findIdentifiers('')).toEqual([]);
    expect(findIdentifiers('The food was cold and the ward was noisy.')).toEqual([]);
  });

  it('stays fast on long and unusual text', () => {
    const long = `${'0 '.repeat(20_000)}${'a.'.repeat(20_000)}@${'Dr '.repeat(5_000)}${'x'.repeat(50_000)}`;
    const started = performance.now();
    findIdentifiers(long);
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});

describe('redact', () => {
  it('replaces each span with its label', () => {
    const text = 'Dr Patel rang 07700 900123 about NHS 943 476 5919; write to sam@example.com, 12 Acacia Avenue, LS6 2QT, born 14/06/1952.';
    expect(redact(text, findIdentifiers(text))).toBe(
      'Dr [name removed] rang [phone number removed] about NHS [NHS number removed]; write to [email removed], [address removed], [postcode removed], born [date removed].',
    );
  });

  it('accepts spans in any order and merges overlapping ones', () => {
    const text = 'abcdefghij';
    expect(
      redact(text, [
        { start: 6, end: 8, kind: 'date' },
        { start: 0, end: 3, kind: 'name' },
        { start: 2, end: 5, kind: 'phone' },
      ]),
    ).toBe('[name removed]f[date removed]ij');
    expect(redact(text, [])).toBe(text);
  });

  it('refuses spans that do not fit the text', () => {
    expect(() => redact('short', [{ start: 2, end: 9, kind: 'name' }])).toThrow(/does not fit a text of length 5/);
    expect(() => redact('short', [{ start: -1, end: 2, kind: 'name' }])).toThrow(RangeError);
  });
});
