// The rules of a complaint's timeline, as plain functions: which step may follow which, the
// deadlines (acknowledge within 3 working days, the 12-month time limit, the six-month mark) and
// the plain-English names of statuses, outcomes, subjects and events. No database, no clock.
import { ConflictError } from '../../platform/errors.js';
import { todayInEngland } from '../../platform/web/forms.js';
import type { ComplaintEventKind, ComplaintOutcome, ComplaintStatus, ComplaintSubject, ConsentBasis, LetterKind } from './schema.js';
import { addWorkingDays } from './workingDays.js';

/** Working days after receipt by which a complaint must be acknowledged (regulation 13(7)). */
export const acknowledgementWorkingDays = 3;

export const statusLabels: Record<ComplaintStatus, string> = {
  received: 'Received',
  acknowledged: 'Acknowledged',
  under_investigation: 'Under investigation',
  response_sent: 'Final response sent',
  closed: 'Closed',
  referred_to_ombudsman: 'Referred to the Ombudsman',
};

/** NHS.UK tag colours by status. */
export const statusTagClasses: Record<ComplaintStatus, string> = {
  received: 'nhsuk-tag--blue',
  acknowledged: 'nhsuk-tag--aqua-green',
  under_investigation: 'nhsuk-tag--yellow',
  response_sent: 'nhsuk-tag--green',
  closed: 'nhsuk-tag--grey',
  referred_to_ombudsman: 'nhsuk-tag--purple',
};

export const outcomeLabels: Record<ComplaintOutcome, string> = {
  upheld: 'Upheld',
  partly_upheld: 'Partly upheld',
  not_upheld: 'Not upheld',
};

export const subjectLabels: Record<ComplaintSubject, string> = {
  access_to_treatment: 'Access to treatment or drugs',
  admissions_and_discharge: 'Admissions and discharge',
  appointments: 'Appointments, including delays and cancellations',
  clinical_treatment: 'Clinical treatment',
  commissioning: 'Commissioning',
  communication: 'Communication',
  consent: 'Consent',
  end_of_life_care: 'End of life care',
  facilities: 'Facilities',
  integrated_care: 'Integrated care, including delayed discharge',
  mental_health_act: 'Mental Health Act',
  patient_care: 'Patient care, including nutrition and hydration',
  prescribing: 'Prescribing',
  privacy_dignity_wellbeing: 'Privacy, dignity and wellbeing',
  restraint: 'Restraint',
  staff_numbers: 'Staff numbers',
  transport: 'Transport, including ambulances',
  admin_policies: 'Administration, policies and procedures, including records',
  values_and_behaviours: 'Values and behaviours of staff',
  waiting_times: 'Waiting times',
  other: 'Other',
};

export const consentLabels: Record<ConsentBasis, string> = {
  given: 'They have agreed to me complaining for them',
  child: 'They are a child and I am their parent or guardian',
  lacks_capacity: 'They cannot agree because they lack capacity',
  died: 'They have died',
};

export const letterLabels: Record<LetterKind, string> = {
  acknowledgement: 'Acknowledgement',
  final_response: 'Final response',
  delay: 'Letter about a delay',
};

export const eventLabels: Record<ComplaintEventKind, string> = {
  received: 'Complaint received',
  acknowledged: 'Complaint acknowledged',
  response_date_agreed: 'Response date agreed',
  extension_agreed: 'More time agreed for the response',
  investigation_started: 'Investigation started',
  response_sent: 'Final response sent',
  closed: 'Complaint closed',
  referred_to_ombudsman: 'Referred to the Ombudsman',
  time_limit_decided: 'Decision on the 12-month time limit',
  subjects_recorded: 'Subjects recorded',
  delay_letter_sent: 'Letter sent about a delay',
};

/**
 * Every step a complaints manager can take, with the statuses it may be taken from and the status
 * it leads to (none when the status stays). A step from any other status is refused.
 */
export const steps = {
  acknowledge: { from: ['received'], to: 'acknowledged', doing: 'acknowledge' },
  agreeResponseDate: { from: ['received', 'acknowledged', 'under_investigation'], to: null, doing: 'agree a response date for' },
  agreeExtension: { from: ['acknowledged', 'under_investigation'], to: null, doing: 'agree more time for' },
  startInvestigation: { from: ['acknowledged'], to: 'under_investigation', doing: 'start investigating' },
  sendDelayLetter: { from: ['acknowledged', 'under_investigation'], to: null, doing: 'send a letter about a delay for' },
  sendFinalResponse: { from: ['acknowledged', 'under_investigation'], to: 'response_sent', doing: 'send the final response to' },
  close: { from: ['response_sent'], to: 'closed', doing: 'close' },
  referToOmbudsman: { from: ['response_sent', 'closed'], to: 'referred_to_ombudsman', doing: 'record an Ombudsman referral for' },
  decideTimeLimit: { from: ['received', 'acknowledged', 'under_investigation'], to: null, doing: 'decide the time limit for' },
  recordSubjects: {
    from: ['received', 'acknowledged', 'under_investigation', 'response_sent', 'closed', 'referred_to_ombudsman'],
    to: null,
    doing: 'record the subjects of',
  },
} as const satisfies Record<string, { from: readonly ComplaintStatus[]; to: ComplaintStatus | null; doing: string }>;

export type Step = keyof typeof steps;

/** How a status reads in "a complaint that is …". */
const statusPhrases: Record<ComplaintStatus, string> = {
  received: 'not yet acknowledged',
  acknowledged: 'acknowledged but not yet under investigation',
  under_investigation: 'under investigation',
  response_sent: 'answered with a final response',
  closed: 'closed',
  referred_to_ombudsman: 'referred to the Ombudsman',
};

/** Hints on what to do instead, by step. */
const stepHints: Partial<Record<Step, string>> = {
  acknowledge: 'It has already been acknowledged.',
  sendFinalResponse: 'Acknowledge it first; a final response can be sent only once.',
  close: 'Send the final response first.',
  referToOmbudsman: 'A referral can be recorded only after the final response.',
  agreeExtension: 'Acknowledge it and agree a response date first.',
};

export function canTake(step: Step, status: ComplaintStatus): boolean {
  return (steps[step].from as readonly ComplaintStatus[]).includes(status);
}

/** The message for a step that does not fit the status, or null when it may be taken. */
export function stepRefusal(step: Step, status: ComplaintStatus): string | null {
  if (canTake(step, status)) return null;
  const hint = stepHints[step];
  return `You cannot ${steps[step].doing} a complaint that is ${statusPhrases[status]}.${hint ? ` ${hint}` : ''}`;
}

/** Throw a ConflictError (409, nothing changed) unless the step fits the status. */
export function assertStep(step: Step, status: ComplaintStatus): void {
  const refusal = stepRefusal(step, status);
  if (refusal) throw new ConflictError(refusal);
}

/** The status after a step (unchanged for steps that do not move the complaint on). */
export function statusAfter(step: Step, status: ComplaintStatus): ComplaintStatus {
  assertStep(step, status);
  return steps[step].to ?? status;
}

export const openStatuses: readonly ComplaintStatus[] = ['received', 'acknowledged', 'under_investigation'];

export function isOpen(status: ComplaintStatus): boolean {
  return openStatuses.includes(status);
}

// ---- dates ----

/** The date in England now, 'YYYY-MM-DD' (deadlines run by UK calendar days). */
export function ukDate(now: Date): string {
  return todayInEngland(now);
}

/** The date `months` calendar months later (or earlier), the day clamped to the month's end. */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(d, lastDay)).padStart(2, '0')}`;
}

/** Whole calendar days from one date to a later one. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** The acknowledgement deadline: 3 working days after receipt, the organisation's own holidays included. */
export function acknowledgementDue(receivedOn: string, extraHolidays?: ReadonlySet<string>): string {
  return addWorkingDays(receivedOn, acknowledgementWorkingDays, extraHolidays);
}

/** A complaint about an event more than 12 months before it was received (regulation 12). */
export function isLate(eventDate: string, receivedOn: string): boolean {
  return eventDate < addMonths(receivedOn, -12);
}

/** The day six months after receipt, when a complainant must be told why there is no response yet. */
export function sixMonthsAfter(receivedOn: string): string {
  return addMonths(receivedOn, 6);
}

export interface DeadlineFacts {
  status: ComplaintStatus;
  receivedOn: string;
  responseDue: string | null;
}

/** The next deadline an open complaint faces, or null (answered, or no response date agreed yet). */
export function nextDeadline(c: DeadlineFacts, extraHolidays?: ReadonlySet<string>): { kind: 'acknowledgement' | 'response'; due: string } | null {
  if (c.status === 'received') return { kind: 'acknowledgement', due: acknowledgementDue(c.receivedOn, extraHolidays) };
  if (isOpen(c.status) && c.responseDue) return { kind: 'response', due: c.responseDue };
  return null;
}
