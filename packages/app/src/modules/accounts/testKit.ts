// Shared steps for the accounts tests: make a signed-in person, an organisation, read a link out
// of an email. Used only by *.test.ts files.

import type { TestApp, TestClient } from '../../../test/testApp.js';
import type { Db } from '../../platform/database.js';
import type { OrganisationRole } from './schema.js';
import { createVerifiedAccount, grantRoleDirect } from './service.js';

export const goodPassword = 'correct horse battery';

let people = 0;

/** A personal API token made through the account's token page, as a person makes one. */
export async function apiTokenOf(client: TestClient, label = 'tests'): Promise<string> {
  await client.get('/account/api-tokens');
  const created = await client.post('/account/api-tokens', { label });
  const token = /id="new-token">([^<]+)</.exec(created.body)?.[1];
  if (!token) throw new Error('no API token made');
  return token;
}

/** A verified account, signed in through the real sign-in form. */
export async function signedInPerson(
  t: TestApp,
  options: {
    name?: string;
    email?: string;
    platformAdmin?: boolean;
    platformModerator?: boolean;
    roles?: Array<{ organisationId: number; role: OrganisationRole }>;
  } = {},
): Promise<{ client: TestClient; accountId: number; email: string }> {
  people++;
  const email = options.email ?? `person${people}-${Date.now()}@example.org`;
  const accountId = await createVerifiedAccount(t.db, { email, password: goodPassword, name: options.name ?? `Person ${people}` });
  if (options.platformAdmin) await grantRoleDirect(t.db, accountId, 'platform_admin', null);
  if (options.platformModerator) await grantRoleDirect(t.db, accountId, 'platform_moderator', null);
  for (const r of options.roles ?? []) await grantRoleDirect(t.db, accountId, r.role, r.organisationId);
  const client = t.client();
  await client.get('/sign-in');
  const response = await client.post('/sign-in', { email, password: goodPassword });
  if (response.statusCode !== 303) throw new Error(`sign-in failed: ${response.statusCode}`);
  return { client, accountId, email };
}

/** An organisation row, inserted directly (the registry's own pages are tested there). */
export async function insertOrganisation(db: Db, name: string): Promise<number> {
  const row = await db.insertInto('organisation').values({ name, type: 'gp_practice', takes_nhs_money: true }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/** The first link in an email's text that goes to this path. */
export function linkIn(text: string, pathStart: string): string {
  const match = new RegExp(`https?://[^\\s]+${pathStart}[^\\s]+`).exec(text);
  if (!match) throw new Error(`no ${pathStart} link in:\n${text}`);
  return match[0];
}

/** The path and query of a link, for the in-process client. */
export function pathOf(link: string): string {
  const url = new URL(link);
  return url.pathname + url.search;
}

/** The error summary of a page as field → message (empty when the page has none). */
export function summaryErrors(body: string): Record<string, string> {
  const start = body.indexOf('nhsuk-error-summary__list');
  if (start < 0) return {};
  const list = body.slice(start, body.indexOf('</ul>', start));
  const errors: Record<string, string> = {};
  for (const m of list.matchAll(/<a href="#([^"]+)">\s*([^<]*?)\s*<\/a>/g)) errors[m[1] as string] = m[2] as string;
  return errors;
}

export { createSession } from './sessions.js';

/** The emails queued in the outbox to this address whose subject contains `subjectHas`, oldest first. */
export function queuedMail(db: Db, to: string, subjectHas = '') {
  return db
    .selectFrom('mail_outbox')
    .select(['subject', 'body_text'])
    .where('to_address', '=', to)
    .where('subject', 'like', `%${subjectHas}%`)
    .orderBy('id')
    .execute();
}
