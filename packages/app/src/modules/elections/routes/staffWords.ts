// What the staff pages of an election say in words: each move between phases (its button and what
// it does), and each nomination's status.
import type { CandidateStatus, ElectionPhase } from '../schema.js';
import { nextPhases } from '../service.js';

/** The move into each phase: its button and what it does. */
const moveWords: Record<ElectionPhase, { text: string; does: string }> = {
  draft: { text: '', does: '' },
  nominations: {
    text: 'Open nominations',
    does: 'The election is published. People on the electorate can sign in and nominate themselves, with a statement and the declarations, and withdraw until nominations close.',
  },
  checking: {
    text: 'Close nominations',
    does: 'No more nominations or withdrawals are taken. You check each nomination and mark it valid or invalid, with the reason.',
  },
  statements: {
    text: 'Publish the candidates and their statements',
    does: 'The valid candidates and their statements are published in ballot order (alphabetical, or drawn with the election’s seed). Every nomination must be checked first.',
  },
  voting: {
    text: 'Open voting',
    does: 'Each voter without a code is given one: emailed to those with an email address, and on a letter for the others, shown on the next page once for you to print. Voters vote once with their code, and paper ballots can be entered.',
  },
  counted: {
    text: 'Close voting and count',
    does: 'No more ballots are taken. Each constituency is counted with the method and the seed; the result, the count sheet and the ballots (with no link to any voter) are published for anyone to recount, and each person elected becomes a member of the body.',
  },
};

/** The moves from a phase (the service's nextPhases), as the dashboard offers them. */
export const movesFrom = (phase: ElectionPhase) =>
  nextPhases[phase].map((to) =>
    phase === 'checking' && to === 'nominations'
      ? { to, text: 'Reopen nominations', does: 'Nominations and withdrawals are taken again, for example when a constituency has too few candidates.' }
      : { to, ...moveWords[to] },
  );

export const candidateTags: Record<CandidateStatus, { text: string; classes: string }> = {
  nominated: { text: 'Waiting to be checked', classes: 'nhsuk-tag--yellow' },
  valid: { text: 'Valid', classes: 'nhsuk-tag--green' },
  invalid: { text: 'Invalid', classes: 'nhsuk-tag--red' },
  withdrawn: { text: 'Withdrawn', classes: 'nhsuk-tag--grey' },
};
