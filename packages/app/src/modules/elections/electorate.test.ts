// The electorate file's checks: every bad line named, with every problem on it, and nothing taken
// from a file with a bad line.
import { describe, expect, it } from 'vitest';
import type { ValidationError } from '../../platform/errors.js';
import { readElectorate } from './electorate.js';

const two = [
  { id: 1, name: 'Public: Leeds' },
  { id: 2, name: 'Public: Bradford' },
];

describe('reading an electorate file', () => {
  it('reads good lines, whatever the order of the columns, with emails in lower case', () => {
    const csv =
      'Name,Member Number,Constituency,Email,Postal Address\r\nAnn Smith,M1,public: leeds,Ann@Example.org,\r\n"Bob Jones, Jr",M2,Public: Bradford,,"1 High St, Bradford"\r\n';
    expect(readElectorate(csv, two)).toEqual({
      voters: [
        { line: 2, memberNumber: 'M1', name: 'Ann Smith', email: 'ann@example.org', postalAddress: null, constituencyId: 1 },
        { line: 3, memberNumber: 'M2', name: 'Bob Jones, Jr', email: null, postalAddress: '1 High St, Bradford', constituencyId: 2 },
      ],
      problems: [],
    });
  });

  it('names every bad line and takes nothing from the file', () => {
    const csv = [
      'member_number,name,email,postal_address,constituency',
      'M1,Ann Smith,ann@example.org,,Public: Leeds',
      'M1,Ann Again,ann2@example.org,,Public: Leeds',
      ',Nobody,nobody@example.org,,Public: Leeds',
      'M4,Cat Brown,not-an-email,,Public: Leeds',
      'M5,Dan Green,,,Public: Leeds',
      'M6,Eve White,eve@example.org,,Public: York',
      'M7,Fay Black,fay@example.org,,',
      'M8,,gus@example.org,,Public: Leeds',
      'M9,Hal Grey,hal@example.org,,Public: Bradford',
    ].join('\n');
    const { voters, problems } = readElectorate(csv, two, new Set(['m9']));
    expect(voters).toEqual([]);
    expect(problems).toEqual([
      { line: 3, message: 'Line 3: member number M1 is also on line 2' },
      { line: 4, message: 'Line 4: no member number' },
      { line: 5, message: 'Line 5: “not-an-email” is not an email address' },
      { line: 6, message: 'Line 6: neither an email address nor a postal address: the voting code must go to one of them' },
      { line: 7, message: 'Line 7: there is no constituency called “Public: York”: use “Public: Leeds” or “Public: Bradford”' },
      { line: 8, message: 'Line 8: no constituency: use “Public: Leeds” or “Public: Bradford”' },
      { line: 9, message: 'Line 9: no name' },
      { line: 10, message: 'Line 10: member number M9 is already on the electorate' },
    ]);
  });

  it('needs no constituency column when there is one constituency', () => {
    const { voters } = readElectorate('member_number,name,email,postal_address\nM1,Ann,ann@example.org,\n', [{ id: 7, name: 'Public' }]);
    expect(voters.map((v) => v.constituencyId)).toEqual([7]);
  });

  it('refuses a file without the columns, or that is not CSV, as the file’s problem', () => {
    const fileError = (csv: string) => {
      try {
        readElectorate(csv, two);
      } catch (error) {
        return (error as ValidationError).fieldErrors.file;
      }
      return null;
    };
    expect(fileError('name,email\nAnn,ann@example.org\n')).toBe(
      'The first line must name the columns member_number, name, email, postal_address, constituency: member_number, postal_address, constituency are missing',
    );
    expect(fileError('member_number,name,email,postal_address,constituency\n"M1,Ann\n')).toMatch(/^Line \d+: this is not a CSV file we can read/);
    expect(fileError('member_number,name,email,postal_address,constituency\n')).toMatch(/no voters/);
  });
});
