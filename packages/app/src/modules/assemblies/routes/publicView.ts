// What the public pages of citizens' assemblies say in words: the phase, the kind, shares as
// percentages, a recommendation's support and the body's answer.
import type { AnswerResponse, AssemblyPhase } from '../schema.js';
import type { listRecommendations } from '../service.js';

export const phaseTags: Record<AssemblyPhase, { text: string; classes: string }> = {
  draft: { text: 'Draft', classes: 'nhsuk-tag--grey' },
  recruiting: { text: 'Recruiting: registration open', classes: 'nhsuk-tag--green' },
  selecting: { text: 'Selecting the members', classes: 'nhsuk-tag--yellow' },
  sitting: { text: 'Sitting', classes: 'nhsuk-tag--blue' },
  reported: { text: 'Reported: answers due', classes: 'nhsuk-tag--purple' },
  closed: { text: 'Closed', classes: 'nhsuk-tag--grey' },
};

export const answerWords: Record<AnswerResponse, { text: string; classes: string }> = {
  accept: { text: 'Accepted', classes: 'nhsuk-tag--green' },
  accept_in_part: { text: 'Accepted in part', classes: 'nhsuk-tag--yellow' },
  not_accept: { text: 'Not accepted', classes: 'nhsuk-tag--red' },
};

export const kindWords = { jury: 'Citizens’ jury (one-off)', standing: 'Standing assembly (members rotate)' } as const;

/** A share (0..1) as a whole percentage ("23%"), or a dash when unknown. */
export function percent(share: number | null | undefined): string {
  return typeof share === 'number' && Number.isFinite(share) ? `${Math.round(share * 100)}%` : '–';
}

type Recommendation = Awaited<ReturnType<typeof listRecommendations>>[number];

/** A recommendation's support in words: "Supported by 18 of the 22 members who voted (82%); 3 opposed, 1 abstained." */
export function supportText(r: Recommendation): string {
  const s = r.support;
  if (s.voted === 0) return 'No member has voted on it yet.';
  return `Supported by ${s.support} of the ${s.voted} ${s.voted === 1 ? 'member' : 'members'} who voted (${percent(s.share)}); ${s.oppose} opposed, ${s.abstain} abstained.`;
}

/** What the pages show of a recommendation besides its text: its support, answer and whether the answer is overdue. */
export function recommendationView(r: Recommendation) {
  return { ...r, supportText: supportText(r), answerTag: r.answer ? answerWords[r.answer] : null };
}
