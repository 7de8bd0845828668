// The service form of an organisation's admins, read both ways: posted fields into the service's
// ServiceInput (opening times and costs as numbered rows, blank rows left out), and a ServiceInput
// back into the form's fields with a few blank rows to fill in. Works without JavaScript: a person
// who needs more rows saves and comes back to more blank ones.
import { ValidationError } from '../../../platform/errors.js';
import { formValue, formValues } from '../../../platform/web/index.js';
import type { CostInput, OpeningTimeInput, ServiceInput } from '../service.js';
import { dayCodes, dayNames } from '../services.js';

/** The most rows of each list a form takes (more are ignored). */
const maxRows = 30;
const blankOpeningTimes = 2;
const blankCosts = 1;

const textFields = [
  'name',
  'description',
  'url',
  'email',
  'status',
  'fees',
  'eligibilityDescription',
  'alert',
  'languages',
  'locationName',
  'address1',
  'address2',
  'city',
  'postcode',
  'accessibility',
  'contactName',
  'contactTitle',
  'contactEmail',
  'contactPhone',
] as const;

/** The row numbers a list's fields were posted with ("openingTimes-3-opensAt" → 3), in order. */
function rowNumbers(form: Record<string, unknown>, list: string): number[] {
  const rows = new Set<number>();
  for (const key of Object.keys(form)) {
    const match = new RegExp(`^${list}-(\\d{1,2})-`).exec(key);
    if (match) rows.add(Number(match[1]));
  }
  return [...rows].sort((a, b) => a - b).slice(0, maxRows);
}

const trimmed = (form: Record<string, unknown>, name: string) => formValue(form, name).trim();

/** The ServiceInput a posted form asks for (organisation from the address, never the form). */
export function serviceInputFrom(form: Record<string, unknown>, organisationId: number): ServiceInput {
  const openingTimes: OpeningTimeInput[] = [];
  for (const n of rowNumbers(form, 'openingTimes')) {
    const row = {
      days: formValues(form, `openingTimes-${n}-days`),
      opensAt: trimmed(form, `openingTimes-${n}-opensAt`),
      closesAt: trimmed(form, `openingTimes-${n}-closesAt`),
      description: trimmed(form, `openingTimes-${n}-description`),
    };
    if (row.days.length || row.opensAt || row.closesAt || row.description) openingTimes.push(row);
  }
  const costs: CostInput[] = [];
  for (const n of rowNumbers(form, 'costs')) {
    const row = {
      option: trimmed(form, `costs-${n}-option`),
      amount: trimmed(form, `costs-${n}-amount`),
      amountDescription: trimmed(form, `costs-${n}-amountDescription`),
    };
    if (row.option || row.amount || row.amountDescription) costs.push(row);
  }
  const text = Object.fromEntries(textFields.map((f) => [f, trimmed(form, f)])) as Record<(typeof textFields)[number], string>;
  return {
    ...text,
    organisationId,
    minimumAge: trimmed(form, 'minimumAge') || null,
    maximumAge: trimmed(form, 'maximumAge') || null,
    categoryIds: formValues(form, 'categoryIds'),
    openingTimes,
    costs,
  };
}

/** A list row's error keys as the form names them: "openingTimes.2" or "openingTimes.2.opensAt" → "openingTimes-2". */
export function formErrorKey(key: string): string {
  const row = /^(openingTimes|costs)\.(\d+)/.exec(key);
  return row ? `${row[1]}-${row[2]}` : key;
}

/** The service's ValidationError with its keys as the form's fields (messages of one row together). */
export async function withFormKeys<T>(action: () => Promise<T>): Promise<T> {
  try {
    return await action();
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    const errors: Record<string, string> = {};
    for (const [key, message] of Object.entries(error.fieldErrors)) {
      const formKey = formErrorKey(key);
      errors[formKey] = errors[formKey] ? `${errors[formKey]} ${message}` : message;
    }
    throw new ValidationError(errors);
  }
}

/** The form's fields for a ServiceInput (as saved, or as posted and compacted), with blank rows to add more. */
export function formFieldsOf(input: ServiceInput) {
  const str = (v: string | number | null | undefined) => (v === null || v === undefined ? '' : String(v));
  const openingTimes = [
    ...input.openingTimes.map((t) => ({ days: t.days, opensAt: t.opensAt, closesAt: t.closesAt, description: t.description ?? '' })),
    ...Array.from({ length: blankOpeningTimes }, () => ({ days: [] as string[], opensAt: '', closesAt: '', description: '' })),
  ].map((t, index) => ({
    ...t,
    index,
    dayItems: dayCodes.map((code) => ({ value: code, text: dayNames[code], checked: t.days.includes(code) })),
  }));
  const costs = [
    ...input.costs.map((c) => ({ option: c.option, amount: str(c.amount), amountDescription: c.amountDescription ?? '' })),
    ...Array.from({ length: blankCosts }, () => ({ option: '', amount: '', amountDescription: '' })),
  ].map((c, index) => ({ ...c, index }));
  return {
    values: {
      ...Object.fromEntries(textFields.map((f) => [f, str(input[f])])),
      minimumAge: str(input.minimumAge),
      maximumAge: str(input.maximumAge),
    } as Record<string, string>,
    categoryIds: input.categoryIds,
    openingTimes,
    costs,
  };
}
