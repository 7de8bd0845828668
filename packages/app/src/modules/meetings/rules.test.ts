// The rules of public meetings, worked by hand: times in England across the clock changes, when
// questions close (weekends and bank holidays not counted), what refuses a question or a
// registration, places left, the meeting form's messages, and who sees which papers.
import { describe, expect, it } from 'vitest';
import {
  checkMeeting,
  formatLondon,
  fromLondon,
  itemVisible,
  meetingWhen,
  paperVisible,
  parseTime,
  placesLeft,
  questionDeadline,
  questionsRefusal,
  registrationRefusal,
} from './rules.js';

describe('times in England', () => {
  it('reads times as people type them', () => {
    expect(['14:30', '9.05', '2pm', '2:30 pm', '12am', '12pm', '11.15 a.m.'].map(parseTime)).toEqual([
      '14:30',
      '09:05',
      '14:00',
      '14:30',
      '00:00',
      '12:00',
      '11:15',
    ]);
    expect(['14', '25:00', '13pm', '9:60', 'noon', ''].map(parseTime)).toEqual([null, null, null, null, null, null]);
  });

  it('turns a date and time on a clock in England into an instant, in winter and in summer time', () => {
    expect(fromLondon('2027-01-12', '14:00')?.toISOString()).toBe('2027-01-12T14:00:00.000Z');
    expect(fromLondon('2027-07-12', '14:00')?.toISOString()).toBe('2027-07-12T13:00:00.000Z');
  });

  it('refuses the hour the clocks skip, and takes the repeated hour the first time', () => {
    expect(fromLondon('2027-03-28', '01:30')).toBeNull();
    expect(fromLondon('2027-10-31', '01:30')?.toISOString()).toBe('2027-10-31T00:30:00.000Z');
    expect(fromLondon('2027-02-30', '10:00')).toBeNull();
  });

  it('says when a meeting is as people read it', () => {
    expect(meetingWhen(new Date('2027-07-06T13:00:00Z'), new Date('2027-07-06T15:30:00Z'))).toBe('Tuesday 6 July 2027, 2:00pm to 4:30pm');
    expect(formatLondon(new Date('2027-01-05T17:00:00Z'))).toBe('5:00pm on Tuesday 5 January 2027');
  });
});

describe('when questions close', () => {
  it('closes at 5pm two working days before, skipping the weekend', () => {
    // A Tuesday meeting: Monday is one working day before, Friday two.
    expect(questionDeadline(new Date('2027-01-12T14:00:00Z'), 2).toISOString()).toBe('2027-01-08T17:00:00.000Z');
  });

  it('skips bank holidays (Easter 2027: Good Friday 26 March, Easter Monday 29 March)', () => {
    // A Tuesday 30 March meeting: 29 and 26 March are holidays, so Thursday 25 and Wednesday 24; 5pm GMT.
    expect(questionDeadline(new Date('2027-03-30T13:00:00Z'), 2).toISOString()).toBe('2027-03-24T17:00:00.000Z');
    // In summer time 5pm is 16:00 UTC.
    expect(questionDeadline(new Date('2027-07-08T13:00:00Z'), 1).toISOString()).toBe('2027-07-07T16:00:00.000Z');
  });

  it('takes questions until the meeting starts when the organisation chooses 0 days', () => {
    const start = new Date('2027-01-12T14:00:00Z');
    expect(questionDeadline(start, 0)).toEqual(start);
  });

  it('refuses questions after the deadline, when cancelled and once held, saying why', () => {
    const meeting = { status: 'scheduled' as const, startsAt: new Date('2027-01-12T14:00:00Z'), questionDeadline: new Date('2027-01-08T17:00:00Z') };
    expect(questionsRefusal(meeting, new Date('2027-01-08T16:59:59Z'))).toBeNull();
    expect(questionsRefusal(meeting, new Date('2027-01-08T17:00:00Z'))).toBe(
      'Questions for this meeting closed at 5:00pm on Friday 8 January 2027. Your question has not been sent: you can keep a copy of it below, or email the organisation.',
    );
    expect(questionsRefusal({ ...meeting, status: 'cancelled' }, new Date('2027-01-01T00:00:00Z'))).toBe(
      'This meeting is cancelled, so it takes no questions.',
    );
    expect(registrationRefusal(meeting, new Date('2027-01-12T13:59:00Z'))).toBeNull();
    expect(registrationRefusal(meeting, new Date('2027-01-12T14:00:00Z'))).toBe('This meeting has already started, so registration has closed.');
  });
});

describe('the room and the form', () => {
  it('counts places left, with no limit when there is no capacity', () => {
    expect(placesLeft(null, 40)).toBeNull();
    expect(placesLeft(30, 12)).toBe(18);
    expect(placesLeft(30, 30)).toBe(0);
  });

  const form = {
    title: 'Board',
    summary: '',
    date: '2027-01-12',
    startTime: '2pm',
    endTime: '16:00',
    venue: '',
    onlineUrl: '',
    accessArrangements: '',
    questionWorkingDays: '',
    capacity: '',
  };

  it('asks for a place or a link, an end after the start, and whole numbers', () => {
    expect(checkMeeting({ ...form, endTime: '13:00', questionWorkingDays: '2.5', capacity: '-3' })).toEqual({
      errors: {
        endTime: 'The meeting must end after it starts',
        venue: 'Enter the address where the meeting is held, or a link to join it online, or both',
        questionWorkingDays: 'Enter a whole number of working days from 0 to 20',
        capacity: 'Enter the number of places in the room as a whole number from 1 to 100,000, or leave it empty for no limit',
      },
    });
  });

  it('keeps a good meeting, with questions closing 2 working days before unless told', () => {
    const result = checkMeeting({ ...form, venue: ' Town Hall ', capacity: '40' });
    expect(result).toEqual({
      meeting: expect.objectContaining({
        startsAt: new Date('2027-01-12T14:00:00Z'),
        endsAt: new Date('2027-01-12T16:00:00Z'),
        venue: 'Town Hall',
        onlineUrl: null,
        questionWorkingDays: 2,
        capacity: 40,
      }),
    });
  });
});

describe('who sees which papers', () => {
  const visitor = { manage: false, privatePapers: false };
  const staff = { manage: true, privatePapers: true };
  it('shows the private part only to the staff allowed it, and public papers to all once published', () => {
    expect([
      paperVisible('private', true, visitor),
      paperVisible('private', false, staff),
      paperVisible('private', true, { manage: true, privatePapers: false }),
    ]).toEqual([false, true, false]);
    expect([paperVisible('public', false, visitor), paperVisible('public', true, visitor), paperVisible('public', false, staff)]).toEqual([false, true, true]);
    expect([itemVisible('private', visitor), itemVisible('public', visitor), itemVisible('private', staff)]).toEqual([false, true, true]);
  });
});
