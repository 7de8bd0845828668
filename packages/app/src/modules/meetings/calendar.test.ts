// The iCalendar feed checked against RFC 5545 with a real parser (ical.js) and by its rules: every
// line ends with CRLF, none is longer than 75 octets (multi-byte characters counted as bytes), text
// with commas, semicolons, backslashes and line breaks comes back as written, each event has a UID,
// DTSTAMP, DTSTART and DTEND in UTC, and a cancelled meeting says STATUS:CANCELLED.
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { type CalendarMeeting, meetingsCalendar } from './calendar.js';

const meeting: CalendarMeeting = {
  id: 7,
  title: 'Board meeting in public; budget, “difficult choices” and a very long title that has to be folded across lines – ÿ€😀',
  bodyName: 'Integrated Care Board',
  organisationName: 'Northvale, Eastmoor & District ICB',
  startsAt: new Date('2027-07-06T13:00:00Z'),
  endsAt: new Date('2027-07-06T15:30:00Z'),
  venue: 'Council Chamber\nTown Hall, 1 High Street; Northvale',
  onlineUrl: 'https://meet.example.org/board?id=1,2;3',
  accessArrangements: 'Step-free access; hearing loop \\ BSL interpreter, on request',
  status: 'scheduled',
  sequence: 3,
  updatedAt: new Date('2027-06-01T09:00:00Z'),
  publicItems: ['Welcome, apologies', 'Winter plan; urgent care'],
};

function feed(meetings: CalendarMeeting[]) {
  return meetingsCalendar({ name: 'Public meetings of Northvale, Eastmoor; ICB', publicUrl: 'https://involve.example.org', meetings });
}

describe('the iCalendar feed', () => {
  const text = feed([meeting, { ...meeting, id: 8, status: 'cancelled', venue: null, title: 'Cancelled board' }]);

  it('ends every line with CRLF and folds lines at 75 octets', () => {
    expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const lines = text.split('\r\n').slice(0, -1);
    for (const line of lines) expect(Buffer.byteLength(line, 'utf8'), line).toBeLessThanOrEqual(75);
    expect(lines.some((line) => line.startsWith(' '))).toBe(true);
    // A fold never splits a character: every line is whole UTF-8.
    for (const line of lines) expect(Buffer.from(line, 'utf8').toString('utf8')).toBe(line);
  });

  it('parses with ical.js, every property read back as written', () => {
    const calendar = new ICAL.Component(ICAL.parse(text));
    expect(calendar.getFirstPropertyValue('version')).toBe('2.0');
    expect(calendar.getFirstPropertyValue('prodid')).toBe('-//Involve//Public meetings//EN');
    expect(calendar.getFirstPropertyValue('method')).toBe('PUBLISH');
    // NAME (RFC 7986) is TEXT, so escaped like the rest; ical.js does not know it and reads it raw.
    expect(calendar.getFirstPropertyValue('name')).toBe('Public meetings of Northvale\\, Eastmoor\\; ICB');
    const [first, second] = calendar.getAllSubcomponents('vevent');
    if (!first || !second) throw new Error('two events expected');
    const event = new ICAL.Event(first);
    expect(event.uid).toBe('meeting-7@involve.example.org');
    expect(event.summary).toBe(`Integrated Care Board: ${meeting.title}`);
    expect(event.location).toBe(meeting.venue);
    expect(event.startDate.toJSDate().toISOString()).toBe('2027-07-06T13:00:00.000Z');
    expect(event.endDate.toJSDate().toISOString()).toBe('2027-07-06T15:30:00.000Z');
    expect(event.startDate.zone?.tzid).toBe('UTC');
    expect(event.sequence).toBe(3);
    expect(first.getFirstPropertyValue('dtstamp')?.toString()).toBe('2027-06-01T09:00:00Z');
    expect(first.getFirstPropertyValue('url')).toBe('https://involve.example.org/meetings/7');
    expect(first.getFirstPropertyValue('status')).toBe('CONFIRMED');
    expect(event.description).toBe(
      [
        'Integrated Care Board, Northvale, Eastmoor & District ICB.',
        'Join online: https://meet.example.org/board?id=1,2;3',
        'Access: Step-free access; hearing loop \\ BSL interpreter, on request',
        '',
        'Agenda (public part):',
        '1. Welcome, apologies',
        '2. Winter plan; urgent care',
        '',
        'Papers, questions and registration: https://involve.example.org/meetings/7',
      ].join('\n'),
    );
    expect(second.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(second.getFirstPropertyValue('location')).toBe('Online');
    // Every property of every event has a value ical.js can read.
    for (const vevent of [first, second]) for (const property of vevent.getAllProperties()) expect(property.getFirstValue(), property.name).not.toBeNull();
  });

  it('escapes text as RFC 5545 says (comma, semicolon, backslash, line break)', () => {
    const unfolded = text.replace(/\r\n /g, '');
    expect(unfolded).toContain('LOCATION:Council Chamber\\nTown Hall\\, 1 High Street\\; Northvale');
    expect(unfolded).toContain('hearing loop \\\\ BSL interpreter\\, on request');
  });

  it('is a valid empty calendar when there are no meetings', () => {
    const empty = feed([]);
    expect(new ICAL.Component(ICAL.parse(empty)).getAllSubcomponents('vevent')).toEqual([]);
  });
});
