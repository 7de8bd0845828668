// The complaints figures against a hand-worked example. Seven complaints, worked out on 15 July 2025
// (deadlines by the England and Wales calendar: Easter 2025 is 18 and 21 April, the early May bank
// holiday 5 May):
//
//   ref received    ack due     acknowledged  response sent  days  outcome        subjects
//   A   Mon 6 Jan   Thu 9 Jan   9 Jan (in)    20 Feb         45    upheld         communication, clinical treatment
//   B   Thu 27 Mar  Tue 1 Apr   2 Apr (late)  10 Apr         14    not upheld     communication
//   C   Thu 17 Apr  Thu 24 Apr  24 Apr (in)   2 Jun          46    partly upheld  waiting times
//   D   Thu 1 May   Wed 7 May   never (late)  –              –     –              –
//   G   Mon 12 May  Thu 15 May  13 May (in)   30 May         18    upheld         values and behaviours
//   E   Mon 30 Jun  Thu 3 Jul   3 Jul (in)    – (due 29 Aug) –     –              communication, appointments
//   F   Mon 14 Jul  Thu 17 Jul  not yet (deadline still ahead: left out of the share)
//
// Acknowledged in time: A, C, G, E of A, B, C, D, G, E = 4 of 6. Median days to a final response:
// 14, 18, 45, 46 → (18 + 45) / 2 = 31.5.
import { describe, expect, it } from 'vitest';
import { barChart } from '../../platform/charts.js';
import {
  complaintFigures,
  csvCell,
  type FigureComplaint,
  ko41aRows,
  median,
  parseQuarterKey,
  percent,
  quarterFigures,
  quarterOf,
  recentQuarters,
  toCsv,
} from './figures.js';
import type { ComplaintSubject } from './schema.js';

function complaint(
  id: number,
  reference: string,
  fields: Partial<FigureComplaint> & { receivedOn: string; status: FigureComplaint['status'] },
  subjects: ComplaintSubject[] = [],
): FigureComplaint {
  return { id, reference, acknowledgedOn: null, responseDue: null, responseSentOn: null, outcome: null, ...fields, subjects };
}

const today = '2025-07-15';
const example: FigureComplaint[] = [
  complaint(1, 'A', { receivedOn: '2025-01-06', acknowledgedOn: '2025-01-09', responseSentOn: '2025-02-20', outcome: 'upheld', status: 'closed' }, [
    'communication',
    'clinical_treatment',
  ]),
  complaint(2, 'B', { receivedOn: '2025-03-27', acknowledgedOn: '2025-04-02', responseSentOn: '2025-04-10', outcome: 'not_upheld', status: 'closed' }, [
    'communication',
  ]),
  complaint(
    3,
    'C',
    { receivedOn: '2025-04-17', acknowledgedOn: '2025-04-24', responseSentOn: '2025-06-02', outcome: 'partly_upheld', status: 'response_sent' },
    ['waiting_times'],
  ),
  complaint(4, 'D', { receivedOn: '2025-05-01', status: 'received' }),
  complaint(
    7,
    'G',
    { receivedOn: '2025-05-12', acknowledgedOn: '2025-05-13', responseSentOn: '2025-05-30', outcome: 'upheld', status: 'referred_to_ombudsman' },
    ['values_and_behaviours'],
  ),
  complaint(5, 'E', { receivedOn: '2025-06-30', acknowledgedOn: '2025-07-03', responseDue: '2025-08-29', status: 'under_investigation' }, [
    'communication',
    'appointments',
  ]),
  complaint(6, 'F', { receivedOn: '2025-07-14', status: 'received' }),
];

describe('quarters of the NHS financial year', () => {
  it('places dates in quarters, Q1 being April to June', () => {
    expect(quarterOf('2025-01-06')).toEqual({ key: '2024-q4', name: '2024-25 Q4', months: 'January to March 2025', start: '2025-01-01', end: '2025-03-31' });
    expect(quarterOf('2025-04-01')).toEqual({ key: '2025-q1', name: '2025-26 Q1', months: 'April to June 2025', start: '2025-04-01', end: '2025-06-30' });
    expect(quarterOf('2025-12-31')).toMatchObject({ key: '2025-q3', start: '2025-10-01', end: '2025-12-31' });
    expect(quarterOf('2024-02-29')).toMatchObject({ key: '2023-q4', name: '2023-24 Q4', end: '2024-03-31' });
    expect(quarterOf('2099-07-01').name).toBe('2099-00 Q2');
  });

  it('lists recent quarters oldest first, and reads quarter keys', () => {
    expect(recentQuarters(today, 4).map((q) => q.key)).toEqual(['2024-q3', '2024-q4', '2025-q1', '2025-q2']);
    expect(recentQuarters('2025-02-01', 2).map((q) => q.key)).toEqual(['2024-q3', '2024-q4']);
    expect(parseQuarterKey('2025-q1')?.months).toBe('April to June 2025');
    for (const bad of ['', '2025-q5', '2025-Q1', '25-q1', '2025-q1x', '1999-q1']) expect(parseQuarterKey(bad), bad).toBeNull();
  });
});

describe('median', () => {
  it('is the middle value, or the mean of the middle two', () => {
    expect(median([])).toBeNull();
    expect(median([5])).toBe(5);
    expect(median([46, 14, 45])).toBe(45);
    expect(median([14, 46, 18, 45])).toBe(31.5);
    expect(median([1, 1, 2, 100])).toBe(1.5);
  });
});

describe('the complaints figures, worked by hand', () => {
  const quarters = recentQuarters(today, 4);
  const figures = complaintFigures(example, { today, quarters });

  it('lists open complaints by their next deadline, soonest first, flagging the overdue', () => {
    expect(figures.open.map((c) => [c.reference, c.deadline, c.due, c.overdue])).toEqual([
      ['D', 'acknowledgement', '2025-05-07', true],
      ['F', 'acknowledgement', '2025-07-17', false],
      ['E', 'response', '2025-08-29', false],
    ]);
  });

  it('works out the share acknowledged within 3 working days and the median days to a final response', () => {
    expect(figures.acknowledgedInTime).toEqual({ count: 4, of: 6, share: 4 / 6 });
    expect(percent(figures.acknowledgedInTime)).toBe('67%');
    expect(figures.medianDaysToResponse).toBe(31.5);
    expect(figures.responses).toBe(4);
  });

  it('counts each quarter: open at the start, received, resolved, outcomes, subjects', () => {
    const [, q4, q1, q2] = figures.quarters;
    expect(q4).toMatchObject({ broughtForward: 0, received: 2, resolved: 1, carriedForward: 1, medianDaysToResponse: 45 });
    expect(q4?.outcomes).toEqual({ upheld: 1, partly_upheld: 0, not_upheld: 0 });
    expect(q4?.acknowledgedInTime).toEqual({ count: 1, of: 2, share: 0.5 });
    expect(q4?.subjects).toMatchObject({ communication: 2, clinical_treatment: 1, waiting_times: 0 });

    expect(q1).toMatchObject({ broughtForward: 1, received: 4, resolved: 3, carriedForward: 2, medianDaysToResponse: 18 });
    expect(q1?.outcomes).toEqual({ upheld: 1, partly_upheld: 1, not_upheld: 1 });
    expect(q1?.acknowledgedInTime).toEqual({ count: 3, of: 4, share: 0.75 });
    const q1Subjects = Object.entries(q1?.subjects ?? {}).filter(([, n]) => n > 0);
    expect(Object.fromEntries(q1Subjects)).toEqual({ waiting_times: 1, values_and_behaviours: 1, communication: 1, appointments: 1 });

    expect(q2).toMatchObject({ broughtForward: 2, received: 1, resolved: 0, carriedForward: 3, medianDaysToResponse: null });
    expect(q2?.acknowledgedInTime).toEqual({ count: 0, of: 0, share: null });
    expect(percent(q2?.acknowledgedInTime ?? { count: 0, of: 0, share: null })).toBe('Not applicable');
    // Open at the start + received − resolved = open at the end, every quarter.
    for (const q of figures.quarters) expect(q.broughtForward + q.received - q.resolved).toBe(q.carriedForward);
  });

  it("moves deadlines for the organisation's own holidays", () => {
    // 31 March 2025 closed: B was due 2 April, and was acknowledged on time.
    const withHoliday = complaintFigures(example, { today, quarters, extraHolidays: new Set(['2025-03-31', '2025-07-16']) });
    expect(withHoliday.acknowledgedInTime).toEqual({ count: 5, of: 6, share: 5 / 6 });
    expect(withHoliday.open.find((c) => c.reference === 'F')?.due).toBe('2025-07-18');
  });

  it('writes the quarterly CSV with every subject and outcome, safe to open in a spreadsheet', () => {
    const q1 = quarterFigures(example, quarterOf('2025-05-01'), today);
    const rows = ko41aRows('=Northvale, "Trust"', q1);
    expect(rows).toHaveLength(4 + 3 + 21);
    expect(rows[0]).toEqual(['=Northvale, "Trust"', '2025-26 Q1', '2025-04-01', '2025-06-30', 'summary', 'Brought forward', '1']);
    expect(rows.find((r) => r[5] === 'Partly upheld')?.[6]).toBe('1');
    expect(rows.find((r) => r[5] === 'Waiting times')?.[6]).toBe('1');
    expect(rows.find((r) => r[5] === 'Clinical treatment')?.[6]).toBe('0');
    const csv = toCsv([
      ['organisation', 'count'],
      ['=Northvale, "Trust"', '1'],
    ]);
    expect(csv).toBe('organisation,count\r\n"\'=Northvale, ""Trust""",1\r\n');
    expect(csvCell('+44 123')).toBe("'+44 123");
    expect(csvCell('plain')).toBe('plain');
  });
});

describe('bar charts', () => {
  it('scales bars to the largest value and describes them in words', () => {
    const chart = barChart('c', 'Outcomes', [
      { label: 'Upheld', value: 4 },
      { label: 'Partly upheld', value: 2 },
      { label: 'Not upheld', value: 0 },
    ]);
    expect(chart.rows.map((r) => r.barWidth)).toEqual([412, 206, 0]);
    expect(chart.description).toBe('Upheld: 4. Partly upheld: 2. Not upheld: 0.');
    expect(chart.height).toBe(3 * 44);
    expect(barChart('e', 'Nothing', []).description).toBe('No figures to show.');
  });
});
