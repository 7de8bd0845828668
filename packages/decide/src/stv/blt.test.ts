import { describe, expect, it } from 'vitest';
import { BltSyntaxError, parseBlt, writeBlt } from './blt.js';

const sample = `4 2
-4
3 1 2 0
2 2=3 - 1 0
1 3 0
0
"Ann Smith"
"Bob ""the Builder"" Jones"
"Cat Lee"   /* a comment */
"Dan Withdrawn"
"A small election"
`;

describe('parseBlt', () => {
  it('reads candidates, seats, withdrawn candidates, weights, equal and skipped preferences, names and title', () => {
    const election = parseBlt(sample);
    expect(election.seats).toBe(2);
    expect(election.candidates).toEqual(['Ann Smith', 'Bob "the Builder" Jones', 'Cat Lee', 'Dan Withdrawn']);
    expect(election.withdrawn).toEqual([4]);
    expect(election.title).toBe('A small election');
    expect(election.ballots).toEqual([
      { weight: 3, preferences: [[1], [2]], line: 3 },
      { weight: 2, preferences: [[2, 3], [], [1]], line: 4 },
      { weight: 1, preferences: [[3]], line: 5 },
    ]);
  });

  it('accepts CRLF line ends, a byte-order mark, withdrawn candidates on the first line and no title', () => {
    const election = parseBlt('\ufeff3 1 -2\r\n1 1 3 0\r\n0\r\n"A"\r\n"B"\r\n"C"\r\n');
    expect(election.withdrawn).toEqual([2]);
    expect(election.title).toBe('');
    expect(election.ballots).toEqual([{ weight: 1, preferences: [[1], [3]], line: 2 }]);
  });

  it('round-trips through writeBlt', () => {
    const election = parseBlt(sample);
    const again = parseBlt(writeBlt(election));
    expect({ ...again, ballots: again.ballots.map((b) => ({ ...b, line: 0 })) }).toEqual({
      ...election,
      ballots: election.ballots.map((b) => ({ ...b, line: 0 })),
    });
  });

  // One case per kind of malformed file: the message names the line and the problem.
  const errors: [string, string, number, RegExp][] = [
    ['empty file', '', 1, /empty/],
    ['header not a number', 'four 2\n0\n', 1, /number of candidates/],
    ['header without seats', '4\n1 1 0\n0\n', 1, /number of seats/],
    ['no seats', '3 0\n0\n"A"\n"B"\n"C"\n', 1, /seats must be at least 1/],
    ['withdrawn candidate out of range', '3 1\n-5\n0\n"A"\n"B"\n"C"\n', 2, /withdrawn candidate -5 does not exist/],
    ['withdrawn candidate listed twice', '3 1\n-2 -2\n0\n"A"\n"B"\n"C"\n', 2, /candidate 2 is withdrawn twice/],
    [
      'ballot on the line of the withdrawn candidates',
      '3 1\n-2 1 1 0\n0\n"A"\n"B"\n"C"\n',
      2,
      /after the withdrawn candidates; ballots start on the next line/,
    ],
    ['ballot weight not whole', '3 1\n1.5 1 0\n0\n"A"\n"B"\n"C"\n', 2, /weight 1.5 is not a whole number/],
    ['ballot weight not a number', '3 1\nx 1 0\n0\n"A"\n"B"\n"C"\n', 2, /starting with its weight/],
    ['ballot without closing 0', '3 1\n1 1 2 0\n1 2 3\n0\n"A"\n"B"\n"C"\n', 3, /does not end with 0/],
    ['text after the closing 0', '3 1\n1 1 0 2\n0\n"A"\n"B"\n"C"\n', 2, /after the 0 that ends the ballot/],
    ['candidate out of range', '3 1\n1 1 7 0\n0\n"A"\n"B"\n"C"\n', 2, /candidate 7 does not exist: there are 3 candidates/],
    ['candidate 0 in an equal preference', '3 1\n1 1=0 0\n0\n"A"\n"B"\n"C"\n', 2, /numbered from 1/],
    ['bad preference token', '3 1\n1 1 b 0\n0\n"A"\n"B"\n"C"\n', 2, /expected a candidate number/],
    ['missing end-of-ballots line', '3 1\n1 1 0\n"A"\n"B"\n"C"\n', 3, /must end with a line holding a lone 0/],
    ['end-of-ballots line with more on it', '3 1\n1 1 0\n0 2\n"A"\n"B"\n"C"\n', 3, /weight 0/],
    ['file ends inside the ballots', '3 1\n1 1 0\n', 2, /ends before the line holding a lone 0/],
    ['too few names', '3 1\n1 1 0\n0\n"A"\n"B"\n', 5, /expected 3 candidate names after the ballots, found 2/],
    ['name not quoted', '3 1\n1 1 0\n0\n"A"\nB\n"C"\n', 5, /name of candidate 2 in double quotes/],
    ['unterminated name', '3 1\n1 1 0\n0\n"A"\n"B\n"C"\n', 5, /no closing quote/],
    ['text after the title', '3 1\n1 1 0\n0\n"A"\n"B"\n"C"\n"Title"\n"Extra"\n', 8, /after the title/],
    ['title not quoted', '3 1\n1 1 0\n0\n"A"\n"B"\n"C"\nTitle\n', 7, /title in double quotes/],
    ['more seats than candidates', '3 3\n-1\n1 2 0\n0\n"A"\n"B"\n"C"\n', 1, /3 seats but only 2 candidates/],
    ['unclosed comment', '3 1\n/* note\n1 1 0\n0\n', 2, /never closed/],
  ];
  it.each(errors)('reports %s with its line', (_kind, text, line, message) => {
    let error: unknown;
    try {
      parseBlt(text);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(BltSyntaxError);
    const syntax = error as BltSyntaxError;
    expect(syntax.line).toBe(line);
    expect(syntax.message).toMatch(message);
    expect(syntax.message.startsWith(`Line ${line}: `)).toBe(true);
  });
});

describe('writeBlt', () => {
  it('writes the standard layout', () => {
    const text = writeBlt({
      title: 'T',
      seats: 1,
      candidates: ['A', 'B "Bee"'],
      withdrawn: [],
      ballots: [
        { weight: 2, preferences: [[1], [2]], line: 0 },
        { weight: 1, preferences: [[2], [], [1]], line: 0 },
      ],
    });
    expect(text).toBe('2 1\n2 1 2 0\n1 2 - 1 0\n0\n"A"\n"B ""Bee"""\n"T"\n');
  });
  it('refuses a weight that is not a whole number', () => {
    expect(() => writeBlt({ title: '', seats: 1, candidates: ['A'], withdrawn: [], ballots: [{ weight: 0.5, preferences: [[1]], line: 0 }] })).toThrow(
      /whole number/,
    );
  });
});
