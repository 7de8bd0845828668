// The rules for "about you" and communication needs answers, without a server.
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../platform/errors.js';
import { safeNextPath } from '../../platform/web/index.js';
import { describeCommunicationNeeds, ethnicGroups, noCommunicationNeeds, parseAboutYou, parseCommunicationNeeds, readCommunicationNeeds } from './aboutYou.js';

function fieldErrors(run: () => unknown): Record<string, string> {
  try {
    run();
  } catch (error) {
    if (error instanceof ValidationError) return error.fieldErrors;
    throw error;
  }
  return {};
}

describe('about you', () => {
  it('lists the 19 ethnic groups of the 2021 census under its 5 headings', () => {
    expect(ethnicGroups.map((g) => g.options.length)).toEqual([5, 3, 4, 5, 2]);
  });

  it('keeps answered questions only, and tidies the postcode district', () => {
    expect(parseAboutYou({ ageBand: '85_over', sex: '', postcodeDistrict: ' sw1a ' })).toEqual({ ageBand: '85_over', postcodeDistrict: 'SW1A' });
    expect(parseAboutYou({})).toEqual({});
    for (const district of ['LS6', 'M1', 'B33', 'EC1A', 'W1J']) expect(parseAboutYou({ postcodeDistrict: district }).postcodeDistrict).toBe(district);
  });

  it('names each field with an answer that is not on the list, or a postcode district in the wrong format', () => {
    expect(Object.keys(fieldErrors(() => parseAboutYou({ sex: 'robot', carer: 'sometimes', postcodeDistrict: 'LS6 4AB' })))).toEqual([
      'sex',
      'carer',
      'postcodeDistrict',
    ]);
    for (const district of ['6LS', 'LSS6', 'L', 'LS6AB', 'L-6'])
      expect(fieldErrors(() => parseAboutYou({ postcodeDistrict: district }))).toHaveProperty('postcodeDistrict');
  });
});

describe('communication needs', () => {
  it('keeps the language and other need only when their box is ticked', () => {
    expect(parseCommunicationNeeds({ needs: ['easy_read'], interpreterLanguage: 'Welsh', otherNeeds: 'ignored' })).toEqual({
      largePrint: false,
      easyRead: true,
      britishSignLanguage: false,
      interpreterLanguage: null,
      other: null,
      shareWithStaff: true,
    });
  });

  it('asks for the language and the need, and limits their length', () => {
    expect(fieldErrors(() => parseCommunicationNeeds({ needs: ['interpreter', 'other'], interpreterLanguage: ' ', otherNeeds: '' }))).toEqual({
      interpreterLanguage: 'Enter the language you need an interpreter for',
      otherNeeds: 'Describe the other support you need',
    });
    expect(fieldErrors(() => parseCommunicationNeeds({ needs: ['interpreter'], interpreterLanguage: 'x'.repeat(101), otherNeeds: '' }))).toHaveProperty(
      'interpreterLanguage',
    );
    expect(parseCommunicationNeeds({ needs: ['other'], interpreterLanguage: '', otherNeeds: 'o'.repeat(500) }).other).toHaveLength(500);
  });

  it('reads stored needs, treating anything missing as no need', () => {
    expect(readCommunicationNeeds({})).toEqual(noCommunicationNeeds);
    expect(noCommunicationNeeds).toEqual({
      largePrint: false,
      easyRead: false,
      britishSignLanguage: false,
      interpreterLanguage: null,
      other: null,
      shareWithStaff: true,
    });
  });

  it('shares needs with staff unless the person says no, and describes them in plain words', () => {
    const needs = parseCommunicationNeeds({ needs: ['interpreter', 'easy_read'], interpreterLanguage: 'Urdu', otherNeeds: '', share: 'no' });
    expect(needs.shareWithStaff).toBe(false);
    expect(describeCommunicationNeeds(needs)).toEqual(['Easy read', 'An interpreter: Urdu']);
    expect(fieldErrors(() => parseCommunicationNeeds({ needs: ['easy_read'], interpreterLanguage: '', otherNeeds: '', share: 'maybe' }))).toHaveProperty(
      'share',
    );
  });
});

describe('returning after sign-in', () => {
  it('allows only paths on this site', () => {
    expect(safeNextPath('/account/api-tokens?x=1')).toBe('/account/api-tokens?x=1');
    expect(safeNextPath('/')).toBe('/');
    for (const bad of ['', 'account', '//evil.example', '/\\evil.example', 'https://evil.example/', 'javascript:alert(1)', '/a\r\nSet-Cookie: x=1']) {
      expect(safeNextPath(bad)).toBeNull();
    }
  });
});
