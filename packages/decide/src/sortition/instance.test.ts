import { describe, expect, it } from 'vitest';
import { parseCsv } from './csv.js';
import { buildInstance, instanceFromData, panelProblems, parseCategories, parseRespondents, SortitionInputError } from './instance.js';

const categories = `category,feature,min,max
gender,female,1,2
gender,male,1,2
age,young,1,3
age,old,0,3
`;

const respondents = `id,gender,age,address
a,female,young,1 High St
b,male,old,1 High St
c,female,old,2 Low Rd
d,male,young,3 Mill Ln
`;

function problemsOf(fn: () => unknown) {
  try {
    fn();
  } catch (error) {
    if (error instanceof SortitionInputError) return error.problems;
    throw error;
  }
  throw new Error('expected a SortitionInputError');
}

describe('parseCsv', () => {
  it('reads quoted fields, doubled quotes, CRLF, a byte-order mark and records spanning lines, with their line numbers', () => {
    const records = parseCsv('\ufeffa,b\r\n"x, y","say ""hi"""\r\n\r\n"two\nlines",z\n');
    expect(records).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['x, y', 'say "hi"'] },
      { line: 4, fields: ['two\nlines', 'z'] },
    ]);
  });

  it('reports an unclosed quote with its line', () => {
    expect(() => parseCsv('a\n"open,b\n')).toThrow(/line 2/);
  });
});

describe('reading quotas and the pool', () => {
  it('reads the reference layout and builds the instance', () => {
    const quotas = parseCategories(categories, 'categories.csv');
    const pool = parseRespondents(respondents, quotas, 'respondents.csv', { householdColumns: ['address'] });
    const instance = buildInstance(quotas, pool, 2);
    expect(instance.categories).toEqual(['gender', 'age']);
    expect(instance.people.map((person) => person.id)).toEqual(['a', 'b', 'c', 'd']);
    expect(instance.people[1]?.features).toEqual(['male', 'old']);
    expect(instance.people[1]?.line).toBe(3);
    expect(instance.households).toEqual([[0, 1]]);
    expect(panelProblems(instance, [0, 3])).toEqual([]);
    expect(panelProblems(instance, [0, 1])).toEqual(['2 members of one household']);
  });

  it("reads the Sortition Foundation's feature,value,min,max,min_flex,max_flex layout", () => {
    const quotas = parseCategories('feature,value,min,max,min_flex,max_flex\nGender,Female,1,2,0,2\n', 'features.csv');
    expect(quotas).toEqual([{ category: 'Gender', feature: 'Female', min: 1, max: 2, line: 2 }]);
  });

  it('uses the row number as the id when the first column is a category', () => {
    const quotas = parseCategories(categories);
    const pool = parseRespondents('gender,age\nfemale,young\nmale,old\n', quotas);
    expect(pool.map((row) => row.id)).toEqual(['1', '2']);
  });

  it('names the file and line of each problem in the quotas', () => {
    const problems = problemsOf(() => parseCategories('category,feature,min,max\ngender,female,3,2\ngender,male,x,2\ngender,female,1,1\n', 'quotas.csv'));
    expect(problems).toEqual([
      { file: 'quotas.csv', line: 2, message: 'the quota for gender = female has min 3 above max 2' },
      { file: 'quotas.csv', line: 3, message: 'min and max must be whole numbers of people, found min "x" and max "2"' },
    ]);
    const repeated = problemsOf(() => parseCategories('category,feature,min,max\ngender,female,1,2\ngender,female,1,1\n', 'quotas.csv'));
    expect(repeated[0]).toMatchObject({ line: 3, message: 'gender = female already has a quota on line 2' });
    expect(problemsOf(() => parseCategories('name,min\nx,1\n', 'quotas.csv'))[0]?.message).toMatch(/header must name the columns category,feature,min,max/);
  });

  it('names the file and line of a feature no quota names, a missing column and a repeated id', () => {
    const quotas = parseCategories(categories);
    const problems = problemsOf(() => parseRespondents('id,gender,age\na,female,young\nb,Male,old\na,other,old\n', quotas, 'pool.csv'));
    expect(problems).toEqual([
      { file: 'pool.csv', line: 3, message: '"Male" in the column "gender" is not a feature any quota names (did you mean "male"?)' },
      { file: 'pool.csv', line: 4, message: 'the id "a" is also used on line 2' },
      { file: 'pool.csv', line: 4, message: '"other" in the column "gender" is not a feature any quota names (the quotas name "female", "male")' },
    ]);
    const missing = problemsOf(() => parseRespondents('id,gender\na,female\n', quotas, 'pool.csv'));
    expect(missing).toEqual([{ file: 'pool.csv', line: 1, message: 'no column for the category "age" (its quotas start on line 4 of the categories file)' }]);
  });

  it('names the quota no one can fill, with its line in the categories file', () => {
    const quotas = parseCategories('category,feature,min,max\nage,young,1,3\nage,old,2,3\n', 'categories.csv');
    const pool = parseRespondents('id,age\na,young\nb,old\nc,young\n', quotas, 'respondents.csv');
    expect(problemsOf(() => buildInstance(quotas, pool, 2))).toEqual([
      { file: 'categories.csv', line: 3, message: 'only 1 person in the pool has age = old, fewer than its min of 2' },
    ]);
    const nobody = parseCategories('category,feature,min,max\nage,young,1,3\nage,old,1,3\n', 'categories.csv');
    const pool2 = parseRespondents('id,age\na,young\n', nobody, 'respondents.csv');
    expect(problemsOf(() => buildInstance(nobody, pool2, 1))[0]?.message).toBe('no one in the pool has age = old, so its min of 1 cannot be filled');
  });

  it('refuses a panel larger than the pool', () => {
    const quotas = parseCategories(categories);
    const pool = parseRespondents(respondents, quotas);
    expect(problemsOf(() => buildInstance(quotas, pool, 5))[0]?.message).toBe('the pool has 4 people, fewer than the 5 seats');
  });

  it('builds instances in code too', () => {
    const instance = instanceFromData(
      [
        { category: 'gender', feature: 'f', min: 1, max: 1 },
        { category: 'gender', feature: 'm', min: 1, max: 1 },
      ],
      [
        { id: 'x', features: { gender: 'f' } },
        { id: 'y', features: { gender: 'm' }, household: 'h1' },
        { id: 'z', features: { gender: 'm' }, household: 'h1' },
      ],
      2,
    );
    expect(instance.people.map((person) => person.quotas)).toEqual([[0], [1], [1]]);
    expect(instance.households).toEqual([[1, 2]]);
  });
});
