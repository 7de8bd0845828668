// Dates that could identify someone: full dates (day, month and year) in any common form
// ("14/06/1952", "3.9.48", "03-02-1958", "2024-03-03", "3rd March 2024", "4th of May 2023",
// "March 3, 2024", "15 Feb 2024"), and a day and month without the year when the text says it is a
// birthday or date of birth ("born on 5th November", "DOB 3 March"). Left alone: years ("in 2019"),
// months ("March 2024": a story records its month and year anyway), days of the week, times
// ("10.30", "14:15"), scores and rates ("8/10", "24/7", "165/100"), "the 3rd".
import type { IdentifierSpan } from '../types.js';

// Abbreviations may carry a full stop, but only inside a date ("15 Feb. 2024"), never the sentence's.
const month =
  '(?:January|February|March|April|May|June|July|August|September|October|November|December|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)(?:\\.(?=,?\\s+\\d))?)';
const day = '(?:[12]\\d|3[01]|0?[1-9])(?:st|nd|rd|th)?';
const year = "(?:1[89]\\d\\d|20\\d\\d|'\\d\\d)";

// 14/06/1952, 3.9.48, 03-02-1958: the same separator twice; a 2- or 4-digit year.
const numericPattern = /(?<![\p{L}\p{N}/.:-])(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})(?![\p{L}\p{N}]|[/.:-]\d)/gu;
const isoPattern = /(?<![\p{L}\p{N}/.-])((?:1[89]|20)\d\d)-(\d\d)-(\d\d)(?![\p{L}\p{N}]|[/.-]\d)/gu;
// 3rd March 2024, 3 of March, 2024 / March 3rd, 2024.
const dayMonthYearPattern = new RegExp(`(?<![\\p{L}\\p{N}])${day}\\s+(?:of\\s+)?${month},?\\s+${year}(?![\\p{L}\\p{N}])`, 'giu');
const monthDayYearPattern = new RegExp(`(?<![\\p{L}\\p{N}])${month}\\s+${day},?\\s+${year}(?![\\p{L}\\p{N}])`, 'giu');
// born on 5th November / DOB: 3 March / birthday is the 22nd of September (no year).
const birthContext = '(?:born(?:\\s+on)?|d\\.?o\\.?b\\.?:?|date\\s+of\\s+birth(?:\\s+is)?:?|birthday(?:\\s+is)?(?:\\s+on)?)';
const birthDayMonthPattern = new RegExp(
  `(?<![\\p{L}])${birthContext}\\s+(?:the\\s+)?((?:${day}\\s+(?:of\\s+)?${month})|(?:${month}\\s+${day}))(?![\\p{L}\\p{N}])(?!,?\\s+${year})`,
  'giu',
);

function isDayMonth(dayNumber: number, monthNumber: number): boolean {
  return dayNumber >= 1 && dayNumber <= 31 && monthNumber >= 1 && monthNumber <= 12;
}

export function findDates(text: string): IdentifierSpan[] {
  const found: IdentifierSpan[] = [];
  const add = (start: number, end: number, confidence: number) => found.push({ start, end, kind: 'date', confidence });

  for (const match of text.matchAll(numericPattern)) {
    const [whole, first, , second, yearText] = match as unknown as [string, string, string, string, string];
    const a = Number(first);
    const b = Number(second);
    // UK order first; American order (month first) is still a date.
    if (!isDayMonth(a, b) && !isDayMonth(b, a)) continue;
    if (yearText.length === 4 && !/^(1[89]|20)/.test(yearText)) continue;
    // "version 2.5.10" is not the 2nd of May 2010.
    if (/(?:version|release|update|\bv)\s*$/i.test(text.slice(Math.max(0, match.index - 10), match.index))) continue;
    add(match.index, match.index + whole.length, yearText.length === 4 ? 0.95 : 0.9);
  }
  for (const match of text.matchAll(isoPattern)) {
    const [whole, , monthText, dayText] = match as unknown as [string, string, string, string];
    if (!isDayMonth(Number(dayText), Number(monthText))) continue;
    add(match.index, match.index + whole.length, 0.95);
  }
  for (const pattern of [dayMonthYearPattern, monthDayYearPattern]) {
    for (const match of text.matchAll(pattern)) add(match.index, match.index + match[0].length, 0.97);
  }
  for (const match of text.matchAll(birthDayMonthPattern)) {
    const dayMonth = match[1] as string;
    const start = match.index + match[0].lastIndexOf(dayMonth);
    add(start, start + dayMonth.length, 0.9);
  }
  return found;
}
