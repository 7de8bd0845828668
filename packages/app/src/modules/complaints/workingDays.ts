// The working-day calendar for England and Wales: weekends and bank holidays, computed from the rules
// (not fetched), plus holidays an admin adds. Complaint deadlines ("3 working days after receipt") use it.
//
// Dates are plain 'YYYY-MM-DD' strings. Arithmetic is on whole days counted from 1970-01-01 with pure
// integer maths, so there are no time zones, no clocks and no Date quirks (such as years 0–99).
//
// The bank holiday rules are those in force since 1978. Years from 2012 on are exact as published;
// the one-off changes before 2012 (1995, 1999, 2002, 2011) are not in the table, so earlier years follow
// the ordinary rules only. Future one-off holidays are announced months ahead: add them to
// `oneOffChanges` below (or, straight away, as admin holidays through `extraHolidays`).

export interface BankHoliday {
  date: string;
  name: string;
}

/**
 * One-off changes to the ordinary rules, as proclaimed. `moved` replaces the date of an ordinary
 * holiday (found by its name); `added` are extra holidays.
 */
const oneOffChanges: Record<number, { moved?: Array<{ ordinary: string; date: string; name: string }>; added?: BankHoliday[] }> = {
  2012: {
    moved: [{ ordinary: 'Spring bank holiday', date: '2012-06-04', name: 'Spring bank holiday' }],
    added: [{ date: '2012-06-05', name: 'Queen’s Diamond Jubilee' }],
  },
  2020: {
    moved: [{ ordinary: 'Early May bank holiday', date: '2020-05-08', name: 'Early May bank holiday (VE Day)' }],
  },
  2022: {
    moved: [{ ordinary: 'Spring bank holiday', date: '2022-06-02', name: 'Spring bank holiday' }],
    added: [
      { date: '2022-06-03', name: 'Platinum Jubilee bank holiday' },
      { date: '2022-09-19', name: 'Bank holiday for the State Funeral of Queen Elizabeth II' },
    ],
  },
  2023: {
    added: [{ date: '2023-05-08', name: 'Bank holiday for the coronation of King Charles III' }],
  },
};

const isoDatePattern = /^(\d{4})-(\d{2})-(\d{2})$/;
// Day numbers of 0001-01-01 and 9999-12-31: the years a 'YYYY-MM-DD' string can hold.
const firstDay = daysFromCivil(1, 1, 1);
const lastDay = daysFromCivil(9999, 12, 31);

/** Strict 'YYYY-MM-DD' that is a real date (years 0001–9999), returned as given; anything else is null. */
export function parseIsoDate(text: string): string | null {
  const match = isoDatePattern.exec(text);
  if (!match) return null;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return text;
}

/** The bank holidays of England and Wales in a year, in date order. */
export function bankHolidays(year: number): BankHoliday[] {
  return [...holidaysOf(year)].map(([date, name]) => ({ date, name }));
}

/** Easter Sunday of a year by the anonymous Gregorian computus (Meeus/Jones/Butcher). */
export function easterSunday(year: number): string {
  checkYear(year);
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return formatDay(daysFromCivil(year, month, day));
}

/**
 * Why a date is not a working day ('Saturday', 'Sunday', the bank holiday's name, or 'a holiday added
 * by an admin'), or null when it is a working day.
 */
export function nonWorkingReason(date: string, extraHolidays?: ReadonlySet<string>): string | null {
  const day = toDay(date);
  const weekday = weekdayOf(day);
  if (weekday === 6) return 'Saturday';
  if (weekday === 0) return 'Sunday';
  const holiday = holidaysOf(Number(date.slice(0, 4))).get(date);
  if (holiday) return holiday;
  if (extraHolidays?.has(date)) return 'a holiday added by an admin';
  return null;
}

/** True when date is a weekday that is neither a bank holiday nor one of extraHolidays. */
export function isWorkingDay(date: string, extraHolidays?: ReadonlySet<string>): boolean {
  return nonWorkingReason(date, extraHolidays) === null;
}

/**
 * The date n working days after date (before it when n is negative), counting only working days:
 * receipt on Friday 2024-03-22 + 3 is Wednesday 2024-03-27. The start date itself is never counted,
 * so a start on a weekend or holiday works too (Saturday + 1 is Monday, Saturday - 1 is Friday).
 * n = 0 returns date itself when it is a working day, else the next working day: "by working day 0"
 * then means "on the first working day from date", which is how a deadline due on a holiday rolls on.
 */
export function addWorkingDays(date: string, n: number, extraHolidays?: ReadonlySet<string>): string {
  if (!Number.isSafeInteger(n)) throw new RangeError(`The number of working days must be a whole number, not ${n}.`);
  let day = toDay(date);
  const step = n < 0 ? -1 : 1;
  let remaining = Math.abs(n);
  // n = 0: stay put unless the date is not a working day, then roll forward to one.
  if (remaining === 0 && isWorkingDayNumber(day, extraHolidays)) return date;
  if (remaining === 0) remaining = 1;
  while (remaining > 0) {
    day += step;
    if (day < firstDay || day > lastDay) throw new RangeError(`${n} working days from ${date} is outside the years 0001 to 9999.`);
    if (isWorkingDayNumber(day, extraHolidays)) remaining -= 1;
  }
  return formatDay(day);
}

// ---- internals ----

const holidayCache = new Map<number, Map<string, string>>();

/** The year's bank holidays as date → name, in date order; computed once per year. */
function holidaysOf(year: number): Map<string, string> {
  const cached = holidayCache.get(year);
  if (cached) return cached;
  checkYear(year);
  const ordinary = ordinaryHolidays(year);
  const changes = oneOffChanges[year];
  for (const move of changes?.moved ?? []) {
    const index = ordinary.findIndex((holiday) => holiday.name === move.ordinary);
    ordinary.splice(index, 1, { date: move.date, name: move.name });
  }
  const all = [...ordinary, ...(changes?.added ?? [])].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const holidays = new Map(all.map((holiday) => [holiday.date, holiday.name]));
  holidayCache.set(year, holidays);
  return holidays;
}

function ordinaryHolidays(year: number): BankHoliday[] {
  const holidays: BankHoliday[] = [];
  const add = (day: number, name: string) => holidays.push({ date: formatDay(day), name });

  // New Year's Day, or the Monday after when it falls on a weekend.
  const newYear = daysFromCivil(year, 1, 1);
  const newYearWeekday = weekdayOf(newYear);
  if (newYearWeekday === 6) add(newYear + 2, 'New Year’s Day (substitute day)');
  else if (newYearWeekday === 0) add(newYear + 1, 'New Year’s Day (substitute day)');
  else add(newYear, 'New Year’s Day');

  const easter = toDay(easterSunday(year));
  add(easter - 2, 'Good Friday');
  add(easter + 1, 'Easter Monday');
  add(firstMonday(year, 5), 'Early May bank holiday');
  add(lastMonday(year, 5), 'Spring bank holiday');
  add(lastMonday(year, 8), 'Summer bank holiday');

  // Christmas and Boxing Day: a day that falls on a weekend moves to the next weekday not already a holiday.
  const christmas = daysFromCivil(year, 12, 25);
  switch (weekdayOf(christmas)) {
    case 5: // Friday: Boxing Day is Saturday, so Monday 28th
      add(christmas, 'Christmas Day');
      add(christmas + 3, 'Boxing Day (substitute day)');
      break;
    case 6: // Saturday: Monday 27th for Christmas, Tuesday 28th for Boxing Day
      add(christmas + 2, 'Christmas Day (substitute day)');
      add(christmas + 3, 'Boxing Day (substitute day)');
      break;
    case 0: // Sunday: Boxing Day is Monday 26th, Christmas moves to Tuesday 27th
      add(christmas + 1, 'Boxing Day');
      add(christmas + 2, 'Christmas Day (substitute day)');
      break;
    default:
      add(christmas, 'Christmas Day');
      add(christmas + 1, 'Boxing Day');
  }
  return holidays;
}

function isWorkingDayNumber(day: number, extraHolidays?: ReadonlySet<string>): boolean {
  const weekday = weekdayOf(day);
  if (weekday === 0 || weekday === 6) return false;
  const date = formatDay(day);
  return !holidaysOf(Number(date.slice(0, 4))).has(date) && !extraHolidays?.has(date);
}

function toDay(date: string): number {
  if (parseIsoDate(date) === null) throw new RangeError(`“${date}” is not a date in the form YYYY-MM-DD.`);
  return daysFromCivil(Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10)));
}

function checkYear(year: number): void {
  if (!Number.isInteger(year) || year < 1 || year > 9999) throw new RangeError(`The year must be a whole number from 1 to 9999, not ${year}.`);
}

function firstMonday(year: number, month: number): number {
  const first = daysFromCivil(year, month, 1);
  return first + ((8 - weekdayOf(first)) % 7);
}

function lastMonday(year: number, month: number): number {
  const last = daysFromCivil(year, month, daysInMonth(year, month));
  return last - ((weekdayOf(last) + 6) % 7);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** 0 = Sunday … 6 = Saturday (1970-01-01, day 0, was a Thursday). */
function weekdayOf(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

// Howard Hinnant's days_from_civil / civil_from_days: proleptic Gregorian dates <-> days since 1970-01-01.
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

function formatDay(days: number): string {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
