// The words of the complaints emails. By design they hold nothing about a complaint but its reference
// and a link: email is not a safe place for health information, and platform admins can read the
// outbox. Everything else is behind sign-in. The one addition, in emails to complaints managers only:
// the complainant's communication needs, which staff must meet whenever they contact them
// (Accessible Information Standard); never the complaint.
import { greeting, type OutgoingMail, type Recipient } from '../../platform/mail.js';
import { formatDate } from '../../platform/views.js';
import type { ReminderKind } from './schema.js';

const privacyNote = 'For your privacy this email does not include any details of the complaint. Sign in to Involve to read it.';

/** The complainant's communication needs for an email to staff, as a paragraph and a list ('' when none). */
function needsParagraph(needs: readonly string[]): string {
  if (!needs.length) return '';
  return `The person who made the complaint has told Involve about their communication needs (Accessible Information Standard). Meet them whenever you contact them:
${needs.map((need) => `- ${need}`).join('\n')}

`;
}

export function complaintMadeMail(to: Recipient, reference: string, link: string): OutgoingMail {
  return {
    to: to.email,
    subject: `Your complaint ${reference} has been sent`,
    text: `${greeting(to.name)}

Your complaint has been sent. Its reference is ${reference}.

The organisation must acknowledge it within 3 working days. You can follow it, and read any letters about it, in your Involve account:

${link}

${privacyNote}
`,
  };
}

export function newComplaintMail(to: Recipient, reference: string, link: string, needs: readonly string[] = []): OutgoingMail {
  return {
    to: to.email,
    subject: `New complaint ${reference}`,
    text: `${greeting(to.name)}

A new complaint has been made through Involve. Its reference is ${reference}. It must be acknowledged within 3 working days.

${needsParagraph(needs)}${link}

You are getting this email because you are a complaints manager. ${privacyNote}
`,
  };
}

export function letterReadyMail(to: Recipient, reference: string, link: string): OutgoingMail {
  return {
    to: to.email,
    subject: `A letter about your complaint ${reference} is ready`,
    text: `${greeting(to.name)}

There is a new letter about your complaint ${reference}. Read it in your Involve account:

${link}

${privacyNote}
`,
  };
}

/** What each reminder says, given the deadline it is about. */
const reminderWords: Record<ReminderKind, (due: string) => { subject: string; line: string }> = {
  acknowledgement_due: (due) => ({
    subject: 'acknowledgement due by',
    line: `The complaint must be acknowledged by ${formatDate(due)}, 1 working day from now.`,
  }),
  acknowledgement_missed: (due) => ({
    subject: 'acknowledgement overdue since',
    line: `The complaint should have been acknowledged by ${formatDate(due)}. Acknowledge it as soon as you can.`,
  }),
  response_due: (due) => ({
    subject: 'final response due by',
    line: `The final response is due by ${formatDate(due)}, 1 working day from now, as agreed with the complainant. If you need more time, agree a new date with them and record it.`,
  }),
  response_missed: (due) => ({
    subject: 'final response overdue since',
    line: `The final response was due by ${formatDate(due)}, as agreed with the complainant. Send it, or agree a new date with them and record it.`,
  }),
  six_months: (due) => ({
    subject: 'six months without a final response on',
    line: `It is six months since the complaint was received (${formatDate(due)}) and there is no final response yet. The complainant must be told in writing why: send them a letter about the delay from the complaint's page.`,
  }),
};

export function reminderMail(to: Recipient, kind: ReminderKind, reference: string, due: string, link: string, needs: readonly string[] = []): OutgoingMail {
  const words = reminderWords[kind](due);
  return {
    to: to.email,
    subject: `Complaint ${reference}: ${words.subject} ${formatDate(due)}`,
    text: `${greeting(to.name)}

This is a reminder about complaint ${reference}.

${words.line}

${needsParagraph(needs)}${link}

You are getting this email because you are a complaints manager. ${privacyNote}
`,
  };
}

export function investigatorMail(to: string, name: string, reference: string, link: string, assignedBy: string): OutgoingMail {
  return {
    to,
    subject: `You are investigating complaint ${reference}`,
    text: `${greeting(name)}

${assignedBy} has made you the investigator of complaint ${reference}. You can read it, its case notes and its documents here:

${link}

You are getting this email because you are a complaints manager. ${privacyNote}
`,
  };
}
