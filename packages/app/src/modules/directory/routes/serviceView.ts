// How a directory entry reads on the pages, public and admin alike: its status as a tag, a result's
// one line, opening times in words, contacts and costs.
import type { ScheduleView, ServiceDetail, ServiceStatus, ServiceSummary } from '../service.js';

/** A tag for a service that is not simply running (none for active ones). */
export const statusTags: Record<ServiceStatus, { text: string; classes: string } | null> = {
  active: null,
  'temporarily closed': { text: 'Temporarily closed', classes: 'nhsuk-tag--orange' },
  inactive: { text: 'Not running', classes: 'nhsuk-tag--grey' },
  defunct: { text: 'Closed for good', classes: 'nhsuk-tag--red' },
};

/** Words for a service's status on the admin's form. */
export const statusWords: Record<ServiceStatus, string> = {
  active: 'Running',
  'temporarily closed': 'Temporarily closed',
  inactive: 'Not running at the moment',
  defunct: 'Closed for good',
};

/** One result's line under its name: who runs it, where, and how far. */
export function listLine(s: ServiceSummary): string {
  // A location named after its service (as one saved without a place name is) is not named twice.
  const where = [s.locationName === s.name ? null : s.locationName, s.town, s.postcode].filter(Boolean).join(', ');
  const distance = s.distanceMiles === null ? '' : s.distanceMiles === 1 ? '1 mile away' : `${s.distanceMiles} miles away`;
  return [s.organisationName, where, distance].filter(Boolean).join(' · ');
}

/** "Mondays and Thursdays, 10:00 to 12:00" style text for one opening time. */
export function scheduleText(s: ScheduleView): string {
  const days = s.dayNames || (s.freq === 'MONTHLY' ? 'Monthly' : '');
  const hours = s.opensAt && s.closesAt ? `${s.opensAt} to ${s.closesAt}` : s.opensAt ? `from ${s.opensAt}` : s.closesAt ? `until ${s.closesAt}` : '';
  return [days, hours].filter(Boolean).join(', ') || s.description || 'Times not given';
}

export interface ContactRow {
  key: string;
  text: string;
  href?: string;
  note?: string;
}

const phoneRow = (p: { number: string; description: string | null }): ContactRow => ({
  key: 'Phone',
  text: p.number,
  href: `tel:${p.number.replace(/[^\d+]/g, '')}`,
  note: p.description ?? undefined,
});

/** The ways to get in touch, one row each: who to ask, phones, email, website (linked only when it is a web address). */
export function contactRows(service: ServiceDetail): ContactRow[] {
  const rows: ContactRow[] = [];
  for (const c of service.contacts) {
    const who = [c.name, c.title].filter(Boolean).join(', ');
    if (who) rows.push({ key: 'Who to ask', text: who });
    rows.push(...c.phones.map(phoneRow));
    if (c.email) rows.push({ key: 'Email', text: c.email, href: `mailto:${c.email}` });
  }
  rows.push(...service.phones.map(phoneRow));
  if (service.email) rows.push({ key: 'Email', text: service.email, href: `mailto:${service.email}` });
  if (service.url) rows.push({ key: 'Website', text: service.url, href: /^https?:\/\//i.test(service.url) ? service.url : undefined });
  return rows;
}

/** A cost in words: "free" for none or nothing, "£3" for whole pounds, "£2.50" otherwise. */
export function amountText(amount: number | null): string {
  if (amount === null || amount === 0) return 'free';
  return Number.isInteger(amount) ? `£${amount}` : `£${amount.toFixed(2)}`;
}
