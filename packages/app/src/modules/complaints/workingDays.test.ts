// The working-day calendar against the bank holidays as published on gov.uk for 2024–2027 (every date
// of those years), the one-off holidays of 2012 and 2020–2023, deadlines across Easter and Christmas,
// admin holidays, bad input, and the `involve working-days` command.
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { addWorkingDays, bankHolidays, easterSunday, isWorkingDay, nonWorkingReason, parseIsoDate } from './workingDays.js';
import { runWorkingDays } from './workingDaysCli.js';

/** England and Wales bank holidays as published by gov.uk (www.gov.uk/bank-holidays). */
const published: Record<number, string[]> = {
  2012: ['2012-01-02', '2012-04-06', '2012-04-09', '2012-05-07', '2012-06-04', '2012-06-05', '2012-08-27', '2012-12-25', '2012-12-26'],
  2020: ['2020-01-01', '2020-04-10', '2020-04-13', '2020-05-08', '2020-05-25', '2020-08-31', '2020-12-25', '2020-12-28'],
  2021: ['2021-01-01', '2021-04-02', '2021-04-05', '2021-05-03', '2021-05-31', '2021-08-30', '2021-12-27', '2021-12-28'],
  2022: ['2022-01-03', '2022-04-15', '2022-04-18', '2022-05-02', '2022-06-02', '2022-06-03', '2022-08-29', '2022-09-19', '2022-12-26', '2022-12-27'],
  2023: ['2023-01-02', '2023-04-07', '2023-04-10', '2023-05-01', '2023-05-08', '2023-05-29', '2023-08-28', '2023-12-25', '2023-12-26'],
  2024: ['2024-01-01', '2024-03-29', '2024-04-01', '2024-05-06', '2024-05-27', '2024-08-26', '2024-12-25', '2024-12-26'],
  2025: ['2025-01-01', '2025-04-18', '2025-04-21', '2025-05-05', '2025-05-26', '2025-08-25', '2025-12-25', '2025-12-26'],
  2026: ['2026-01-01', '2026-04-03', '2026-04-06', '2026-05-04', '2026-05-25', '2026-08-31', '2026-12-25', '2026-12-28'],
  2027: ['2027-01-01', '2027-03-26', '2027-03-29', '2027-05-03', '2027-05-31', '2027-08-30', '2027-12-27', '2027-12-28'],
};

/** Every date of the years, walked with the built-in Date (an independent check on the calendar's own arithmetic). */
function everyDate(fromYear: number, toYear: number): Array<{ date: string; weekend: boolean }> {
  const dates: Array<{ date: string; weekend: boolean }> = [];
  for (let time = Date.UTC(fromYear, 0, 1); time < Date.UTC(toYear + 1, 0, 1); time += 86_400_000) {
    const day = new Date(time);
    dates.push({ date: day.toISOString().slice(0, 10), weekend: day.getUTCDay() === 0 || day.getUTCDay() === 6 });
  }
  return dates;
}

describe('bank holidays', () => {
  it.each(Object.entries(published))('%s matches the published list', (year, dates) => {
    expect(bankHolidays(Number(year)).map((holiday) => holiday.date)).toEqual(dates);
  });

  it('names the substitute days as gov.uk does', () => {
    const names = (year: number) => Object.fromEntries(bankHolidays(year).map((holiday) => [holiday.date, holiday.name]));
    expect(names(2026)['2026-12-28']).toBe('Boxing Day (substitute day)');
    expect(names(2027)['2027-12-27']).toBe('Christmas Day (substitute day)');
    expect(names(2027)['2027-12-28']).toBe('Boxing Day (substitute day)');
    // Christmas on a Sunday: Boxing Day keeps Monday 26th and Christmas moves to Tuesday 27th.
    expect(names(2022)['2022-12-26']).toBe('Boxing Day');
    expect(names(2022)['2022-12-27']).toBe('Christmas Day (substitute day)');
    expect(names(2022)['2022-01-03']).toBe('New Year’s Day (substitute day)'); // 1 January 2022 was a Saturday
    expect(names(2023)['2023-01-02']).toBe('New Year’s Day (substitute day)'); // 1 January 2023 was a Sunday
    expect(names(2024)['2024-03-29']).toBe('Good Friday');
    expect(names(2027)['2027-03-29']).toBe('Easter Monday');
  });

  it('includes the one-off holidays of 2012, 2020, 2022 and 2023 and drops the dates they replaced', () => {
    expect(isWorkingDay('2012-05-28')).toBe(true); // spring holiday moved to 4 June for the Diamond Jubilee
    expect(nonWorkingReason('2012-06-05')).toBe('Queen’s Diamond Jubilee');
    expect(isWorkingDay('2020-05-04')).toBe(true); // early May moved to Friday 8 May, VE Day 75
    expect(nonWorkingReason('2020-05-08')).toBe('Early May bank holiday (VE Day)');
    expect(isWorkingDay('2022-05-30')).toBe(true); // spring holiday moved to Thursday 2 June
    expect(nonWorkingReason('2022-06-02')).toBe('Spring bank holiday');
    expect(nonWorkingReason('2022-06-03')).toBe('Platinum Jubilee bank holiday');
    expect(nonWorkingReason('2022-09-19')).toBe('Bank holiday for the State Funeral of Queen Elizabeth II');
    expect(nonWorkingReason('2023-05-01')).toBe('Early May bank holiday'); // the coronation holiday was extra, not a move
    expect(nonWorkingReason('2023-05-08')).toBe('Bank holiday for the coronation of King Charles III');
  });

  it('finds Easter Sunday by the Gregorian computus, including its earliest and latest dates', () => {
    const known: Record<number, string> = {
      1818: '1818-03-22',
      1943: '1943-04-25',
      2000: '2000-04-23',
      2008: '2008-03-23',
      2019: '2019-04-21',
      2024: '2024-03-31',
      2025: '2025-04-20',
      2026: '2026-04-05',
      2027: '2027-03-28',
      2038: '2038-04-25',
      2285: '2285-03-22',
    };
    for (const [year, date] of Object.entries(known)) expect(easterSunday(Number(year)), year).toBe(date);
  });

  it('has eight holidays, all on weekdays, in every ordinary year for centuries', () => {
    const oneOffYears = new Set([2012, 2022, 2023]);
    for (let year = 1978; year <= 2400; year++) {
      const holidays = bankHolidays(year);
      if (!oneOffYears.has(year)) expect(holidays, String(year)).toHaveLength(8);
      for (const { date } of holidays) expect(new Date(`${date}T00:00:00Z`).getUTCDay() % 6, date).not.toBe(0);
    }
  });
});

describe('working days', () => {
  it('is right for every date of 2024–2027: weekends and published bank holidays off, every other day on', () => {
    const holidays = new Set([2024, 2025, 2026, 2027].flatMap((year) => published[year] ?? []));
    const dates = everyDate(2024, 2027);
    expect(dates).toHaveLength(366 + 365 + 365 + 365);
    const wrong = dates.filter(({ date, weekend }) => isWorkingDay(date) !== (!weekend && !holidays.has(date))).map(({ date }) => date);
    expect(wrong).toEqual([]);
  });

  it('says why a day is not a working day', () => {
    expect(nonWorkingReason('2024-12-21')).toBe('Saturday');
    expect(nonWorkingReason('2024-12-22')).toBe('Sunday');
    expect(nonWorkingReason('2024-12-25')).toBe('Christmas Day');
    expect(nonWorkingReason('2024-12-24')).toBeNull();
  });

  it.each([
    ['2024-03-22', 3, '2024-03-27', 'acknowledgement: receipt on a Friday is due the next Wednesday'],
    ['2024-03-27', 3, '2024-04-03', 'across Good Friday and Easter Monday 2024'],
    ['2024-03-28', 1, '2024-04-02', 'Maundy Thursday to the Tuesday after Easter'],
    ['2025-04-17', 1, '2025-04-22', 'Easter 2025'],
    ['2027-03-25', 2, '2027-03-31', 'Easter 2027'],
    ['2024-12-24', 3, '2024-12-31', 'Christmas 2024'],
    ['2024-12-24', 4, '2025-01-02', 'into the new year past New Year’s Day'],
    ['2025-12-24', 2, '2025-12-30', 'Christmas 2025'],
    ['2026-12-24', 3, '2026-12-31', 'Christmas 2026 with the Boxing Day substitute'],
    ['2026-12-31', 1, '2027-01-04', 'New Year’s Day 2027 on a Friday'],
    ['2027-12-23', 1, '2027-12-24', 'Christmas Eve 2027 is a working day'],
    ['2027-12-24', 1, '2027-12-29', 'both substitute days of 2027'],
    ['2022-05-27', 1, '2022-05-30', 'the moved spring holiday: 30 May 2022 was a working day'],
    ['2022-06-01', 1, '2022-06-06', 'the Platinum Jubilee'],
    ['2022-09-16', 1, '2022-09-20', 'the State Funeral'],
    ['2023-05-05', 1, '2023-05-09', 'the coronation'],
    ['2020-05-07', 1, '2020-05-11', 'VE Day 75'],
    ['2024-03-23', 1, '2024-03-25', 'from a Saturday, the next working day is Monday'],
    ['2024-03-23', 3, '2024-03-27', 'from a Saturday, three working days is Wednesday'],
  ])('%s + %i is %s (%s)', (date, n, expected) => {
    expect(addWorkingDays(date, n)).toBe(expected);
  });

  it.each([
    ['2024-03-27', -3, '2024-03-22', 'back over a weekend'],
    ['2024-04-02', -1, '2024-03-28', 'back over Easter'],
    ['2027-12-29', -1, '2027-12-24', 'back over the 2027 substitute days'],
    ['2025-01-02', -1, '2024-12-31', 'back over New Year’s Day'],
    ['2024-01-02', -1, '2023-12-29', 'back into the year before'],
    ['2024-03-23', -1, '2024-03-22', 'from a Saturday, the working day before is Friday'],
  ])('%s %i is %s (%s)', (date, n, expected) => {
    expect(addWorkingDays(date, n)).toBe(expected);
  });

  it('with n = 0 keeps a working day and rolls a non-working day on to the next working day', () => {
    expect(addWorkingDays('2024-12-24', 0)).toBe('2024-12-24');
    expect(addWorkingDays('2024-12-25', 0)).toBe('2024-12-27');
    expect(addWorkingDays('2027-12-25', 0)).toBe('2027-12-29');
    expect(addWorkingDays('2024-03-23', 0)).toBe('2024-03-25');
  });

  it('goes back exactly where it came from, for every working day of 2024–2027', () => {
    const mismatches: string[] = [];
    for (const { date } of everyDate(2024, 2027)) {
      if (!isWorkingDay(date)) continue;
      for (const n of [1, 3, 20, 130]) {
        const later = addWorkingDays(date, n);
        if (!isWorkingDay(later) || addWorkingDays(later, -n) !== date) mismatches.push(`${date} + ${n}`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('counts the holidays an admin adds, without changing the calendar for anyone else', () => {
    const extra = new Set(['2024-07-15', '2024-12-27']);
    expect(isWorkingDay('2024-07-15', extra)).toBe(false);
    expect(nonWorkingReason('2024-07-15', extra)).toBe('a holiday added by an admin');
    expect(addWorkingDays('2024-07-12', 1, extra)).toBe('2024-07-16');
    expect(addWorkingDays('2024-07-16', -1, extra)).toBe('2024-07-12');
    expect(addWorkingDays('2024-12-24', 1, extra)).toBe('2024-12-30');
    expect(addWorkingDays('2024-07-15', 0, extra)).toBe('2024-07-16');
    // The bank holiday keeps its own name when an admin lists it too.
    expect(nonWorkingReason('2024-12-25', new Set(['2024-12-25']))).toBe('Christmas Day');
    // Without the set, the days are working days again.
    expect(isWorkingDay('2024-07-15')).toBe(true);
    expect(addWorkingDays('2024-07-12', 1)).toBe('2024-07-15');
  });
});

describe('bad input', () => {
  it.each(['2024-02-29', '2000-02-29', '2024-12-31', '0001-01-01', '9999-12-31'])('parseIsoDate accepts %s', (text) => {
    expect(parseIsoDate(text)).toBe(text);
  });

  it.each([
    '2023-02-29',
    '1900-02-29',
    '2024-02-30',
    '2024-04-31',
    '2024-13-01',
    '2024-00-10',
    '2024-01-00',
    '0000-01-01',
    '2024-1-01',
    '24-01-01',
    ' 2024-01-01',
    '2024-01-01 ',
    '2024-01-01T00:00:00Z',
    '2024/01/01',
    '01-01-2024',
    '+02024-01-01',
    '２０２４-01-01',
    'tomorrow',
    '',
  ])('parseIsoDate refuses %j', (text) => {
    expect(parseIsoDate(text)).toBeNull();
  });

  it('refuses dates that are not real, and counts that are not whole numbers', () => {
    expect(() => isWorkingDay('2024-02-30')).toThrow(new RangeError('“2024-02-30” is not a date in the form YYYY-MM-DD.'));
    expect(() => addWorkingDays('22/03/2024', 3)).toThrow(RangeError);
    for (const n of [1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53]) {
      expect(() => addWorkingDays('2024-03-22', n), String(n)).toThrow(/whole number/);
    }
    expect(() => addWorkingDays('9999-12-31', 1)).toThrow(/outside the years 0001 to 9999/);
    expect(() => addWorkingDays('0001-01-01', -1)).toThrow(/outside the years 0001 to 9999/);
    expect(() => bankHolidays(2024.5)).toThrow(RangeError);
    expect(() => bankHolidays(0)).toThrow(RangeError);
    expect(() => bankHolidays(10_000)).toThrow(RangeError);
  });
});

/** Runs the command with streams that collect what it writes. */
async function run(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const collect = (append: (text: string) => void) =>
    new Writable({
      write(chunk, _encoding, done) {
        append(String(chunk));
        done();
      },
    });
  const code = await runWorkingDays(
    args,
    collect((text) => {
      stdout += text;
    }),
    collect((text) => {
      stderr += text;
    }),
  );
  return { code, stdout, stderr };
}

describe('involve working-days', () => {
  it('prints the date N working days after DATE, forwards and backwards', async () => {
    expect(await run('2024-03-22', '3')).toEqual({ code: 0, stdout: '2024-03-27\n', stderr: '' });
    expect(await run('2026-12-24', '3')).toEqual({ code: 0, stdout: '2026-12-31\n', stderr: '' });
    expect(await run('2024-03-27', '-3')).toEqual({ code: 0, stdout: '2024-03-22\n', stderr: '' });
    expect(await run('2024-03-22', '+1')).toEqual({ code: 0, stdout: '2024-03-25\n', stderr: '' });
    expect(await run('2024-12-25', '0')).toEqual({ code: 0, stdout: '2024-12-27\n', stderr: '' });
  });

  it('says whether DATE is a working day, and why not', async () => {
    expect(await run('2024-12-25')).toEqual({ code: 0, stdout: '2024-12-25 is not a working day (Christmas Day)\n', stderr: '' });
    expect(await run('2024-12-24')).toEqual({ code: 0, stdout: '2024-12-24 is a working day\n', stderr: '' });
    expect(await run('2027-12-28')).toEqual({ code: 0, stdout: '2027-12-28 is not a working day (Boxing Day (substitute day))\n', stderr: '' });
    expect(await run('2024-03-23')).toEqual({ code: 0, stdout: '2024-03-23 is not a working day (Saturday)\n', stderr: '' });
  });

  it('explains bad input on stderr and exits with code 2', async () => {
    const notADate = await run('2024-02-30', '3');
    expect(notADate).toEqual({ code: 2, stdout: '', stderr: '“2024-02-30” is not a date. Write the date as YYYY-MM-DD, for example 2024-03-22.\n' });
    expect((await run('22/03/2024')).stderr).toMatch(/is not a date/);
    for (const n of ['1.5', 'three', '3x', '', '1e3', '99999999999999999999']) {
      const result = await run('2024-03-22', n);
      expect(result.code, n).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toBe(`N must be a whole number of working days, like 3 or -3, not “${n}”.\n`);
    }
    const tooFar = await run('9999-12-30', '5');
    expect(tooFar.code).toBe(2);
    expect(tooFar.stderr).toMatch(/outside the years 0001 to 9999/);
  });

  it('shows the usage with no arguments or too many (code 2), and for --help (code 0)', async () => {
    const none = await run();
    expect(none.code).toBe(2);
    expect(none.stdout).toBe('');
    expect(none.stderr).toMatch(/^Usage: involve working-days DATE \[N\]/);
    expect((await run('2024-03-22', '3', 'extra')).code).toBe(2);
    const help = await run('--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: involve working-days DATE \[N\]/);
  });
});
