// The timeline's rules: which step follows which, the deadlines, the 12-month limit, and which
// reminders are due on a given day.
import { describe, expect, it } from 'vitest';
import { ConflictError } from '../../platform/errors.js';
import { remindersDue } from './reminders.js';
import { type ComplaintStatus, complaintStatuses } from './schema.js';
import { acknowledgementDue, addMonths, canTake, isLate, nextDeadline, type Step, statusAfter, stepRefusal, steps, ukDate } from './timeline.js';

describe('the steps of a complaint', () => {
  it('allows each step only from its statuses, and moves the status as the table says', () => {
    const expected: Record<string, ComplaintStatus> = {
      'acknowledge:received': 'acknowledged',
      'startInvestigation:acknowledged': 'under_investigation',
      'sendFinalResponse:acknowledged': 'response_sent',
      'sendFinalResponse:under_investigation': 'response_sent',
      'close:response_sent': 'closed',
      'referToOmbudsman:response_sent': 'referred_to_ombudsman',
      'referToOmbudsman:closed': 'referred_to_ombudsman',
    };
    for (const step of Object.keys(steps) as Step[]) {
      for (const status of complaintStatuses) {
        const allowed = (steps[step].from as readonly string[]).includes(status);
        expect(canTake(step, status), `${step} from ${status}`).toBe(allowed);
        if (allowed) {
          expect(stepRefusal(step, status)).toBeNull();
          expect(statusAfter(step, status)).toBe(expected[`${step}:${status}`] ?? status);
        } else {
          expect(() => statusAfter(step, status)).toThrow(ConflictError);
        }
      }
    }
  });

  it('explains a refusal in plain English', () => {
    expect(stepRefusal('close', 'under_investigation')).toBe('You cannot close a complaint that is under investigation. Send the final response first.');
    expect(stepRefusal('acknowledge', 'closed')).toBe('You cannot acknowledge a complaint that is closed. It has already been acknowledged.');
    expect(stepRefusal('sendFinalResponse', 'response_sent')).toBe(
      'You cannot send the final response to a complaint that is answered with a final response. Acknowledge it first; a final response can be sent only once.',
    );
  });
});

describe('deadlines', () => {
  it('gives 3 working days to acknowledge, skipping weekends, bank holidays and the organisation’s holidays', () => {
    expect(acknowledgementDue('2024-03-22')).toBe('2024-03-27'); // Friday → Wednesday
    expect(acknowledgementDue('2024-03-28')).toBe('2024-04-04'); // over Good Friday and Easter Monday
    expect(acknowledgementDue('2026-12-23')).toBe('2026-12-30'); // Christmas Friday, Boxing Day moved to Monday 28th
    expect(acknowledgementDue('2025-07-14', new Set(['2025-07-16']))).toBe('2025-07-18');
  });

  it('flags an event more than 12 months before receipt', () => {
    expect(isLate('2024-03-10', '2025-03-10')).toBe(false);
    expect(isLate('2024-03-09', '2025-03-10')).toBe(true);
    expect(isLate('2023-02-28', '2024-02-29')).toBe(false);
    expect(isLate('2023-02-27', '2024-02-29')).toBe(true);
  });

  it('adds calendar months, ending on the last day of a shorter month', () => {
    expect(addMonths('2025-08-31', 6)).toBe('2026-02-28');
    expect(addMonths('2025-01-15', -13)).toBe('2023-12-15');
  });

  it('names the next deadline: the acknowledgement, then the agreed response date', () => {
    expect(nextDeadline({ status: 'received', receivedOn: '2025-07-14', responseDue: null })).toEqual({ kind: 'acknowledgement', due: '2025-07-17' });
    expect(nextDeadline({ status: 'under_investigation', receivedOn: '2025-07-14', responseDue: '2025-09-01' })).toEqual({
      kind: 'response',
      due: '2025-09-01',
    });
    expect(nextDeadline({ status: 'acknowledged', receivedOn: '2025-07-14', responseDue: null })).toBeNull();
    expect(nextDeadline({ status: 'closed', receivedOn: '2025-07-14', responseDue: '2025-09-01' })).toBeNull();
  });

  it('reads today in England, not UTC', () => {
    expect(ukDate(new Date('2025-06-30T23:30:00Z'))).toBe('2025-07-01'); // British Summer Time
    expect(ukDate(new Date('2025-12-31T23:30:00Z'))).toBe('2025-12-31');
  });
});

describe('which reminders are due', () => {
  const received = { status: 'received' as const, receivedOn: '2025-07-14', responseDue: null };
  it('reminds 1 working day before the acknowledgement deadline, and after it is missed', () => {
    expect(remindersDue(received, '2025-07-15')).toEqual([]);
    expect(remindersDue(received, '2025-07-16')).toEqual([{ kind: 'acknowledgement_due', dueOn: '2025-07-17' }]);
    expect(remindersDue(received, '2025-07-17')).toEqual([{ kind: 'acknowledgement_due', dueOn: '2025-07-17' }]);
    expect(remindersDue(received, '2025-07-18')).toEqual([{ kind: 'acknowledgement_missed', dueOn: '2025-07-17' }]);
  });

  it('reminds before and after the agreed response date (a Saturday date: the Friday before)', () => {
    const acknowledged = { status: 'under_investigation' as const, receivedOn: '2025-07-14', responseDue: '2025-08-30' };
    expect(remindersDue(acknowledged, '2025-08-28')).toEqual([]);
    expect(remindersDue(acknowledged, '2025-08-29')).toEqual([{ kind: 'response_due', dueOn: '2025-08-30' }]);
    expect(remindersDue(acknowledged, '2025-08-31')).toEqual([{ kind: 'response_missed', dueOn: '2025-08-30' }]);
  });

  it('prompts at six months without a final response, and never once it is sent', () => {
    const acknowledged = { status: 'acknowledged' as const, receivedOn: '2025-07-14', responseDue: null };
    expect(remindersDue(acknowledged, '2026-01-13')).toEqual([]);
    expect(remindersDue(acknowledged, '2026-01-14')).toEqual([{ kind: 'six_months', dueOn: '2026-01-14' }]);
    expect(remindersDue({ ...acknowledged, status: 'response_sent' }, '2026-06-01')).toEqual([]);
  });
});
