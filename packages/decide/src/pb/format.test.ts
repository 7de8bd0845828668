import { describe, expect, it } from 'vitest';
import { PbFormatError, readPb, writePb } from './format.js';
import { formatRational } from './rational.js';

const approval = `META
key;value
description;A small test
num_projects;3
num_votes;3
budget;1000.50
vote_type;approval
max_length;2
PROJECTS
project_id;cost;name;category
p1;500;Benches;"parks;streets"
p2;400,25;"The ""big"" mural";art
p3;300;Lights;streets
VOTES
voter_id;vote;age
v1;p1,p2;34
v2;p3;
v3;p1, p3;71
`;

function errorOf(text: string): PbFormatError {
  try {
    readPb(text);
  } catch (error) {
    if (error instanceof PbFormatError) return error;
    throw error;
  }
  throw new Error('expected a PbFormatError');
}

describe('readPb', () => {
  it('reads META, PROJECTS and VOTES with quoted fields and extra columns', () => {
    const e = readPb(approval);
    expect(e.voteType).toBe('approval');
    expect(formatRational(e.budget)).toBe('1000.5');
    expect(e.meta.description).toBe('A small test');
    expect(e.projects.map((p) => p.id)).toEqual(['p1', 'p2', 'p3']);
    expect(formatRational((e.projects[1] as { cost: { num: bigint; den: bigint } }).cost)).toBe('400.25');
    expect(e.projects[0]?.fields).toEqual({ name: 'Benches', category: 'parks;streets' });
    expect(e.projects[1]?.fields.name).toBe('The "big" mural');
    expect(e.voters.map((v) => v.vote)).toEqual([['p1', 'p2'], ['p3'], ['p1', 'p3']]);
    expect(e.voters[0]?.fields).toEqual({ age: '34' });
    expect(e.projectColumns).toEqual(['project_id', 'cost', 'name', 'category']);
  });

  it('accepts a byte-order mark and CRLF line ends', () => {
    const e = readPb(`\uFEFF${approval.replace(/\n/g, '\r\n')}`);
    expect(e.projects).toHaveLength(3);
    expect(e.voters[2]?.fields.age).toBe('71');
  });

  it('keeps a quoted field that spans lines, and counts lines after it right', () => {
    const text = approval.replace('"The ""big"" mural"', '"The big\nmural"').replace('v3;p1, p3;71', 'v3;p9;71');
    const e = errorOf(text);
    // v3 is on line 19 once the quoted field adds a line.
    expect(e.line).toBe(19);
  });

  it('reads cumulative ballots with points, and ordinal and choose-1 ballots', () => {
    const cumulative = readPb(`META
key;value
budget;10
vote_type;cumulative
max_sum_points;5
PROJECTS
project_id;cost
a;4
b;6
VOTES
voter_id;vote;points
1;a,b;3,2
2;b;5
`);
    expect(cumulative.voters[0]?.points).toEqual([3, 2]);
    const ordinal = readPb('META\nkey;value\nbudget;10\nvote_type;ordinal\nPROJECTS\nproject_id;cost\na;4\nb;6\nVOTES\nvoter_id;vote\n1;b,a\n');
    expect(ordinal.voters[0]?.vote).toEqual(['b', 'a']);
    const choose = readPb('META\nkey;value\nbudget;10\nvote_type;choose-1\nPROJECTS\nproject_id;cost\na;4\nb;6\nVOTES\nvoter_id;vote\n1;b\n2;\n');
    expect(choose.voters.map((v) => v.vote)).toEqual([['b'], []]);
  });
});

describe('readPb errors name the line and the problem', () => {
  const cases: [string, string, number, RegExp][] = [
    ['an unknown section', approval.replace('VOTES\n', 'BALLOTS\n'), 14, /unknown section 'BALLOTS'/],
    ['a vote for an unknown project', approval.replace('v2;p3;', 'v2;p7;'), 17, /project 'p7' is voted for but not listed in PROJECTS/],
    ['a cost that is not a number', approval.replace('p3;300;', 'p3;3O0;'), 13, /the cost of project 'p3', '3O0' is not a number/],
    ['a negative cost', approval.replace('p3;300;', 'p3;-300;'), 13, /is negative/],
    ['a duplicate voter id', approval.replace('v3;p1, p3', 'v1;p1, p3'), 18, /voter id 'v1' is used twice \(also on line 16\)/],
    ['a duplicate project', approval.replace('p3;300;Lights', 'p1;300;Lights'), 13, /project 'p1' is listed twice \(also on line 11\)/],
    ['more projects than allowed', approval.replace('v2;p3;', 'v2;p1,p2,p3;'), 17, /lists 3 projects, more than allowed \(max_length 2\)/],
    ['a row with too many fields', approval.replace('v2;p3;', 'v2;p3;;x'), 17, /4 fields but the VOTES header has 3/],
    ['a budget that is not a number', approval.replace('budget;1000.50', 'budget;lots'), 6, /budget 'lots' is not a number/],
    ['an unknown vote type', approval.replace('vote_type;approval', 'vote_type;borda'), 7, /unknown vote_type 'borda'/],
    ['a wrong num_votes', approval.replace('num_votes;3', 'num_votes;4'), 5, /num_votes is 4 but VOTES has 3/],
    ['a quote never closed', approval.replace('p3;300;Lights', 'p3;300;"Lights'), 13, /quoted field opens here and is never closed/],
    ['a missing section', approval.slice(0, approval.indexOf('VOTES')), 13, /no VOTES section/],
    ['a row before any section', `hello;world\n${approval}`, 1, /expected a section name/],
  ];
  for (const [what, text, line, message] of cases) {
    it(what, () => {
      const error = errorOf(text);
      expect(error.line).toBe(line);
      expect(error.message).toMatch(message);
      expect(error.message.startsWith(`Line ${line}: `)).toBe(true);
    });
  }

  const cumulative = (votes: string, meta = 'max_sum_points;5\nmax_points;4') =>
    `META\nkey;value\nbudget;10\nvote_type;cumulative\n${meta}\nPROJECTS\nproject_id;cost\na;4\nb;6\nVOTES\nvoter_id;vote;points\n${votes}\n`;
  it('more points than allowed in all', () => {
    const error = errorOf(cumulative('1;a;2\n2;a,b;3,3'));
    expect(error.line).toBe(14);
    expect(error.message).toMatch(/gives 6 points, more than allowed \(max_sum_points 5\)/);
  });
  it('more points than allowed for one project', () => {
    expect(errorOf(cumulative('1;a;5', 'max_points;4')).message).toMatch(/project 'a' gets 5 points, more than allowed \(max_points 4\)/);
  });
  it('points that do not match the projects', () => {
    expect(errorOf(cumulative('1;a,b;3')).message).toMatch(/lists 2 projects but 1 points/);
  });
  it('points that are not numbers', () => {
    expect(errorOf(cumulative('1;a;x')).message).toMatch(/points 'x' is not a number/);
  });
  it('more than one project on a choose-1 ballot', () => {
    const error = errorOf('META\nkey;value\nbudget;10\nvote_type;choose-1\nPROJECTS\nproject_id;cost\na;4\nb;6\nVOTES\nvoter_id;vote\n1;a,b\n');
    expect(error.line).toBe(11);
    expect(error.message).toMatch(/more than allowed \(max_length 1\)/);
  });
});

describe('writePb', () => {
  it('writes a file that reads back to the same election', () => {
    const e = readPb(approval);
    const text = writePb(e);
    expect(readPb(text)).toEqual(e);
    expect(text).toContain('p1;500;Benches;"parks;streets"');
    expect(text).toContain('"The ""big"" mural"');
  });
});
