// Letters to complainants: the default templates, the placeholders they may use, filling them in
// (plain text replacement, never a template engine on text people wrote), and the Ombudsman
// paragraph that Involve adds to every final response, outside the template, so it cannot be removed.
import type { LetterKind } from './schema.js';

/** What each placeholder stands for, shown on the template and letter pages. */
export const placeholders = {
  complainant_name: 'The name of the person who made the complaint',
  on_behalf_of: 'The person the complaint is for, when made on their behalf (empty otherwise)',
  reference: 'The complaint reference',
  organisation_name: 'Your organisation',
  received_date: 'The date the complaint was received',
  acknowledgement_date: 'The date the complaint was acknowledged',
  response_date: 'The date agreed for the final response (a letter that uses it needs the date)',
  when_we_will_respond:
    'A sentence about when the full response will come: the agreed date, or, before one is agreed, that it will be agreed with the complainant',
  today: "Today's date",
  manager_name: 'Your name',
} as const;

export type Placeholder = keyof typeof placeholders;
export type LetterValues = Partial<Record<Placeholder, string>>;

export const placeholderList = Object.entries(placeholders).map(([name, meaning]) => ({ name: `{{${name}}}`, meaning }));

const placeholderPattern = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

/** The Parliamentary and Health Service Ombudsman paragraph every final response ends with. */
export const ombudsmanParagraph = [
  'If you are not happy with our response',
  'If you are not satisfied with this response, you have the right to ask the Parliamentary and Health Service Ombudsman to look into your complaint. The Ombudsman is independent of the NHS and of government, and their service is free. You can call the Ombudsman on 0345 015 4033, or find out more and complain online at www.ombudsman.org.uk. You should normally contact them within 12 months of becoming aware of the problem you are complaining about.',
].join('\n\n');

// Text in square brackets is guidance for the person writing: a letter may not go out with it.
const guidanceMarks = ['[Say what', '[Explain', '[Summarise', '[Add '];

export const defaultTemplates: Record<LetterKind, string> = {
  acknowledgement: `Dear {{complainant_name}},

Your complaint, reference {{reference}}

Thank you for your complaint, which we received on {{received_date}}. We are sorry that you have had reason to complain.

{{manager_name}} will look after your complaint. We would like to talk with you about how we will look into it, and about how long it is likely to take. We will contact you to arrange a time that suits you.

{{when_we_will_respond}}

You can read our letters about your complaint in your Involve account.

Yours sincerely,

{{manager_name}}
Complaints manager, {{organisation_name}}`,
  final_response: `Dear {{complainant_name}},

Your complaint, reference {{reference}}

Thank you for your complaint, which we received on {{received_date}}. This letter is our final response.

What you told us
[Summarise the complaint in the complainant's words.]

What we found
[Explain how the complaint was looked into and what was found.]

What we have done
[Say what has been done, or will be done, as a result, and apologise where things went wrong.]

Yours sincerely,

{{manager_name}}
Complaints manager, {{organisation_name}}`,
  delay: `Dear {{complainant_name}},

Your complaint, reference {{reference}}

We received your complaint on {{received_date}}. We have not yet been able to send you our full response, and we are sorry for the delay.

[Explain why the response is taking longer.]

We now aim to send you our full response by {{response_date}}.

Yours sincerely,

{{manager_name}}
Complaints manager, {{organisation_name}}`,
};

export const maxLetterLength = 20_000;

/** Placeholders a text uses that Involve does not know. */
export function unknownPlaceholders(text: string): string[] {
  const unknown = new Set<string>();
  for (const match of text.matchAll(placeholderPattern)) {
    const name = match[1] as string;
    if (!(name in placeholders)) unknown.add(name);
  }
  return [...unknown];
}

/** Placeholders a text uses, known ones only. */
export function usedPlaceholders(text: string): Placeholder[] {
  const used = new Set<Placeholder>();
  for (const match of text.matchAll(placeholderPattern)) {
    const name = match[1] as string;
    if (name in placeholders) used.add(name as Placeholder);
  }
  return [...used];
}

/** Problems with a template or letter text, as a message for the field, or null. */
export function checkLetterText(text: string, what = 'The letter'): string | null {
  if (!text.trim()) return `Enter the text of ${what.toLowerCase()}`;
  if (text.length > maxLetterLength) return `${what} must be ${maxLetterLength.toLocaleString('en-GB')} characters or fewer`;
  const unknown = unknownPlaceholders(text);
  if (unknown.length) {
    const list = unknown.map((u) => `{{${u}}}`).join(', ');
    return `${what} uses ${list}, which Involve does not know. Use only the placeholders listed on this page`;
  }
  return null;
}

/** Guidance still in a letter about to be sent (text in square brackets from the template), or null. */
export function leftoverGuidance(text: string): string | null {
  return guidanceMarks.some((mark) => text.includes(mark)) ? 'Replace the guidance in square brackets with your own words before you send the letter' : null;
}

/**
 * Fill in the placeholders. Plain replacement: the values are text, the result is text (pages
 * escape it when showing it). A placeholder with no value is reported, not left in the letter.
 */
export function fillPlaceholders(text: string, values: LetterValues): { text: string; missing: Placeholder[] } {
  const missing = new Set<Placeholder>();
  const filled = text.replace(placeholderPattern, (whole, name: string) => {
    if (!(name in placeholders)) return whole;
    const value = values[name as Placeholder];
    if (value === undefined) {
      missing.add(name as Placeholder);
      return whole;
    }
    return value;
  });
  return { text: filled, missing: [...missing] };
}

/** The letter as sent: the manager's text, and for a final response the Ombudsman paragraph after it. */
export function composeLetter(kind: LetterKind, text: string): string {
  const body = text.replace(/\r\n/g, '\n').trimEnd();
  return kind === 'final_response' ? `${body}\n\n${ombudsmanParagraph}` : body;
}

/** A letter's text as paragraphs of lines, for showing on a page. */
export function letterParagraphs(text: string): string[][] {
  return text
    .replace(/\r\n/g, '\n')
    .split(/\n\s*\n/)
    .map((p) => p.split('\n'))
    .filter((lines) => lines.some((l) => l.trim()));
}
