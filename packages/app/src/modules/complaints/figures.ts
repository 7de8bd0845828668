// The complaints figures, computed in one place from plain data so they can be checked against
// worked examples: open complaints by deadline, the share acknowledged within 3 working days, the
// median days to a final response, and counts by quarter (NHS financial-year quarters, as in the
// national KO41a return) of complaints received, resolved, by outcome and by subject.
import { type ComplaintOutcome, type ComplaintStatus, type ComplaintSubject, complaintOutcomes, complaintSubjects } from './schema.js';
import { acknowledgementDue, daysBetween, isOpen, nextDeadline, outcomeLabels, subjectLabels } from './timeline.js';

export interface FigureComplaint {
  id: number;
  reference: string;
  status: ComplaintStatus;
  receivedOn: string;
  acknowledgedOn: string | null;
  responseDue: string | null;
  responseSentOn: string | null;
  outcome: ComplaintOutcome | null;
  subjects: readonly ComplaintSubject[];
}

export interface Quarter {
  /** For addresses: the financial year's first calendar year and the quarter, e.g. '2024-q1'. */
  key: string;
  /** e.g. '2024-25 Q1' */
  name: string;
  /** e.g. 'April to June 2024' */
  months: string;
  start: string;
  end: string;
}

const monthNames = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** A financial-year quarter: Q1 is April to June, Q4 is January to March of the next year. */
export function quarterFrom(financialYear: number, q: number): Quarter {
  const firstMonth = ((q - 1) * 3 + 3) % 12; // 0-based: April = 3
  const year = q === 4 ? financialYear + 1 : financialYear;
  const lastMonth = firstMonth + 2;
  const lastDay = new Date(Date.UTC(year, lastMonth + 1, 0)).getUTCDate();
  return {
    key: `${financialYear}-q${q}`,
    name: `${financialYear}-${pad((financialYear + 1) % 100)} Q${q}`,
    months: `${monthNames[firstMonth]} to ${monthNames[lastMonth]} ${year}`,
    start: `${year}-${pad(firstMonth + 1)}-01`,
    end: `${year}-${pad(lastMonth + 1)}-${pad(lastDay)}`,
  };
}

export function quarterOf(date: string): Quarter {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  if (month <= 3) return quarterFrom(year - 1, 4);
  return quarterFrom(year, Math.floor((month - 4) / 3) + 1);
}

/** A quarter from its key ('2024-q1'), or null when the key is not one. */
export function parseQuarterKey(key: string): Quarter | null {
  const match = /^(\d{4})-q([1-4])$/.exec(key);
  if (!match) return null;
  const year = Number(match[1]);
  if (year < 2000 || year > 2100) return null;
  return quarterFrom(year, Number(match[2]));
}

/** The quarter holding `today` and the `count - 1` before it, oldest first. */
export function recentQuarters(today: string, count: number): Quarter[] {
  const current = quarterOf(today);
  const [fy, q] = current.key.split('-q').map(Number) as [number, number];
  const quarters: Quarter[] = [];
  for (let i = count - 1; i >= 0; i--) {
    const index = fy * 4 + (q - 1) - i;
    quarters.push(quarterFrom(Math.floor(index / 4), (index % 4) + 1));
  }
  return quarters;
}

/** The exact median (the mean of the middle two for an even count), or null for no values. */
export function median(values: readonly number[]): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

export interface Share {
  count: number;
  of: number;
  /** count / of, or null when `of` is 0. */
  share: number | null;
}

function shareOf(count: number, of: number): Share {
  return { count, of, share: of ? count / of : null };
}

export interface OpenComplaint {
  id: number;
  reference: string;
  status: ComplaintStatus;
  receivedOn: string;
  deadline: 'acknowledgement' | 'response' | null;
  due: string | null;
  overdue: boolean;
}

export interface QuarterFigures {
  quarter: Quarter;
  /** Open at the start of the quarter (received before it, no final response before it). */
  broughtForward: number;
  received: number;
  /** Final responses sent in the quarter. */
  resolved: number;
  /** Open at the end of the quarter. */
  carriedForward: number;
  outcomes: Record<ComplaintOutcome, number>;
  /** Of complaints received in the quarter; a complaint counts once under each of its subjects. */
  subjects: Record<ComplaintSubject, number>;
  acknowledgedInTime: Share;
  medianDaysToResponse: number | null;
}

export interface ComplaintFigures {
  open: OpenComplaint[];
  acknowledgedInTime: Share;
  medianDaysToResponse: number | null;
  responses: number;
  quarters: QuarterFigures[];
}

/**
 * Acknowledged in time: of the complaints whose acknowledgement is settled (made, or its deadline
 * passed before `today`), those acknowledged on or before the deadline.
 */
function acknowledgementShare(complaints: readonly FigureComplaint[], today: string, extraHolidays?: ReadonlySet<string>): Share {
  let due = 0;
  let inTime = 0;
  for (const c of complaints) {
    const deadline = acknowledgementDue(c.receivedOn, extraHolidays);
    if (c.acknowledgedOn === null && deadline >= today) continue;
    due++;
    if (c.acknowledgedOn !== null && c.acknowledgedOn <= deadline) inTime++;
  }
  return shareOf(inTime, due);
}

function daysToResponse(complaints: readonly FigureComplaint[]): number[] {
  return complaints.filter((c) => c.responseSentOn !== null).map((c) => daysBetween(c.receivedOn, c.responseSentOn as string));
}

function zeroes<K extends string>(keys: readonly K[]): Record<K, number> {
  return Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
}

export function quarterFigures(complaints: readonly FigureComplaint[], quarter: Quarter, today: string, extraHolidays?: ReadonlySet<string>): QuarterFigures {
  const { start, end } = quarter;
  const receivedIn = complaints.filter((c) => c.receivedOn >= start && c.receivedOn <= end);
  const resolvedIn = complaints.filter((c) => c.responseSentOn !== null && c.responseSentOn >= start && c.responseSentOn <= end);
  const openAt = (day: string, inclusive: boolean) =>
    complaints.filter(
      (c) =>
        (inclusive ? c.receivedOn <= day : c.receivedOn < day) && (c.responseSentOn === null || (inclusive ? c.responseSentOn > day : c.responseSentOn >= day)),
    ).length;
  const outcomes = zeroes(complaintOutcomes);
  for (const c of resolvedIn) if (c.outcome) outcomes[c.outcome]++;
  const subjects = zeroes(complaintSubjects);
  for (const c of receivedIn) for (const s of new Set(c.subjects)) subjects[s]++;
  return {
    quarter,
    broughtForward: openAt(start, false),
    received: receivedIn.length,
    resolved: resolvedIn.length,
    carriedForward: openAt(end, true),
    outcomes,
    subjects,
    acknowledgedInTime: acknowledgementShare(receivedIn, today, extraHolidays),
    medianDaysToResponse: median(daysToResponse(resolvedIn)),
  };
}

/** Every figure on the complaints dashboard. `today` is the date in England; holidays are the organisation's own. */
export function complaintFigures(
  complaints: readonly FigureComplaint[],
  options: { today: string; quarters: readonly Quarter[]; extraHolidays?: ReadonlySet<string> },
): ComplaintFigures {
  const { today, extraHolidays } = options;
  const open = complaints
    .filter((c) => isOpen(c.status))
    .map((c): OpenComplaint => {
      const next = nextDeadline(c, extraHolidays);
      return {
        id: c.id,
        reference: c.reference,
        status: c.status,
        receivedOn: c.receivedOn,
        deadline: next?.kind ?? null,
        due: next?.due ?? null,
        overdue: next !== null && next.due < today,
      };
    })
    // Soonest deadline first; complaints with no date agreed yet last, oldest first.
    .sort((a, b) => (a.due ?? '9999').localeCompare(b.due ?? '9999') || a.receivedOn.localeCompare(b.receivedOn) || a.id - b.id);
  const days = daysToResponse(complaints);
  return {
    open,
    acknowledgedInTime: acknowledgementShare(complaints, today, extraHolidays),
    medianDaysToResponse: median(days),
    responses: days.length,
    quarters: options.quarters.map((q) => quarterFigures(complaints, q, today, extraHolidays)),
  };
}

/** A share as a whole percentage for people ('67%'), or 'Not applicable' when there is nothing to share out. */
export function percent(share: Share): string {
  return share.share === null ? 'Not applicable' : `${Math.round(share.share * 100)}%`;
}

// ---- the quarterly CSV for the national return ----

export const csvHeader = ['organisation', 'period', 'period_start', 'period_end', 'section', 'item', 'count'];

/** Rows of counts for one quarter: summary, outcomes and every subject (zeros included, as a return needs). */
export function ko41aRows(organisationName: string, f: QuarterFigures): string[][] {
  const base = [organisationName, f.quarter.name, f.quarter.start, f.quarter.end];
  const row = (section: string, item: string, count: number) => [...base, section, item, String(count)];
  return [
    row('summary', 'Brought forward', f.broughtForward),
    row('summary', 'New complaints received', f.received),
    row('summary', 'Resolved (final response sent)', f.resolved),
    row('summary', 'Carried forward', f.carriedForward),
    ...complaintOutcomes.map((o) => row('outcome', outcomeLabels[o], f.outcomes[o])),
    ...complaintSubjects.map((s) => row('subject', subjectLabels[s], f.subjects[s])),
  ];
}

export { csvCell, toCsv } from '../../platform/csv.js';
