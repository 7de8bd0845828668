// The words shown for the feedback module's codes.
import type { AuthorRole, ChangeStatus, FftAnswer, StoryStatus } from './schema.js';

export const authorRoleLabels: Record<AuthorRole, string> = {
  patient: 'Patient',
  carer: 'Carer or relative',
  staff_for_patient: 'Member of staff, on behalf of a patient',
};

export const storyStatusLabels: Record<StoryStatus, { text: string; tag: string }> = {
  awaiting_moderation: { text: 'Waiting for moderation', tag: 'nhsuk-tag--yellow' },
  published: { text: 'Published', tag: 'nhsuk-tag--green' },
  rejected: { text: 'Not published', tag: 'nhsuk-tag--red' },
};

/** Criticality, for staff and moderators only. */
export const criticalityLabels = [
  '0 – no criticism',
  '1 – minimal criticism',
  '2 – mild criticism',
  '3 – moderate criticism',
  '4 – strong criticism',
  '5 – severe criticism',
] as const;

export const changeStatusLabels: Record<ChangeStatus, string> = { planned: 'Change planned', made: 'Change made' };

export const fftAnswerLabels: Record<FftAnswer, string> = {
  very_good: 'Very good',
  good: 'Good',
  neither: 'Neither good nor poor',
  poor: 'Poor',
  very_poor: 'Very poor',
  dont_know: "Don't know",
};

/** A theme as offered in lists: "Waiting times (could be better)". */
export function themeText(theme: { name: string; polarity: 'good' | 'could_be_better' }): string {
  return `${theme.name} (${theme.polarity === 'good' ? 'good' : 'could be better'})`;
}

export const identifierKindLabels: Record<string, string> = {
  name: 'name',
  nhs_number: 'NHS number',
  phone: 'phone number',
  email: 'email address',
  postcode: 'postcode',
  date: 'date',
  address: 'address',
};

/** "March 2026" from '2026-03-01'. */
export function monthLabel(firstOfMonth: string): string {
  const [year, month] = firstOfMonth.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(year, month - 1, 1)).toLocaleDateString('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });
}

/** "75%" from 0.75; an en dash when there is nothing to show. */
export function percent(share: number | null): string {
  return share === null ? '–' : `${Math.round(share * 100)}%`;
}
