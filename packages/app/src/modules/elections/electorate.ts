// The electorate file an organisation imports: CSV with the columns member_number, name, email,
// postal_address and constituency (by name; the column may be left out when there is only one).
// Every line is checked and every bad one named — a member number missing or given twice (in the
// file, or already on the electorate), a name missing, an email that is not one, neither email nor
// postal address, a constituency missing or unknown — so the file can be fixed in one go.
import { parse } from 'csv-parse/sync';
import { ValidationError } from '../../platform/errors.js';
import { checkEmail, normaliseEmail } from '../accounts/service.js';
import { limitedText, maxElectorateLines } from './limits.js';

export const electorateColumns = ['member_number', 'name', 'email', 'postal_address', 'constituency'] as const;

export interface ImportedVoter {
  line: number;
  memberNumber: string;
  name: string;
  email: string | null;
  postalAddress: string | null;
  constituencyId: number;
}

export interface ElectorateProblem {
  line: number;
  message: string;
}

type Column = (typeof electorateColumns)[number];

/** The file's records, each with the line it starts on (the header is line 1). Unreadable CSV is the file's error. */
function recordsOf(csvText: string): Array<{ line: number; cells: string[] }> {
  const text = csvText.replace(/^\uFEFF/, '');
  let records: Array<{ record: string[]; info: { lines: number } }>;
  try {
    records = parse(text, { info: true, relax_column_count: true, skip_empty_lines: true, trim: true }) as unknown as typeof records;
  } catch (error) {
    const at = (error as { lines?: number }).lines;
    throw new ValidationError({
      file: `${at ? `Line ${at}: ` : ''}this is not a CSV file we can read. Save the spreadsheet as CSV (comma separated) and upload it again.`,
    });
  }
  return records.map(({ record, info }) => ({ line: info.lines, cells: record }));
}

/** Where each column is, from the header row; a missing column is the file's error. */
function columnsOf(header: string[] | undefined, constituencyOptional: boolean): Partial<Record<Column, number>> {
  const names = (header ?? []).map((cell) =>
    cell
      .trim()
      .toLowerCase()
      .replace(/[\s-]+/g, '_'),
  );
  const at: Partial<Record<Column, number>> = {};
  for (const column of electorateColumns) if (names.includes(column)) at[column] = names.indexOf(column);
  const needed = electorateColumns.filter((c) => at[c] === undefined && !(c === 'constituency' && constituencyOptional));
  if (needed.length)
    throw new ValidationError({
      file: `The first line must name the columns ${electorateColumns.join(', ')}: ${needed.join(', ')} ${needed.length === 1 ? 'is' : 'are'} missing`,
    });
  return at;
}

/**
 * Read and check an electorate file against the election's constituencies and the member numbers
 * already on its electorate. Returns the voters when every line is good; otherwise the problems,
 * one a line (a line's problems joined), in line order.
 */
export function readElectorate(
  csvText: string,
  constituencies: ReadonlyArray<{ id: number; name: string }>,
  alreadyListed: ReadonlySet<string> = new Set(),
): { voters: ImportedVoter[]; problems: ElectorateProblem[] } {
  const [header, ...rows] = recordsOf(csvText);
  const only = constituencies.length === 1 ? constituencies[0] : undefined;
  const at = columnsOf(header?.cells, only !== undefined);
  if (!rows.length) throw new ValidationError({ file: 'The file has no voters: add a line for each, under the line naming the columns' });
  if (rows.length > maxElectorateLines)
    throw new ValidationError({
      file: `The file has ${rows.length.toLocaleString('en-GB')} voters: split it into files of ${maxElectorateLines.toLocaleString('en-GB')} or fewer`,
    });
  const byName = new Map(constituencies.map((c) => [c.name.trim().toLowerCase(), c.id]));
  const firstLine = new Map<string, number>();
  const voters: ImportedVoter[] = [];
  const problems: ElectorateProblem[] = [];
  for (const { line, cells } of rows) {
    const cell = (column: Column) => (at[column] === undefined ? '' : (cells[at[column] as number] ?? '').trim());
    const wrong: Record<string, string> = {};
    const memberNumber = limitedText(wrong, 'memberNumber', cell('member_number'), 'no member number');
    if (memberNumber && !wrong.memberNumber) {
      const key = memberNumber.toLowerCase();
      if (alreadyListed.has(key)) wrong.memberNumber = `member number ${memberNumber} is already on the electorate`;
      else if (firstLine.has(key)) wrong.memberNumber = `member number ${memberNumber} is also on line ${firstLine.get(key)}`;
      else firstLine.set(key, line);
    }
    const name = limitedText(wrong, 'voterName', cell('name'), 'no name');
    const email = cell('email');
    if (email && (checkEmail(email) || email.length > 320)) wrong.email = `“${email.slice(0, 80)}” is not an email address`;
    const postalAddress = limitedText(wrong, 'postalAddress', cell('postal_address'));
    if (!email && !postalAddress) wrong.contact = 'neither an email address nor a postal address: the voting code must go to one of them';
    const written = cell('constituency');
    let constituencyId = only?.id;
    if (written) {
      constituencyId = byName.get(written.toLowerCase());
      if (constituencyId === undefined)
        wrong.constituency = `there is no constituency called “${written.slice(0, 80)}”: use ${constituencies.map((c) => `“${c.name}”`).join(' or ')}`;
    } else if (constituencyId === undefined) wrong.constituency = `no constituency: use ${constituencies.map((c) => `“${c.name}”`).join(' or ')}`;
    const messages = Object.values(wrong);
    if (messages.length) problems.push({ line, message: `Line ${line}: ${messages.join('; ')}` });
    else
      voters.push({
        line,
        memberNumber,
        name,
        email: email ? normaliseEmail(email) : null,
        postalAddress: postalAddress || null,
        constituencyId: constituencyId as number,
      });
  }
  return { voters: problems.length ? [] : voters, problems };
}
