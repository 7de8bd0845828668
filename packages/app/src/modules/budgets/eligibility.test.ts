import { describe, expect, it } from 'vitest';
import { ageOn, checkVoter, normalisePostcode, outwardCode, postcodeDistricts, type VoterSettings } from './eligibility.js';

describe('postcodes', () => {
  it('normalises UK postcodes to upper case with one space, and refuses what is not one', () => {
    expect(normalisePostcode('ls63hn')).toBe('LS6 3HN');
    expect(normalisePostcode('  sw1a   1aa ')).toBe('SW1A 1AA');
    expect(normalisePostcode('M1 1AE')).toBe('M1 1AE');
    expect(normalisePostcode('B33 8TH')).toBe('B33 8TH');
    expect(normalisePostcode('EC1A1BB')).toBe('EC1A 1BB');
    for (const bad of ['', 'LS6', 'LS6 3H', '123 4AB', 'LS6 3HNX', 'L$6 3HN']) expect(normalisePostcode(bad)).toBeNull();
  });

  it('gives the outward code (district) of a postcode, or a district as it is', () => {
    expect(outwardCode('ls6 3hn')).toBe('LS6');
    expect(outwardCode('SW1A1AA')).toBe('SW1A');
    expect(outwardCode(' ls1 ')).toBe('LS1');
  });

  it('reads a budget’s districts separated by spaces or commas', () => {
    expect(postcodeDistricts('LS1 ls2,  LS6;LS1')).toEqual(['LS1', 'LS2', 'LS6']);
    expect(postcodeDistricts('  ')).toEqual([]);
  });
});

describe('age', () => {
  it('counts whole years on the day, the birthday itself included', () => {
    expect(ageOn('2008-06-15', '2024-06-14')).toBe(15);
    expect(ageOn('2008-06-15', '2024-06-15')).toBe(16);
    expect(ageOn('2008-06-15', '2025-01-01')).toBe(16);
  });

  it('makes someone born on 29 February a year older on 1 March in other years, and on 29 February in leap years', () => {
    expect(ageOn('2008-02-29', '2024-02-28')).toBe(15);
    expect(ageOn('2008-02-29', '2024-02-29')).toBe(16);
    expect(ageOn('2008-02-29', '2025-02-28')).toBe(16);
    expect(ageOn('2009-02-28', '2025-02-28')).toBe(16);
    expect(ageOn('2008-02-29', '2026-02-28')).toBe(17);
    expect(ageOn('2008-02-29', '2026-03-01')).toBe(18);
  });
});

describe('checkVoter', () => {
  const leeds: VoterSettings = { eligibility: 'postcode', min_age: 16, postcode_districts: 'LS1 LS2 LS6' };

  it('accepts a postcode in one of the districts, typed any way, from someone old enough', () => {
    expect(checkVoter(leeds, { postcode: 'ls6 3hn', dateOfBirth: '2008-06-15', today: '2024-06-15' })).toEqual({ eligible: true });
    expect(checkVoter({ ...leeds, min_age: null }, { postcode: 'LS13HN', today: '2024-06-15' })).toEqual({ eligible: true });
  });

  it('refuses a missing, malformed or outside postcode, naming the field and the districts', () => {
    const today = '2024-06-15';
    const dateOfBirth = '1990-01-01';
    expect(checkVoter(leeds, { dateOfBirth, today })).toEqual({ eligible: false, field: 'postcode', reason: 'Enter your postcode' });
    expect(checkVoter(leeds, { postcode: 'LS6', dateOfBirth, today })).toEqual({
      eligible: false,
      field: 'postcode',
      reason: 'Enter a UK postcode, like LS6 3HN',
    });
    expect(checkVoter(leeds, { postcode: 'ls16 5ab', dateOfBirth, today })).toEqual({
      eligible: false,
      field: 'postcode',
      reason: 'LS16 5AB is not in the area of this budget: people living in postcode districts LS1, LS2 or LS6 may vote',
    });
    expect(checkVoter({ ...leeds, postcode_districts: '' }, { postcode: 'LS6 3HN', dateOfBirth, today })).toMatchObject({ eligible: false, field: 'postcode' });
  });

  it('refuses a missing, impossible, future or too recent date of birth', () => {
    const postcode = 'LS6 3HN';
    const today = '2024-06-15';
    const refuse = (dateOfBirth: string | undefined) => checkVoter(leeds, { postcode, today, ...(dateOfBirth === undefined ? {} : { dateOfBirth }) });
    expect(refuse(undefined)).toEqual({ eligible: false, field: 'dateOfBirth', reason: 'Enter your date of birth' });
    expect(refuse('2001-02-30')).toEqual({ eligible: false, field: 'dateOfBirth', reason: 'Date of birth must be a real date, like 27 3 1990' });
    expect(refuse('1990-13-?')).toMatchObject({ eligible: false, field: 'dateOfBirth' });
    expect(refuse('2030-01-01')).toEqual({ eligible: false, field: 'dateOfBirth', reason: 'Date of birth must be in the past' });
    expect(refuse('2008-06-16')).toEqual({ eligible: false, field: 'dateOfBirth', reason: 'You must be 16 or over to vote in this budget' });
  });

  it('checks only age in other modes, and nothing when there is no youngest age', () => {
    expect(checkVoter({ eligibility: 'list', min_age: null, postcode_districts: '' }, { today: '2024-06-15' })).toEqual({ eligible: true });
    expect(checkVoter({ eligibility: 'codes', min_age: 18, postcode_districts: '' }, { dateOfBirth: '2008-02-29', today: '2026-02-28' })).toEqual({
      eligible: false,
      field: 'dateOfBirth',
      reason: 'You must be 18 or over to vote in this budget',
    });
    expect(checkVoter({ eligibility: 'codes', min_age: 18, postcode_districts: '' }, { dateOfBirth: '2008-02-29', today: '2026-03-01' })).toEqual({
      eligible: true,
    });
  });
});
