// A person's rights over what Involve holds about them (UK GDPR articles 15, 17 and 20): every module
// says, through two optional hooks on its manifest, which of its rows are the person's and what it
// removes or keeps when they close their account (as the privacy notice says). The platform adds its
// own tables (the emails sent to them, the audit entries of what they did) and collects the lot for
// the accounts module's pages, which reach it as `app.rights`; the platform never names a module.
// The hooks' types are in module.ts with the rest of the manifest.
import { sql } from 'kysely';
import type { Db } from './database.js';
import type { CloseAccountOptions, InvolveModule, Person, PersonalRows } from './module.js';

export type { CloseAccountOptions, Person, PersonalRows };

import { maskAccessLinks } from './outbox.js';

/** Everything held about a person, by module then table; modules holding nothing of theirs are left out. */
export type PersonalData = Record<string, PersonalRows>;

export interface PersonalRights {
  personalData(db: Db, person: Person): Promise<PersonalData>;
  /** Every module's closing, in one transaction the caller holds, the last-listed first (accounts, listed early, anonymises the account last). */
  closeAccount(db: Db, person: Person, options: CloseAccountOptions): Promise<void>;
}

declare module 'fastify' {
  interface FastifyInstance {
    rights: PersonalRights;
  }
}

/** The platform's own rows about a person: the emails sent to them (links that grant access masked) and what they did (the audit log). */
async function platformRows(db: Db, person: Person): Promise<PersonalRows> {
  const [mail, audit] = await Promise.all([
    db
      .selectFrom('mail_outbox')
      .select(['id', 'created_at', 'to_address', 'subject', 'body_text', 'status', 'sent_at'])
      .where((eb) => eb(eb.fn('lower', ['to_address']), '=', person.email.toLowerCase()))
      .orderBy('id')
      .execute(),
    db.selectFrom('audit_log').select(['id', 'at', 'action', 'subject_type', 'subject_id']).where('account_id', '=', person.accountId).orderBy('id').execute(),
  ]);
  // An entry about another account (a role given to someone) says what was done, not to whom.
  const ownSubject = (a: (typeof audit)[number]) =>
    a.subject_type === 'account' && a.subject_id !== String(person.accountId) ? { ...a, subject_id: null } : a;
  return { mail_outbox: mail.map((m) => ({ ...m, body_text: maskAccessLinks(m.body_text) })), audit_log: audit.map(ownSubject) };
}

export function personalRights(modules: readonly InvolveModule[]): PersonalRights {
  return {
    async personalData(db, person) {
      const data: PersonalData = {};
      const platform = await platformRows(db, person);
      if (Object.values(platform).some((rows) => rows.length)) data.platform = platform;
      for (const module of modules) {
        if (!module.personalData) continue;
        const rows = await module.personalData(db, person);
        const held = Object.fromEntries(Object.entries(rows).filter(([, list]) => list.length));
        if (Object.keys(held).length) data[module.name] = held;
      }
      return data;
    },
    async closeAccount(db, person, options) {
      for (const module of [...modules].reverse()) await module.closeAccount?.(db, person, options);
    },
  };
}

/**
 * Every row of a table that hangs off the person's own rows by a key column (a story's versions by
 * story_id, a referral's follow-ups by referral_id), as it is; none asked for when there are no ids.
 */
export async function rowsHangingOff(db: Db, table: string, column: string, ids: readonly number[]): Promise<object[]> {
  if (!ids.length) return [];
  const { rows } = await sql<object>`select * from ${sql.table(table)} where ${sql.ref(column)} in (${sql.join(ids)})`.execute(db);
  return rows;
}

/** Rows with every other account's id taken out (who moderated, who recorded it): those are other people's data, not this person's. */
export function withoutOtherAccounts<T extends object>(person: Person, rows: readonly T[]): Partial<T>[] {
  return rows.map(
    (row) =>
      Object.fromEntries(
        Object.entries(row).filter(([field, value]) => !(field.endsWith('account_id') && value !== null && value !== person.accountId)),
      ) as Partial<T>,
  );
}
