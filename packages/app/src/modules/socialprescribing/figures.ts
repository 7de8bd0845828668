// An organisation's social prescribing figures: referrals by source, time to first contact,
// connections by category and the change in ONS4 scores. Any count of fewer than 10 is suppressed
// (shown as "fewer than 10"), and so is a median or mean over fewer than 10 people, so no figure
// points at a person. The arithmetic is in pure functions, tested against hand-worked examples.
import type { Db } from '../../platform/database.js';
import { organisationSummaryOrNotFound } from '../registry/service.js';
import { type Actor, assertCan } from './policy.js';
import { dayOf, type SocialPrescribingDeps, sourceLabels } from './records.js';
import { type ReferralSource, referralSources, type WellbeingMoment } from './schema.js';
import { type Ons4, type Ons4Key, ons4Measures } from './wellbeing.js';

export const suppressedBelow = 10;

/** A count as it may be shown: null when fewer than 10. */
export const suppress = (count: number): number | null => (count < suppressedBelow ? null : count);

/** The middle value (the mean of the two middle ones for an even number), or null for none. */
export function median(values: readonly number[]): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

const oneDecimal = (n: number) => Math.round(n * 10) / 10;
const mean = (values: readonly number[]) => values.reduce((a, b) => a + b, 0) / values.length;

/** Whole days from one YYYY-MM-DD to another. */
export const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

export interface ScoreRow extends Ons4 {
  referralId: number;
  id: number;
  takenOn: string;
  moment: WellbeingMoment;
}

export interface WellbeingChange {
  /** People (referrals) with a start score and a later one. */
  n: number;
  measures: Array<{ key: Ons4Key; label: string; higherIsBetter: boolean; start: number | null; latest: number | null; change: number | null }>;
}

/**
 * For each referral with a start score and a later score: the start (the first 'start' scores) and
 * the latest later set. Means of each to 1 decimal, and the mean change; all null under 10 people.
 */
export function wellbeingChange(scores: readonly ScoreRow[]): WellbeingChange {
  const byReferral = new Map<number, ScoreRow[]>();
  for (const s of scores) byReferral.set(s.referralId, [...(byReferral.get(s.referralId) ?? []), s]);
  const pairs: Array<[ScoreRow, ScoreRow]> = [];
  for (const rows of byReferral.values()) {
    const ordered = [...rows].sort((a, b) => a.takenOn.localeCompare(b.takenOn) || a.id - b.id);
    const start = ordered.find((s) => s.moment === 'start');
    if (!start) continue;
    const later = ordered.filter((s) => s !== start && s.moment !== 'start' && s.takenOn >= start.takenOn);
    const latest = later[later.length - 1];
    if (latest) pairs.push([start, latest]);
  }
  const shown = pairs.length >= suppressedBelow;
  return {
    n: pairs.length,
    measures: ons4Measures.map(({ key, label, higherIsBetter }) => ({
      key,
      label,
      higherIsBetter,
      start: shown ? oneDecimal(mean(pairs.map(([s]) => s[key]))) : null,
      latest: shown ? oneDecimal(mean(pairs.map(([, l]) => l[key]))) : null,
      change: shown ? oneDecimal(mean(pairs.map(([s, l]) => l[key] - s[key]))) : null,
    })),
  };
}

export interface ReferralFigures {
  organisation: { id: number; name: string };
  total: number;
  bySource: Array<{ source: ReferralSource; label: string; count: number | null }>;
  firstContact: { n: number; medianDays: number | null };
  connectionsByCategory: Array<{ category: string; count: number | null }>;
  wellbeing: WellbeingChange;
  suppressedBelow: number;
}

/** Connections counted by category; those of 10 or more first, by count, then the rest by name. */
export function countByCategory(categories: readonly string[]): Array<{ category: string; count: number | null }> {
  const counts = new Map<string, number>();
  for (const c of categories) counts.set(c || 'No category', (counts.get(c || 'No category') ?? 0) + 1);
  return [...counts]
    .sort(([a, x], [b, y]) => Number(y >= suppressedBelow) - Number(x >= suppressedBelow) || (x >= suppressedBelow ? y - x : 0) || a.localeCompare(b))
    .map(([category, count]) => ({ category, count: suppress(count) }));
}

async function figureRows(db: Db, organisationId: number, now: Date) {
  const [referrals, connections, scores] = await Promise.all([
    db
      .selectFrom('referral')
      .select(['source', 'created_at', 'first_contact_at'])
      .where('organisation_id', '=', organisationId)
      .where('created_at', '<=', now)
      .execute(),
    db
      .selectFrom('referral_connection as c')
      .innerJoin('referral as r', 'r.id', 'c.referral_id')
      .select('c.category')
      .where('r.organisation_id', '=', organisationId)
      .where('r.created_at', '<=', now)
      .execute(),
    db
      .selectFrom('referral_wellbeing as w')
      .innerJoin('referral as r', 'r.id', 'w.referral_id')
      .select(['w.id', 'w.referral_id', 'w.taken_on', 'w.moment', 'w.life_satisfaction', 'w.worthwhile', 'w.happiness', 'w.anxiety'])
      .where('r.organisation_id', '=', organisationId)
      .where('r.created_at', '<=', now)
      .execute(),
  ]);
  return { referrals, connections, scores };
}

/** The organisation's figures (its admins and link workers), counts under 10 suppressed. */
export async function referralFigures(
  deps: SocialPrescribingDeps,
  actor: Actor,
  organisationId: number,
  now: Date = deps.now?.() ?? new Date(),
): Promise<ReferralFigures> {
  const organisation = await organisationSummaryOrNotFound(deps.db, organisationId);
  assertCan(actor, 'referral.figures', { organisationId: organisation.id });
  const { referrals, connections, scores } = await figureRows(deps.db, organisation.id, now);
  const contactDays = referrals.flatMap((r) => (r.first_contact_at === null ? [] : [daysBetween(dayOf(r.created_at), dayOf(r.first_contact_at))]));
  return {
    organisation: { id: organisation.id, name: organisation.name },
    total: referrals.length,
    bySource: referralSources.map((source) => ({ source, label: sourceLabels[source], count: suppress(referrals.filter((r) => r.source === source).length) })),
    firstContact: { n: contactDays.length, medianDays: contactDays.length >= suppressedBelow ? median(contactDays) : null },
    connectionsByCategory: countByCategory(connections.map((c) => c.category)),
    wellbeing: wellbeingChange(
      scores.map((s) => ({
        id: s.id,
        referralId: s.referral_id,
        takenOn: s.taken_on,
        moment: s.moment,
        lifeSatisfaction: s.life_satisfaction,
        worthwhile: s.worthwhile,
        happiness: s.happiness,
        anxiety: s.anxiety,
      })),
    ),
    suppressedBelow,
  };
}
