// Hours as people type them, turned into the quarter hours the ledger holds, and shown back.
import { expect, it } from 'vitest';
import type { ValidationError } from '../../platform/errors.js';
import { hoursText, minutesFromHours, parseHours } from './records.js';

const problem = (typed: string) => {
  try {
    minutesFromHours(typed);
  } catch (error) {
    return (error as ValidationError).fieldErrors.hours;
  }
  return undefined;
};

it('reads hours typed as numbers, fractions or a clock, in quarter hours', () => {
  expect(['2', '1.5', '0.25', '1:30', '2 hours', ' 3 '].map((typed) => minutesFromHours(typed))).toEqual([120, 90, 15, 90, 120, 180]);
  expect(parseHours('0', 'overdraftHours')).toBe(0);
  expect(parseHours('250', 'overdraftHours')).toBe(15000);
});

it('names what is wrong: not a number, none, more than 100 hours, or not in quarter hours', () => {
  expect(problem('two')).toBe('Enter the hours as a number, like 2 or 1.5');
  expect(problem('')).toBe('Enter the hours as a number, like 2 or 1.5');
  expect(problem('0')).toBe('Enter the hours given, more than 0');
  expect(problem('101')).toBe('Enter at most 100 hours for one exchange');
  expect(problem('1.1')).toBe('Enter the hours in quarter hours, like 1.25, 1.5 or 1.75');
});

it('shows minutes as hours, with a minus sign below zero', () => {
  expect([120, 90, 15, 60, 0, -120, -45].map(hoursText)).toEqual(['2 hours', '1.5 hours', '15 minutes', '1 hour', '0 hours', '−2 hours', '−45 minutes']);
});
