// The settings form of an election: the choices it offers in plain words (the body, the role those
// elected hold, the method, the ballot order), reading what staff typed into the service's
// ElectionInput (the constituencies written "Name: seats" a line each), and a stored election as the form shows it.
import { ValidationError } from '../../../platform/errors.js';
import { labelFor } from '../../../platform/labels.js';
import { dateFromParts, datePartsOf, selectItems, text } from '../../../platform/web/index.js';
import { ballotOrders, electionMethods } from '../schema.js';
import { constituenciesFromText, constituenciesText, type ElectionInput, electionDefaults, electionRoles } from '../service.js';

/** The date fields (NHS.UK date inputs), in the order of the form. */
export const dateFields = ['nominationsOpenOn', 'nominationsCloseOn', 'votingOpenOn', 'votingCloseOn', 'termStartOn', 'termEndOn'] as const;

/** What a new election's form starts with. */
export const newElectionValues = (): Record<string, unknown> => ({
  ...formValuesOf({ ...electionDefaults, organisationId: 0, bodyId: 0, title: '' }),
  bodyId: '',
});

const methodText: Record<(typeof electionMethods)[number], { text: string; hint: string }> = {
  scottish: {
    text: 'Scottish STV (recommended)',
    hint: 'The rules of Scottish local elections (2007): a candidate over the quota passes on their surplus at a fraction of each vote. With one seat this is the alternative vote.',
  },
  meek: {
    text: 'Meek STV',
    hint: 'Surpluses are passed on again, by computer, each time a candidate is elected or excluded, so every vote counts in full as far as it can. With one seat this is the alternative vote.',
  },
};

const ballotOrderText: Record<(typeof ballotOrders)[number], { text: string; hint: string }> = {
  alphabetical: { text: 'Alphabetical', hint: 'By surname, then first name.' },
  random: { text: 'Random', hint: 'Drawn with the election’s published seed, so anyone can check it.' },
};

/** Radio and select items for the form's choices. */
export function settingsChoices(values: Record<string, unknown>, bodies: ReadonlyArray<{ id: number; name: string }>) {
  const choice = <K extends string>(field: string, options: readonly K[], labels: Record<K, { text: string; hint: string }>) =>
    options.map((o) => ({ value: o, text: labels[o].text, hint: { text: labels[o].hint }, checked: text(values[field]) === o }));
  return {
    bodyItems: selectItems(
      bodies.map((b) => ({ value: b.id, text: b.name })),
      values.bodyId,
      'Choose the body',
    ),
    roleItems: selectItems(
      electionRoles.map((r) => ({ value: r, text: labelFor(r) })),
      values.role,
      'Choose the role',
    ),
    methodItems: choice('method', electionMethods, methodText),
    ballotOrderItems: choice('ballotOrder', ballotOrders, ballotOrderText),
    receiptItems: [
      { value: 'yes', text: 'Yes', checked: text(values.receipts) !== 'no' },
      { value: 'no', text: 'No', checked: text(values.receipts) === 'no' },
    ],
  };
}

/** The settings as typed, for createElection and updateElection; a ValidationError naming each field that cannot be read. */
export function settingsFrom(form: Record<string, unknown>, organisationId: number): ElectionInput {
  const errors: Record<string, string> = {};
  const read = constituenciesFromText(text(form.constituencies));
  if (read.error) errors.constituencies = read.error;
  const wordLimit = text(form.wordLimit).trim().replace(/,/g, '');
  if (!/^\d{1,6}$/.test(wordLimit)) errors.wordLimit = 'Enter the word limit as a whole number, like 250';
  if (Object.keys(errors).length) throw new ValidationError(errors);
  const date = (field: string) => dateFromParts(form, field) || null;
  const bodyId = text(form.bodyId);
  return {
    organisationId,
    bodyId: /^\d{1,10}$/.test(bodyId) ? Number(bodyId) : 0,
    title: text(form.title),
    description: text(form.description),
    role: text(form.role),
    method: text(form.method) as ElectionInput['method'],
    constituencies: read.constituencies,
    nominationsOpenOn: date('nominationsOpenOn'),
    nominationsCloseOn: date('nominationsCloseOn'),
    votingOpenOn: date('votingOpenOn'),
    votingCloseOn: date('votingCloseOn'),
    termStartOn: date('termStartOn'),
    termEndOn: date('termEndOn'),
    wordLimit: Number(wordLimit),
    declarations: text(form.declarations),
    ballotOrder: text(form.ballotOrder) as ElectionInput['ballotOrder'],
    receipts: text(form.receipts) !== 'no',
  };
}

/** A stored election's settings as the form shows them. */
export function formValuesOf(e: ElectionInput): Record<string, unknown> {
  return {
    title: e.title,
    description: e.description,
    bodyId: String(e.bodyId),
    role: e.role,
    method: e.method,
    constituencies: constituenciesText(e.constituencies),
    ...Object.assign({}, ...dateFields.map((f) => datePartsOf(f, e[f]))),
    wordLimit: String(e.wordLimit),
    declarations: e.declarations,
    ballotOrder: e.ballotOrder,
    receipts: e.receipts ? 'yes' : 'no',
  };
}
