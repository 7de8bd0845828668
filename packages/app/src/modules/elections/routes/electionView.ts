// What the public pages of an election say about it in words: its phase, the counting method, its
// dates, the seats in each constituency, and the candidates grouped by constituency in ballot order.

import type { CandidateState } from '@involve/decide';
import { labelFor } from '../../../platform/labels.js';
import { dateRangeText } from '../../../platform/views.js';
import type { ElectionMethod, ElectionPhase } from '../schema.js';
import type { ElectionDetail, ElectionSummary } from '../service.js';

export const phaseTags: Record<ElectionPhase, { text: string; classes: string }> = {
  draft: { text: 'Draft', classes: 'nhsuk-tag--grey' },
  nominations: { text: 'Taking nominations', classes: 'nhsuk-tag--green' },
  checking: { text: 'Nominations being checked', classes: 'nhsuk-tag--yellow' },
  statements: { text: 'Candidates published', classes: 'nhsuk-tag--white' },
  voting: { text: 'Voting open', classes: 'nhsuk-tag--green' },
  counted: { text: 'Counted: result published', classes: 'nhsuk-tag--blue' },
};

/** Each counting method: its name, and how it counts, in plain words. */
export const methodWords: Record<ElectionMethod, { name: string; how: string; droop: string }> = {
  scottish: {
    name: 'the single transferable vote, Scottish rules',
    how:
      'A candidate with at least the quota of votes is elected. Votes they have beyond the quota pass on to the next preferences on their ballot papers, ' +
      'at a reduced value; when nobody reaches the quota, the candidate with fewest votes is excluded and their papers pass on. ' +
      'The count follows the Scottish Local Government Elections Order 2007, rules 45 to 52.',
    droop: 'scotland',
  },
  meek: {
    name: 'the single transferable vote, Meek’s method',
    how:
      'A candidate with at least the quota of votes is elected and keeps only the share of each vote they need; the rest of every ballot that reaches them ' +
      'passes on, including to candidates elected earlier. When nobody reaches the quota, the candidate with fewest votes is excluded and the count starts again without them.',
    droop: 'meek',
  },
};

export const stateWords: Record<CandidateState, string> = {
  continuing: 'Continuing',
  elected: 'Elected',
  excluded: 'Excluded',
  withdrawn: 'Withdrawn',
};

const plural = (n: number, one: string, many: string) => `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;

/** "4 seats" for one constituency; "6 seats: North 4, South 2" for several. */
export function seatsText(constituencies: ReadonlyArray<{ name: string; seats: number }>): string {
  const total = constituencies.reduce((sum, c) => sum + c.seats, 0);
  if (constituencies.length <= 1) return plural(total, 'seat', 'seats');
  return `${plural(total, 'seat', 'seats')}: ${constituencies.map((c) => `${c.name} ${c.seats}`).join(', ')}`;
}

/** The rows of the summary list at the top of an election's page. */
export function electionRows(e: ElectionDetail) {
  const rows = [
    { key: { text: 'Seats on' }, value: { text: `${e.body.name} (${e.organisation.name})` } },
    { key: { text: 'Elected as' }, value: { text: labelFor(e.role) } },
    { key: { text: 'Seats' }, value: { text: seatsText(e.constituencies) } },
    { key: { text: 'Nominations' }, value: { text: dateRangeText(e.nominationsOpenOn, e.nominationsCloseOn) } },
    { key: { text: 'Voting' }, value: { text: dateRangeText(e.votingOpenOn, e.votingCloseOn) } },
    { key: { text: 'Term of office' }, value: { text: dateRangeText(e.termStartOn, e.termEndOn) } },
    { key: { text: 'How to vote' }, value: { text: 'Number the candidates in order of preference: 1 for your first choice, 2 for your second, and so on.' } },
    { key: { text: 'How votes are counted' }, value: { text: `By ${methodWords[e.method].name}. ${methodWords[e.method].how}` } },
  ];
  return rows;
}

/** A list row of the elections list. */
export function summaryLine(e: ElectionSummary): string {
  const when =
    e.phase === 'nominations'
      ? `Nominations: ${dateRangeText(e.nominationsOpenOn, e.nominationsCloseOn)}.`
      : e.phase === 'statements' || e.phase === 'voting' || e.phase === 'checking'
        ? `Voting: ${dateRangeText(e.votingOpenOn, e.votingCloseOn)}.`
        : '';
  return `${e.organisation.name}: ${plural(e.seats, 'seat', 'seats')} on ${e.body.name}. ${when}`.trim();
}

/** A number typed as a decimal string by the count ("12.34567"), for charts. */
export const figure = (value: string): number => Number(value);
