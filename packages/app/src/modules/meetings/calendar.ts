// The iCalendar (RFC 5545) feed of public meetings, for a body, an organisation or a place: one
// event per meeting with its times in UTC, where it is, how to join, its access arrangements and its
// public agenda. Nothing of the private part is ever in it. ical-generator writes the text (CRLF
// line ends, lines folded at 75 octets, commas, semicolons, backslashes and line breaks escaped).
import ical, { ICalCalendarMethod, ICalEventStatus, escape as icalEscape } from 'ical-generator';
import type { MeetingWhenAndWhere } from './rules.js';

/** What one event of the feed needs: the meeting's when, where and how, and its public agenda. */
export interface CalendarMeeting extends MeetingWhenAndWhere {
  id: number;
  title: string;
  bodyName: string;
  organisationName: string;
  sequence: number;
  updatedAt: Date;
  /** Titles of the public part's items, in order. */
  publicItems: string[];
}

/** The host part of Involve's address, which makes each event's UID unique across the world. */
function uidHost(publicUrl: string): string {
  try {
    return new URL(publicUrl).hostname || 'involve.invalid';
  } catch {
    return 'involve.invalid';
  }
}

function descriptionOf(meeting: CalendarMeeting, pageUrl: string): string {
  const lines = [`${meeting.bodyName}, ${meeting.organisationName}.`];
  if (meeting.status === 'cancelled') lines.push('This meeting is cancelled.');
  if (meeting.onlineUrl) lines.push(`Join online: ${meeting.onlineUrl}`);
  if (meeting.accessArrangements) lines.push(`Access: ${meeting.accessArrangements}`);
  if (meeting.publicItems.length) lines.push('', 'Agenda (public part):', ...meeting.publicItems.map((title, i) => `${i + 1}. ${title}`));
  lines.push('', `Papers, questions and registration: ${pageUrl}`);
  return lines.join('\n');
}

/** The feed as text/calendar content. */
export function meetingsCalendar(input: { name: string; publicUrl: string; meetings: readonly CalendarMeeting[] }): string {
  const base = input.publicUrl.replace(/\/$/, '');
  const host = uidHost(input.publicUrl);
  const calendar = ical({
    // The library writes the calendar's name as given, unlike the events' text: escape it here.
    name: icalEscape(input.name, false),
    prodId: { company: 'Involve', product: 'Public meetings', language: 'EN' },
    method: ICalCalendarMethod.PUBLISH,
    // Calendars that follow the feed look again after a day.
    ttl: 60 * 60 * 24,
  });
  for (const meeting of input.meetings) {
    const pageUrl = `${base}/meetings/${meeting.id}`;
    calendar.createEvent({
      id: `meeting-${meeting.id}@${host}`,
      sequence: meeting.sequence,
      stamp: meeting.updatedAt,
      start: meeting.startsAt,
      end: meeting.endsAt,
      summary: `${meeting.bodyName}: ${meeting.title}`,
      location: meeting.venue ?? 'Online',
      description: descriptionOf(meeting, pageUrl),
      url: pageUrl,
      status: meeting.status === 'cancelled' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    });
  }
  // Every content line ends with CRLF, the last (END:VCALENDAR) too.
  return `${calendar.toString()}\r\n`;
}
