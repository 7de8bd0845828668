// The parts of an election's settings that are text to read: the constituencies as staff type them
// ("Public: 4", one a line), the declarations (one a line), the words of a statement, and the roles
// elected people may hold (the registry's member roles).
import { isMemberRole, type MemberRole, memberRoles } from '../registry/service.js';
import { seatsRange } from './limits.js';

/** The roles elected people may hold: the registry's member roles. */
export const electionRoles: readonly MemberRole[] = memberRoles;

export const isElectionRole = (value: string): value is MemberRole => isMemberRole(value);

export interface ConstituencyInput {
  name: string;
  seats: number;
}

/** The constituencies as the settings form shows them: "Name: seats", one a line. */
export const constituenciesText = (constituencies: readonly ConstituencyInput[]) => constituencies.map((c) => `${c.name}: ${c.seats}`).join('\n');

/**
 * Read "Name: seats" lines (blank lines skipped). The message names the first line that is wrong;
 * seats are checked again with the rest of the settings.
 */
export function constituenciesFromText(text: string): { constituencies: ConstituencyInput[]; error: string | null } {
  const constituencies: ConstituencyInput[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] as string).trim();
    if (!line) continue;
    const match = /^(.*\S)\s*:\s*(\S+)$/.exec(line);
    if (!match) return { constituencies, error: `Line ${i + 1}: write the constituency and its seats like “Public: 4”` };
    const seats = /^\d+$/.test(match[2] as string) ? Number(match[2]) : Number.NaN;
    if (!Number.isInteger(seats)) return { constituencies, error: `Line ${i + 1}: the seats of ${match[1]} must be a whole number, like “${match[1]}: 4”` };
    constituencies.push({ name: match[1] as string, seats });
  }
  return { constituencies, error: null };
}

/** The message about the constituencies, or null: at least one, names given and different, seats in range. */
export function checkConstituencies(constituencies: readonly ConstituencyInput[]): string | null {
  if (!constituencies.length) return 'Enter at least one constituency and its seats, like “Public: 4”';
  const seen = new Set<string>();
  for (const { name, seats } of constituencies) {
    const trimmed = name.trim();
    if (!trimmed) return 'Give every constituency a name';
    if (trimmed.length > 100) return `The constituency name “${trimmed.slice(0, 40)}…” must be 100 characters or fewer`;
    if (seen.has(trimmed.toLowerCase())) return `${trimmed} is listed twice: give each constituency once`;
    seen.add(trimmed.toLowerCase());
    if (!Number.isInteger(seats) || seats < seatsRange.least || seats > seatsRange.most)
      return `${trimmed} must have from ${seatsRange.least} to ${seatsRange.most} seats`;
  }
  return null;
}

/** The declarations a nominee makes, one a line. */
export const declarationLines = (declarations: string) =>
  declarations
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);

/** Words in a statement, counted by white space. */
export const wordCount = (text: string) => text.split(/\s+/).filter(Boolean).length;
