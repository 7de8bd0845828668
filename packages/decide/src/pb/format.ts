// The pabulib .pb file format (pabulib.org/format): a reader that names the line and the problem of
// a malformed file, and a writer whose output reads back to the same election. Fields are split on
// ";" with Python csv's quoting rules (the reference parser, pabutools, uses them): a field that
// starts with '"' is quoted, '""' inside it is a quote, and it may span lines.
import { type PbElection, type PbProject, type PbVoter, type VoteType, voteTypes } from './election.js';
import { formatRational, parseRational, type Rational } from './rational.js';

export class PbFormatError extends Error {
  constructor(
    readonly line: number,
    readonly problem: string,
  ) {
    super(`Line ${line}: ${problem}`);
    this.name = 'PbFormatError';
  }
}

interface Row {
  fields: string[];
  line: number;
}

/** Splits the text into rows of fields, each with the line it starts on. */
function splitRows(text: string): Row[] {
  const rows: Row[] = [];
  const n = text.length;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  while (i < n) {
    let end = text.indexOf('\n', i);
    if (end < 0) end = n;
    let lineText = text.slice(i, end);
    const cr = lineText.indexOf('\r');
    if (lineText.indexOf('"') < 0 && (cr < 0 || cr === lineText.length - 1)) {
      // Fast path: no quotes, one line.
      if (cr >= 0) lineText = lineText.slice(0, -1);
      rows.push({ fields: lineText.split(';'), line });
      i = end + 1;
      line++;
      continue;
    }
    const startLine = line;
    const fields: string[] = [];
    let field = '';
    let atFieldStart = true;
    for (;;) {
      if (i >= n) {
        fields.push(field);
        break;
      }
      const ch = text[i] as string;
      if (atFieldStart && ch === '"') {
        atFieldStart = false;
        i++;
        for (;;) {
          const q = text.indexOf('"', i);
          if (q < 0) throw new PbFormatError(startLine, 'a quoted field opens here and is never closed');
          const chunk = text.slice(i, q);
          for (let k = 0; k < chunk.length; k++) if (chunk.charCodeAt(k) === 10) line++;
          field += chunk;
          if (text[q + 1] === '"') {
            field += '"';
            i = q + 2;
          } else {
            i = q + 1;
            break;
          }
        }
        continue;
      }
      atFieldStart = false;
      if (ch === ';') {
        fields.push(field);
        field = '';
        atFieldStart = true;
        i++;
      } else if (ch === '\n' || ch === '\r') {
        fields.push(field);
        i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
        break;
      } else {
        field += ch;
        i++;
      }
    }
    rows.push({ fields, line: startLine });
    line++;
  }
  return rows;
}

const SECTIONS = ['meta', 'projects', 'votes'] as const;
type Section = (typeof SECTIONS)[number];

function isBlank(row: Row): boolean {
  return row.fields.every((f) => f.trim() === '');
}

function quoteId(s: string): string {
  return `'${s}'`;
}

function parseAmount(text: string, line: number, what: string): Rational {
  const value = parseRational(text);
  if (value === null) throw new PbFormatError(line, `${what} ${quoteId(text)} is not a number`);
  if (value.num < 0n) throw new PbFormatError(line, `${what} ${quoteId(text)} is negative`);
  return value;
}

function parseCount(text: string | undefined, line: number, key: string): number | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  const value = parseRational(text);
  if (value === null || value.den !== 1n || value.num < 0n) throw new PbFormatError(line, `META ${key} ${quoteId(text)} is not a whole number`);
  return Number(value.num);
}

interface SectionRows {
  header: Row;
  rows: Row[];
  start: number;
}

/** How the PROJECTS and VOTES sections name a row and its id, in messages. */
const tables = {
  projects: { section: 'PROJECTS', row: 'project', idColumn: 'project_id' },
  votes: { section: 'VOTES', row: 'vote', idColumn: 'voter_id' },
} as const;

/** The id of a PROJECTS or VOTES row, once the row is checked to have one field per column of its header. */
function rowId(row: Row, table: (typeof tables)[keyof typeof tables], columnCount: number, idColumn: number): string {
  if (row.fields.length !== columnCount) {
    throw new PbFormatError(row.line, `this ${table.row} has ${row.fields.length} fields but the ${table.section} header has ${columnCount}`);
  }
  const id = (row.fields[idColumn] as string).trim();
  if (id === '') throw new PbFormatError(row.line, `a ${table.row} has an empty ${table.idColumn}`);
  return id;
}

/** Reads a .pb file. Throws a PbFormatError naming the line and the problem if it is malformed. */
export function readPb(text: string): PbElection {
  const rows = splitRows(text);
  const sections = new Map<Section, SectionRows>();
  let current: SectionRows | null = null;
  let expectHeader: Section | null = null;
  for (const row of rows) {
    const fields = row.fields;
    const raw = fields[0] as string;
    if ((fields.length === 1 || raw === '') && isBlank(row)) continue;
    const first = raw.length < 12 ? raw.trim() : raw;
    const name = (first.length <= 8 ? first.toLowerCase() : '') as Section;
    if (name !== ('' as Section) && SECTIONS.includes(name) && isBlank({ fields: fields.slice(1), line: row.line })) {
      if (sections.has(name)) throw new PbFormatError(row.line, `a second ${first} section (the first starts on line ${sections.get(name)?.start})`);
      expectHeader = name;
      current = null;
      sections.set(name, { header: row, rows: [], start: row.line });
      continue;
    }
    if (fields.length === 1 && /^[A-Z][A-Z_ ]*$/.test(first.trim())) {
      throw new PbFormatError(row.line, `unknown section ${quoteId(first)} (a .pb file has META, PROJECTS and VOTES)`);
    }
    if (expectHeader) {
      const section = sections.get(expectHeader) as SectionRows;
      section.header = row;
      current = section;
      expectHeader = null;
      continue;
    }
    if (!current) throw new PbFormatError(row.line, `expected a section name (META, PROJECTS or VOTES), found ${quoteId(first.trim())}`);
    current.rows.push(row);
  }
  if (expectHeader) {
    const section = sections.get(expectHeader) as SectionRows;
    throw new PbFormatError(section.start, `the ${expectHeader.toUpperCase()} section has no header row`);
  }
  for (const name of SECTIONS) {
    if (!sections.has(name)) throw new PbFormatError(rows.length ? (rows[rows.length - 1] as Row).line : 1, `the file has no ${name.toUpperCase()} section`);
  }

  // META
  const metaSection = sections.get('meta') as SectionRows;
  const meta: Record<string, string> = {};
  const metaLine: Record<string, number> = {};
  for (const row of metaSection.rows) {
    if (row.fields.length !== 2) throw new PbFormatError(row.line, `a META row has two fields (key;value), this one has ${row.fields.length}`);
    const key = (row.fields[0] as string).trim();
    if (key in metaLine) throw new PbFormatError(row.line, `META key ${quoteId(key)} is given twice (also on line ${metaLine[key]})`);
    meta[key] = (row.fields[1] as string).trim();
    metaLine[key] = row.line;
  }
  const lineOf = (key: string) => metaLine[key] ?? metaSection.start;
  if (meta.budget === undefined) throw new PbFormatError(metaSection.start, 'META has no budget');
  const budget = parseAmount(meta.budget, lineOf('budget'), 'budget');
  if (meta.vote_type === undefined) throw new PbFormatError(metaSection.start, 'META has no vote_type');
  const voteType = meta.vote_type as VoteType;
  if (!voteTypes.includes(voteType)) {
    throw new PbFormatError(lineOf('vote_type'), `unknown vote_type ${quoteId(meta.vote_type)} (expected one of ${voteTypes.join(', ')})`);
  }
  const limit = (key: string) => {
    const text = meta[key];
    if (text === undefined || text.trim() === '') return undefined;
    const value = parseRational(text);
    if (value === null) throw new PbFormatError(lineOf(key), `META ${key} ${quoteId(text)} is not a number`);
    return Number(value.num) / Number(value.den);
  };
  const maxLength = voteType === 'choose-1' ? Math.min(1, limit('max_length') ?? 1) : limit('max_length');
  const maxSumPoints = limit('max_sum_points');
  const maxPoints = limit('max_points');

  // PROJECTS
  const projectSection = sections.get('projects') as SectionRows;
  const projectColumns = projectSection.header.fields.map((f) => f.trim());
  const idColumn = projectColumns.indexOf('project_id');
  const costColumn = projectColumns.indexOf('cost');
  if (idColumn < 0) throw new PbFormatError(projectSection.header.line, 'the PROJECTS header has no project_id column');
  if (costColumn < 0) throw new PbFormatError(projectSection.header.line, 'the PROJECTS header has no cost column');
  const projects: PbProject[] = [];
  const projectLine = new Map<string, number>();
  for (const row of projectSection.rows) {
    const id = rowId(row, tables.projects, projectColumns.length, idColumn);
    if (projectLine.has(id)) throw new PbFormatError(row.line, `project ${quoteId(id)} is listed twice (also on line ${projectLine.get(id)})`);
    const cost = parseAmount((row.fields[costColumn] as string).trim(), row.line, `the cost of project ${quoteId(id)},`);
    const fields: Record<string, string> = {};
    projectColumns.forEach((column, k) => {
      if (k !== idColumn && k !== costColumn) fields[column] = (row.fields[k] as string).trim();
    });
    projectLine.set(id, row.line);
    projects.push({ id, cost, fields });
  }

  // VOTES
  const voteSection = sections.get('votes') as SectionRows;
  const voterColumns = voteSection.header.fields.map((f) => f.trim());
  const voterColumn = voterColumns.indexOf('voter_id');
  const voteColumn = voterColumns.indexOf('vote');
  const pointsColumn = voterColumns.indexOf('points');
  if (voterColumn < 0) throw new PbFormatError(voteSection.header.line, 'the VOTES header has no voter_id column');
  if (voteColumn < 0) throw new PbFormatError(voteSection.header.line, 'the VOTES header has no vote column');
  const withPoints = voteType === 'cumulative' || voteType === 'scoring';
  if (withPoints && pointsColumn < 0) throw new PbFormatError(voteSection.header.line, `${voteType} ballots need a points column in VOTES`);
  const voters: PbVoter[] = [];
  const voterLine = new Map<string, number>();
  for (const row of voteSection.rows) {
    const id = rowId(row, tables.votes, voterColumns.length, voterColumn);
    const previous = voterLine.get(id);
    if (previous !== undefined) throw new PbFormatError(row.line, `voter id ${quoteId(id)} is used twice (also on line ${previous})`);
    voterLine.set(id, row.line);
    const vote = splitList(row.fields[voteColumn] as string);
    for (const project of vote) {
      if (!projectLine.has(project)) throw new PbFormatError(row.line, `project ${quoteId(project)} is voted for but not listed in PROJECTS`);
    }
    if (maxLength !== undefined && vote.length > maxLength) {
      throw new PbFormatError(row.line, `the vote lists ${vote.length} projects, more than allowed (max_length ${maxLength})`);
    }
    const voter: PbVoter = { id, vote, fields: {} };
    if (pointsColumn >= 0) {
      const text = splitList(row.fields[pointsColumn] as string);
      if (withPoints || text.length > 0) {
        if (text.length !== vote.length) throw new PbFormatError(row.line, `the vote lists ${vote.length} projects but ${text.length} points`);
        const points = text.map((t) => {
          if (/^\d{1,15}$/.test(t)) return Number(t);
          const value = parseRational(t);
          if (value === null) throw new PbFormatError(row.line, `points ${quoteId(t)} is not a number`);
          if (withPoints && value.num < 0n) throw new PbFormatError(row.line, `points ${quoteId(t)} is negative`);
          return Number(value.num) / Number(value.den);
        });
        if (withPoints) {
          const sum = points.reduce((a, b) => a + b, 0);
          if (maxSumPoints !== undefined && sum > maxSumPoints) {
            throw new PbFormatError(row.line, `the vote gives ${sum} points, more than allowed (max_sum_points ${maxSumPoints})`);
          }
          if (maxPoints !== undefined) {
            const k = points.findIndex((p) => p > maxPoints);
            if (k >= 0)
              throw new PbFormatError(row.line, `project ${quoteId(vote[k] as string)} gets ${points[k]} points, more than allowed (max_points ${maxPoints})`);
          }
        }
        voter.points = points;
      }
    }
    voterColumns.forEach((column, k) => {
      if (k !== voterColumn && k !== voteColumn && !(k === pointsColumn && voter.points)) voter.fields[column] = (row.fields[k] as string).trim();
    });
    voters.push(voter);
  }

  const numProjects = parseCount(meta.num_projects, lineOf('num_projects'), 'num_projects');
  if (numProjects !== undefined && numProjects !== projects.length) {
    throw new PbFormatError(lineOf('num_projects'), `num_projects is ${numProjects} but PROJECTS lists ${projects.length}`);
  }
  const numVotes = parseCount(meta.num_votes, lineOf('num_votes'), 'num_votes');
  if (numVotes !== undefined && numVotes !== voters.length) {
    throw new PbFormatError(lineOf('num_votes'), `num_votes is ${numVotes} but VOTES has ${voters.length}`);
  }
  return { meta, budget, voteType, projects, voters, projectColumns, voterColumns };
}

function splitList(text: string): string[] {
  const out: string[] = [];
  for (const part of text.split(',')) {
    const t = part.trim();
    if (t !== '') out.push(t);
  }
  return out;
}

function formatField(value: string): string {
  return /[;"\r\n]/.test(value) || value !== value.trim() ? `"${value.replace(/"/g, '""')}"` : value;
}

function formatPoints(p: number): string {
  return Number.isInteger(p) ? p.toFixed(0) : String(p);
}

/**
 * Writes an election as a .pb file. budget, vote_type, num_projects and num_votes in META are set
 * from the election; every other entry and column is written as it is held.
 */
export function writePb(election: PbElection): string {
  const meta: Record<string, string> = { ...election.meta };
  meta.num_projects = String(election.projects.length);
  meta.num_votes = String(election.voters.length);
  const written = meta.budget === undefined ? null : parseRational(meta.budget);
  if (!written || written.num !== election.budget.num || written.den !== election.budget.den) meta.budget = formatRational(election.budget);
  meta.vote_type = election.voteType;
  const lines: string[] = ['META', 'key;value'];
  for (const [key, value] of Object.entries(meta)) lines.push(`${formatField(key)};${formatField(value)}`);

  const projectColumns = withColumns(election.projectColumns, ['project_id', 'cost'], election.projects);
  lines.push('PROJECTS', projectColumns.map(formatField).join(';'));
  for (const p of election.projects) {
    lines.push(projectColumns.map((c) => formatField(c === 'project_id' ? p.id : c === 'cost' ? formatRational(p.cost) : (p.fields[c] ?? ''))).join(';'));
  }

  const needsPoints = election.voteType === 'cumulative' || election.voteType === 'scoring' || election.voters.some((v) => v.points);
  const voterColumns = withColumns(election.voterColumns, needsPoints ? ['voter_id', 'vote', 'points'] : ['voter_id', 'vote'], election.voters);
  lines.push('VOTES', voterColumns.map(formatField).join(';'));
  for (const v of election.voters) {
    lines.push(
      voterColumns
        .map((c) =>
          formatField(
            c === 'voter_id' ? v.id : c === 'vote' ? v.vote.join(',') : c === 'points' && v.points ? v.points.map(formatPoints).join(',') : (v.fields[c] ?? ''),
          ),
        )
        .join(';'),
    );
  }
  return `${lines.join('\n')}\n`;
}

/** The given column order, with any required or used column that is missing added at the end. */
function withColumns(columns: readonly string[], required: string[], rows: readonly { fields: Record<string, string> }[]): string[] {
  const out = [...columns];
  for (const c of required) if (!out.includes(c)) out.push(c);
  for (const row of rows) for (const c of Object.keys(row.fields)) if (!out.includes(c)) out.push(c);
  return out;
}
