// Shared steps for the complaints tests: an organisation with a complaints manager, a complaint made
// through the real form, and dates relative to today. Used only by *.test.ts files.
import type { TestApp, TestClient } from '../../../test/testApp.js';
import { insertOrganisation, signedInPerson } from '../accounts/testKit.js';
import { ukDate } from './timeline.js';
import { addWorkingDays } from './workingDays.js';

export const whatHappened = 'The nurse on Ward 7 ignored my call bell for three hours (distinctive text QX-41).';

/** The three date boxes of a form field. */
export function dateParts(field: string, date: string): Record<string, string> {
  const [year, month, day] = date.split('-') as [string, string, string];
  return { [`${field}-day`]: String(Number(day)), [`${field}-month`]: String(Number(month)), [`${field}-year`]: year };
}

export function today(): string {
  return ukDate(new Date());
}

/** A date some calendar days from today. */
export function daysFromToday(days: number): string {
  const date = new Date(`${today()}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** Noon (UK) on a date, as the `now` of a reminder run. */
export function noonOn(date: string): Date {
  return new Date(`${date}T12:00:00Z`);
}

export { addWorkingDays };

export interface ComplaintsWorld {
  organisationId: number;
  manager: Awaited<ReturnType<typeof signedInPerson>>;
}

/** An organisation whose complaints are handled by one signed-in complaints manager. */
export async function organisationWithManager(t: TestApp, name = `Practice ${Date.now()}`): Promise<ComplaintsWorld> {
  const organisationId = await insertOrganisation(t.db, name);
  const manager = await signedInPerson(t, { name: 'Mo Manager', roles: [{ organisationId, role: 'complaints_manager' }] });
  return { organisationId, manager };
}

/** The form fields of a good complaint (for oneself), event a week ago. */
export function goodComplaint(organisationId: number, overrides: Record<string, string> = {}): Record<string, string> {
  return {
    organisation: String(organisationId),
    whatHappened,
    ...dateParts('eventDate', daysFromToday(-7)),
    whereHappened: 'Ward 7',
    peopleInvolved: 'The night nurse',
    outcomeWanted: 'An apology',
    complainantName: 'Cara Complainant',
    forWhom: 'myself',
    ...overrides,
  };
}

/** Make a complaint through the form; returns its id (fails the test on anything but success). */
export async function makeComplaintThroughForm(client: TestClient, organisationId: number, overrides: Record<string, string> = {}): Promise<number> {
  const form = await client.get(`/complaints/new?organisation=${organisationId}`);
  if (form.statusCode !== 200) throw new Error(`complaint form: ${form.statusCode}`);
  const response = await client.post('/complaints/new', goodComplaint(organisationId, overrides));
  const match = /^\/account\/complaints\/(\d+)\?done=complaint-made$/.exec(String(response.headers.location));
  if (response.statusCode !== 303 || !match) throw new Error(`complaint not made: ${response.statusCode}\n${response.body.slice(0, 3000)}`);
  return Number(match[1]);
}

/** The text of the letter box on a letter form, as a browser would send it back. */
export function letterBox(body: string): string {
  const raw = /<textarea[^>]*name="letter"[^>]*>([\s\S]*?)<\/textarea>/.exec(body)?.[1] ?? '';
  return raw
    .replace(/^\n/, '')
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/**
 * The text a PDF draws: the strings of its text operators, read from its content streams (Involve's
 * letters are written uncompressed so they can be read back like this).
 */
export function pdfText(file: Buffer): string {
  const source = file.toString('latin1');
  const shown: string[] = [];
  for (const match of source.matchAll(/\[((?:<[0-9a-fA-F]*>|[^\]])*)\]\s*TJ|<([0-9a-fA-F]*)>\s*Tj/g)) {
    const hexes = match[1] !== undefined ? [...match[1].matchAll(/<([0-9a-fA-F]*)>/g)].map((m) => m[1] as string) : [match[2] as string];
    shown.push(hexes.map((h) => Buffer.from(h, 'hex').toString('latin1')).join(''));
  }
  return shown.join('\n');
}
