// Who hears about an event, as plain functions over plain data: each person once however many of
// their follows the event touches, only if one of those follows asked for the event's topic, at once
// if any such follow says so (else in the weekly digest). And the week a digest belongs to.
import type { FollowFrequency, FollowTopic } from './schema.js';

export interface FollowRule {
  accountId: number;
  consultations: boolean;
  meetings: boolean;
  decisions: boolean;
  frequency: FollowFrequency;
}

/** Each person the event goes to, with how: one entry per person. */
export function recipientsOf(follows: readonly FollowRule[], topic: FollowTopic): Map<number, FollowFrequency> {
  const out = new Map<number, FollowFrequency>();
  for (const f of follows) {
    if (!f[topic]) continue;
    if (out.get(f.accountId) !== 'immediate') out.set(f.accountId, f.frequency);
  }
  return out;
}

/** The day and the hour (0–23) in England of an instant. */
function englandParts(at: Date): { date: string; weekday: number; hour: number } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/London',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      hourCycle: 'h23',
      weekday: 'short',
    })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  const weekday = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(parts.weekday as string);
  return { date: `${parts.year}-${parts.month}-${parts.day}`, weekday, hour: Number(parts.hour) };
}

/** The hour in England on Mondays from which that week's digests go. */
export const digestHour = 7;

/**
 * The week whose digest is due at this instant: the date (England) of the latest Monday whose
 * digest hour has passed, and that instant. A digest carries what happened before that instant and
 * is keyed by the Monday, so each person gets at most one a week, on Monday morning.
 */
export function digestWeekOf(at: Date): { weekOf: string; cutoff: Date } {
  const { date, weekday, hour } = englandParts(at);
  const daysBack = weekday === 0 && hour < digestHour ? 7 : weekday;
  const monday = new Date(`${date}T12:00:00Z`);
  monday.setUTCDate(monday.getUTCDate() - daysBack);
  const weekOf = monday.toISOString().slice(0, 10);
  // The digest hour in England is that hour in UTC, or an hour earlier in summer time.
  const asUtc = new Date(`${weekOf}T${String(digestHour).padStart(2, '0')}:00:00Z`);
  const cutoff = new Date(asUtc.getTime() - (englandParts(asUtc).hour - digestHour) * 3_600_000);
  return { weekOf, cutoff };
}
