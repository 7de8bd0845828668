// `involve working-days DATE [N]`: check a complaint deadline on the terminal, with no database.
// Exit codes: 0 answered, 2 the input could not be used (message on stderr).
// Holidays added by admins live in the database and are not counted here: bank holidays only.
import { addWorkingDays, nonWorkingReason, parseIsoDate } from './workingDays.js';

export const workingDaysUsage = `Usage: involve working-days DATE [N]

  involve working-days 2024-03-22 3    prints the date 3 working days after 2024-03-22 (2024-03-27)
  involve working-days 2024-03-27 -3   N may be negative: prints the date 3 working days before
  involve working-days 2024-12-25      says whether 2024-12-25 is a working day

DATE is written YYYY-MM-DD. Working days are Monday to Friday except bank holidays in England and Wales.
With N = 0 it prints DATE if it is a working day, otherwise the next working day.`;

const wholeNumberPattern = /^[+-]?\d+$/;

export async function runWorkingDays(args: string[], out: NodeJS.WritableStream, err: NodeJS.WritableStream): Promise<number> {
  if (args.length === 1 && (args[0] === '--help' || args[0] === '-h')) {
    out.write(`${workingDaysUsage}\n`);
    return 0;
  }
  const [dateText, nText] = args;
  if (dateText === undefined || args.length > 2) {
    err.write(`${workingDaysUsage}\n`);
    return 2;
  }
  const date = parseIsoDate(dateText);
  if (date === null) {
    err.write(`“${dateText}” is not a date. Write the date as YYYY-MM-DD, for example 2024-03-22.\n`);
    return 2;
  }

  if (nText === undefined) {
    const reason = nonWorkingReason(date);
    out.write(reason === null ? `${date} is a working day\n` : `${date} is not a working day (${reason})\n`);
    return 0;
  }

  const n = Number(nText);
  if (!wholeNumberPattern.test(nText) || !Number.isSafeInteger(n)) {
    err.write(`N must be a whole number of working days, like 3 or -3, not “${nText}”.\n`);
    return 2;
  }
  try {
    out.write(`${addWorkingDays(date, n)}\n`);
    return 0;
  } catch (error) {
    // Only a result beyond the years 0001–9999 gets here: the inputs were checked above.
    if (!(error instanceof RangeError)) throw error;
    err.write(`${error.message}\n`);
    return 2;
  }
}
