// A ranked ballot as a voter fills it in: a number box per candidate (`rank_<candidateId>`), 1 for
// the first choice, 2 for the next, and so on; boxes may be left blank. The numbers must be whole,
// each used once, and run 1, 2, 3… without a gap. Every message names the candidate whose box it is
// about, and sits under that box.

export interface RankedCandidate {
  id: number;
  name: string;
}

/** The form field of a candidate's number box. */
export const rankField = (candidateId: number) => `rank_${candidateId}`;

export type Ranking = { ok: true; preferences: number[] } | { ok: false; errors: Record<string, string> };

/** "1, 2 and 4" */
function listed(numbers: readonly number[]): string {
  return numbers.length < 2 ? numbers.join('') : `${numbers.slice(0, -1).join(', ')} and ${numbers[numbers.length - 1]}`;
}

/**
 * The preferences (candidate ids, first choice first) from the numbers given by candidate id, or
 * the messages by field. A number may be given as a number or as typed text; '' or absent is blank.
 */
export function rankingFromRanks(candidates: readonly RankedCandidate[], ranks: Readonly<Record<string | number, unknown>>): Ranking {
  const errors: Record<string, string> = {};
  const given: Array<{ candidate: RankedCandidate; rank: number }> = [];
  for (const candidate of candidates) {
    const raw = ranks[candidate.id];
    const typed = typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? raw.trim() : '';
    if (typed === '') continue;
    const field = rankField(candidate.id);
    if (!/^\d+$/.test(typed)) errors[field] = `The number for ${candidate.name} must be a whole number, like 1, 2 or 3, or left blank`;
    else if (Number(typed) < 1 || Number(typed) > candidates.length)
      errors[field] = `The number for ${candidate.name} must be from 1 to ${candidates.length}, or left blank`;
    else given.push({ candidate, rank: Number(typed) });
  }
  if (Object.keys(errors).length) return { ok: false, errors };
  const byRank = new Map<number, RankedCandidate>();
  for (const { candidate, rank } of given) {
    const first = byRank.get(rank);
    if (first) errors[rankField(candidate.id)] = `You gave ${rank} to both ${first.name} and ${candidate.name}: use each number once`;
    else byRank.set(rank, candidate);
  }
  if (Object.keys(errors).length) return { ok: false, errors };
  const used = [...byRank.keys()].sort((a, b) => a - b);
  const firstBox = candidates[0] ? rankField(candidates[0].id) : 'ranks';
  if (!used.length) return { ok: false, errors: { [firstBox]: 'Put 1 beside the candidate you like most: you have not numbered any candidate' } };
  if (used[0] !== 1) {
    const lowest = byRank.get(used[0] as number) as RankedCandidate;
    return { ok: false, errors: { [rankField(lowest.id)]: `Put 1 beside your first choice: your numbers start at ${used[0]}` } };
  }
  const gap = used.findIndex((rank, i) => rank !== i + 1);
  if (gap > 0) {
    const after = used[gap] as number;
    const candidate = byRank.get(after) as RankedCandidate;
    return { ok: false, errors: { [rankField(candidate.id)]: `You numbered ${listed(used)}: use ${gap + 1} before ${after}` } };
  }
  return { ok: true, preferences: used.map((rank) => (byRank.get(rank) as RankedCandidate).id) };
}

/** The preferences from a submitted form's `rank_<candidateId>` fields (other fields are ignored). */
export function rankingFromForm(candidates: readonly RankedCandidate[], form: Readonly<Record<string, unknown>>): Ranking {
  const ranks: Record<number, unknown> = {};
  for (const candidate of candidates) {
    const value = form[rankField(candidate.id)];
    ranks[candidate.id] = Array.isArray(value) ? value[0] : value;
  }
  return rankingFromRanks(candidates, ranks);
}

/** The numbers to show back in the boxes for these preferences (candidate id → rank). */
export function ranksOf(preferences: readonly number[]): Record<number, number> {
  return Object.fromEntries(preferences.map((id, i) => [id, i + 1]));
}
