// The rules of public meetings as plain functions over plain data: times as people in England write
// them (turned into instants and back), when the public's questions close, whether questions and
// registrations are taken now, what a meeting's form must hold, and who sees which papers.
import { addWorkingDays } from '../complaints/service.js';
import type { ItemPart, MeetingStatus } from './schema.js';

/** When and where a meeting is, and how to take part: shown on its page and in calendar feeds. */
export interface MeetingWhenAndWhere {
  startsAt: Date;
  endsAt: Date;
  venue: string | null;
  onlineUrl: string | null;
  accessArrangements: string;
  status: MeetingStatus;
}

const londonFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** An instant as the date ('YYYY-MM-DD') and time ('HH:MM') on a clock in England. */
export function londonParts(instant: Date): { date: string; time: string } {
  const p = Object.fromEntries(londonFormat.formatToParts(instant).map((part) => [part.type, part.value]));
  return { date: `${p.year}-${p.month}-${p.day}`, time: `${p.hour}:${p.minute}` };
}

export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/**
 * A time as people type it ("14:30", "9.30", "2pm", "2:30 pm") as 'HH:MM', or null. Without am or pm
 * the minutes are needed, so "14" alone is not taken for a time.
 */
export function parseTime(text: string): string | null {
  const match = /^\s*(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)?\s*$/i.exec(text);
  if (!match) return null;
  let hour = Number(match[1]);
  const minute = match[2] === undefined ? 0 : Number(match[2]);
  const half = match[3]?.toLowerCase().replace(/\./g, '');
  if (minute > 59) return null;
  if (half) {
    if (hour < 1 || hour > 12) return null;
    hour = (hour % 12) + (half === 'pm' ? 12 : 0);
  } else if (match[2] === undefined || hour > 23) return null;
  return `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
}

/**
 * The instant a clock in England shows this date and time, or null when it never does (the hour
 * skipped when the clocks go forward). An hour that happens twice (when they go back) is taken the
 * first time, in summer time.
 */
export function fromLondon(date: string, time: string): Date | null {
  if (!isIsoDate(date) || !/^([01]\d|2[0-3]):[0-5]\d$/.test(time)) return null;
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const [hour, minute] = time.split(':').map(Number) as [number, number];
  const asIfUtc = Date.UTC(year, month - 1, day, hour, minute);
  for (const offsetHours of [1, 0]) {
    const candidate = new Date(asIfUtc - offsetHours * 3_600_000);
    const shown = londonParts(candidate);
    if (shown.date === date && shown.time === time) return candidate;
  }
  return null;
}

/** Questions close at 5pm, so staff have the working day's end to read them. */
export const questionsCloseAt = '17:00';

/**
 * When the public's questions close: 5pm on the working day that many working days before the day
 * of the meeting (weekends and bank holidays in England and Wales not counted), or when the meeting
 * starts for 0. A deadline never falls after the start.
 */
export function questionDeadline(startsAt: Date, workingDaysBefore: number): Date {
  if (workingDaysBefore <= 0) return startsAt;
  const day = addWorkingDays(londonParts(startsAt).date, -workingDaysBefore);
  const deadline = fromLondon(day, questionsCloseAt) ?? startsAt;
  return deadline < startsAt ? deadline : startsAt;
}

export interface MeetingState {
  status: MeetingStatus;
  startsAt: Date;
  questionDeadline: Date;
}

/** Why a question cannot be sent now, or null when it can. */
export function questionsRefusal(meeting: MeetingState, now: Date): string | null {
  if (meeting.status === 'cancelled') return 'This meeting is cancelled, so it takes no questions.';
  if (meeting.status === 'held' || now >= meeting.startsAt) return 'This meeting has already taken place, so it takes no more questions.';
  if (now >= meeting.questionDeadline)
    return `Questions for this meeting closed at ${formatLondon(meeting.questionDeadline)}. Your question has not been sent: you can keep a copy of it below, or email the organisation.`;
  return null;
}

/** Why nobody can register to attend now, or null when they can. */
export function registrationRefusal(meeting: Pick<MeetingState, 'status' | 'startsAt'>, now: Date): string | null {
  if (meeting.status === 'cancelled') return 'This meeting is cancelled.';
  if (meeting.status === 'held' || now >= meeting.startsAt) return 'This meeting has already started, so registration has closed.';
  return null;
}

/** Places left in the room: null when there is no limit. */
export function placesLeft(capacity: number | null, taken: number): number | null {
  return capacity === null ? null : Math.max(0, capacity - taken);
}

/** "5:00pm on Tuesday 3 March 2026", as a clock in England shows it. */
export function formatLondon(instant: Date): string {
  return `${clockTime(instant)} on ${dayText(instant)}`;
}

export interface MeetingForm {
  title: string;
  summary: string;
  date: string;
  startTime: string;
  endTime: string;
  venue: string;
  onlineUrl: string;
  accessArrangements: string;
  questionWorkingDays: string;
  capacity: string;
}

export interface CheckedMeeting {
  title: string;
  summary: string;
  startsAt: Date;
  endsAt: Date;
  venue: string | null;
  onlineUrl: string | null;
  accessArrangements: string;
  questionWorkingDays: number;
  capacity: number | null;
}

/** Check a meeting as staff write it: the messages by field, or the meeting to keep. */
export function checkMeeting(form: MeetingForm): { errors: Record<string, string> } | { meeting: CheckedMeeting } {
  const errors: Record<string, string> = {};
  const title = form.title.trim();
  if (!title) errors.title = 'Enter the title of the meeting';
  else if (title.length > 200) errors.title = 'The title must be 200 characters or fewer';
  if (form.summary.length > 2000) errors.summary = 'The summary must be 2,000 characters or fewer';
  if (!isIsoDate(form.date)) errors.date = 'Enter the date of the meeting, like 12 3 2027';
  const start = parseTime(form.startTime);
  const end = parseTime(form.endTime);
  if (!start) errors.startTime = 'Enter the time it starts, like 14:00 or 2pm';
  if (!end) errors.endTime = 'Enter the time it ends, like 16:30 or 4:30pm';
  const startsAt = start && isIsoDate(form.date) ? fromLondon(form.date, start) : null;
  const endsAt = end && isIsoDate(form.date) ? fromLondon(form.date, end) : null;
  if (start && isIsoDate(form.date) && !startsAt) errors.startTime = 'That time does not happen on that day (the clocks go forward): choose another';
  if (end && isIsoDate(form.date) && !endsAt) errors.endTime = 'That time does not happen on that day (the clocks go forward): choose another';
  if (startsAt && endsAt && endsAt <= startsAt) errors.endTime = 'The meeting must end after it starts';
  const venue = form.venue.trim();
  const onlineUrl = form.onlineUrl.trim();
  if (venue.length > 500) errors.venue = 'The address must be 500 characters or fewer';
  if (onlineUrl && !/^https:\/\/[^\s<>"]+$/.test(onlineUrl)) errors.onlineUrl = 'Enter the link to join online, starting with https://';
  else if (onlineUrl.length > 500) errors.onlineUrl = 'The link must be 500 characters or fewer';
  if (!venue && !onlineUrl) errors.venue = 'Enter the address where the meeting is held, or a link to join it online, or both';
  if (form.accessArrangements.length > 2000) errors.accessArrangements = 'The access arrangements must be 2,000 characters or fewer';
  const days = form.questionWorkingDays.trim() === '' ? 2 : Number(form.questionWorkingDays.trim());
  if (!Number.isInteger(days) || days < 0 || days > 20) errors.questionWorkingDays = 'Enter a whole number of working days from 0 to 20';
  const capacityText = form.capacity.trim();
  const capacity = capacityText === '' ? null : Number(capacityText);
  if (capacity !== null && (!Number.isInteger(capacity) || capacity < 1 || capacity > 100_000))
    errors.capacity = 'Enter the number of places in the room as a whole number from 1 to 100,000, or leave it empty for no limit';
  if (Object.keys(errors).length || !startsAt || !endsAt) return { errors };
  return {
    meeting: {
      title,
      summary: form.summary.trim(),
      startsAt,
      endsAt,
      venue: venue || null,
      onlineUrl: onlineUrl || null,
      accessArrangements: form.accessArrangements.trim(),
      questionWorkingDays: days,
      capacity,
    },
  };
}

/** What someone may see of the papers of a meeting. */
export interface PaperAccess {
  /** Staff who arrange the meeting: every public paper, published or not. */
  manage: boolean;
  /** The organisation's staff allowed the private part's papers. */
  privatePapers: boolean;
}

/**
 * May a paper be shown or served to this person? Private-part papers only to those allowed them;
 * public-part papers to everyone once published, and before that to the staff arranging the meeting.
 */
export function paperVisible(part: ItemPart, published: boolean, access: PaperAccess): boolean {
  if (part === 'private') return access.privatePapers;
  return published || access.manage;
}

/** May this person see an agenda item at all? The private part's items only those allowed its papers. */
export function itemVisible(part: ItemPart, access: PaperAccess): boolean {
  return part === 'public' || access.privatePapers;
}

const dayFormat = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
const timeFormat = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: 'numeric', minute: '2-digit', hour12: true });

/** "Tuesday 3 March 2026" (no comma after the day's name, as GOV.UK writes dates). */
function dayText(instant: Date): string {
  return dayFormat.format(instant).replace(',', '');
}

/** "2:00pm", as a clock in England shows it. */
function clockTime(instant: Date): string {
  return timeFormat.format(instant).replace(/\s/g, '').toLowerCase();
}

/** When a meeting is, as a person reads it: "Tuesday 3 March 2026, 2:00pm to 4:30pm" (UK time). */
export function meetingWhen(startsAt: Date, endsAt: Date): string {
  const sameDay = londonParts(startsAt).date === londonParts(endsAt).date;
  return sameDay
    ? `${dayText(startsAt)}, ${clockTime(startsAt)} to ${clockTime(endsAt)}`
    : `${dayText(startsAt)}, ${clockTime(startsAt)} to ${dayText(endsAt)}, ${clockTime(endsAt)}`;
}
