// What the social prescribing pages share: the words for codes (the service's), the tag colours of
// states, radio items, and the ONS4 boxes read from a form.
import { text } from '../../../platform/web/index.js';
import type { ReferralState } from '../service.js';
import {
  closeReasonLabels,
  connectionStatusLabels,
  conversationModeLabels,
  type Ons4Key,
  ons4Measures,
  sourceLabels,
  stateLabels,
  wellbeingMomentLabels,
} from '../service.js';

export { closeReasonLabels, connectionStatusLabels, conversationModeLabels, sourceLabels, stateLabels, wellbeingMomentLabels };

export const stateTagClasses: Record<ReferralState, string> = {
  received: 'nhsuk-tag--yellow',
  contacted: 'nhsuk-tag--blue',
  active: 'nhsuk-tag--green',
  following_up: 'nhsuk-tag--purple',
  closed: 'nhsuk-tag--grey',
};

/** Radio items from a list of codes and their words, the chosen one checked. */
export function choiceItems<T extends string>(values: readonly T[], labels: Record<T, string>, chosen: unknown) {
  return values.map((value) => ({ value, text: labels[value], checked: text(chosen) === value }));
}

/** The four ONS4 boxes: field name and the question exactly as the ONS asks it. */
export const ons4Questions = ons4Measures.map((m) => ({ name: m.key, label: m.question }));

/** The ONS4 boxes as typed, for the service to check (it names each bad box; all four empty is "none" where optional). */
export function scoresFrom(form: Record<string, unknown>): Record<Ons4Key, string> {
  return Object.fromEntries(ons4Measures.map((m) => [m.key, text(form[m.key]).trim()])) as Record<Ons4Key, string>;
}

/** A record id from a form field, or -1 (which the service refuses, naming the field). */
export const formId = (value: unknown) => (/^\d{1,9}$/.test(text(value).trim()) ? Number(text(value).trim()) : -1);
