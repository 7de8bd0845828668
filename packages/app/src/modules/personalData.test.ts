// The right of access, module by module (issue 19): over the demo health system, every person's
// download holds every row of theirs in each module's tables, and nothing of anyone else's (no other
// account's id, email address or name). Which rows are a person's is read from the schema: every
// foreign key to an account is listed below as naming the row's person or as staff's work on it, so
// a new one fails here until it is placed.
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeWithTestDatabase } from '../../test/testDatabase.js';
import type { Db } from '../platform/database.js';
import { type PersonalData, personalRights } from '../platform/rights.js';
import { loadDemoHealthSystem, modules } from './index.js';

/** Foreign keys to account that name the person a row is about (or who made it, as theirs). */
const personColumns = new Set([
  'session.account_id',
  'email_token.account_id',
  'api_token.account_id',
  'role_grant.account_id',
  'assembly_volunteer.account_id',
  'budget_project.proposed_by_account_id',
  'budget_project_support.account_id',
  'budget_project_comment.account_id',
  'complaint.complainant_account_id',
  'consultation_response.account_id',
  'decision_follower.account_id',
  'election_candidate.account_id',
  'story.author_account_id',
  'story_report.reporter_account_id',
  'story_alert_subscription.account_id',
  'story_draft.account_id',
  'fft_upload.account_id',
  'follow.account_id',
  'follow_digest.account_id',
  'follow_delivery.account_id',
  'meeting_question.account_id',
  'meeting_registration.account_id',
  'body_member.account_id',
  'referral.person_account_id',
  'timebank_member.account_id',
]);

/** Foreign keys to account that name staff doing their work on someone's record: that person's download leaves them out. */
const staffColumns = new Set([
  'assembly.created_by_account_id',
  'assembly_invitation_draw.drawn_by_account_id',
  'assembly_selection.requested_by_account_id',
  'budget.created_by_account_id',
  'budget_project_comment.moderated_by_account_id',
  'budget_paper_entry.entered_by_account_id',
  'complaint.investigator_account_id',
  'complaint_event.account_id',
  'complaint_letter.account_id',
  'complaint_letter_template.account_id',
  'complaint_extra_holiday.account_id',
  'complaint_view.account_id',
  'complaint_note.account_id',
  'complaint_contact.account_id',
  'complaint_attachment.account_id',
  'consultation.created_by_account_id',
  'consultation_response.entered_by_account_id',
  'consultation_coding.coder_account_id',
  'consultation_quote.chosen_by_account_id',
  'consultation_outcome.published_by_account_id',
  'decision.created_by_account_id',
  'decision_action_note.account_id',
  'election.created_by_account_id',
  'election_paper_entry.entered_by_account_id',
  'election_recount.created_by_account_id',
  'story.entered_by_account_id',
  'story.moderated_by_account_id',
  'story_version.account_id',
  'story_response.account_id',
  'story_report.resolved_by_account_id',
  'story_event.account_id',
  'meeting.created_by_account_id',
  'meeting_question.moderated_by_account_id',
  'referral.referrer_account_id',
  'referral.link_worker_account_id',
  'referral_conversation.author_account_id',
  'referral_connection.author_account_id',
  'referral_follow_up.author_account_id',
  'referral_wellbeing.author_account_id',
  'timebank_listing.hidden_by_account_id',
  'timebank_exchange.recorded_by_account_id',
  'timebank_exchange.confirmed_by_account_id',
  'timebank_transaction.recorded_by_account_id',
]);

/** Fields that carry another person's name by design: an organisation's public, signed response. */
const publicSignatures = new Set(['signed_name', 'signed_role']);

/**
 * Two demo people answer a consultation, follow a decision, ask a meeting a question and register to
 * attend it: the demo has no one doing these (each module's own tests cover the doing).
 */
async function takePartWhereTheDemoDoesNot(db: Db): Promise<void> {
  const people = await db.selectFrom('account').select(['id', 'email', 'name']).orderBy('id', 'desc').limit(2).execute();
  for (const [n, p] of people.entries()) {
    await sql`insert into consultation_response (consultation_id, account_id, reference, status, submitted_at)
      select id, ${p.id}, ${`RIGHTS-${n}`}, 'submitted', now() from consultation order by id limit 1`.execute(db);
    await sql`insert into decision_follower (decision_id, account_id) select id, ${p.id} from decision order by id limit 1`.execute(db);
    await sql`insert into meeting_question (meeting_id, name, email, account_id, question)
      select id, ${p.name}, ${p.email}, ${p.id}, 'Will the minutes be published?' from meeting order by id limit 1`.execute(db);
    await sql`insert into meeting_registration (meeting_id, name, email, account_id, attendance)
      select id, ${p.name}, ${p.email}, ${p.id}, 'online' from meeting order by id limit 1`.execute(db);
  }
}

interface Account {
  id: number;
  email: string;
  name: string;
}

describeWithTestDatabase('what a person downloads, module by module', (database) => {
  const rights = personalRights(modules);
  const ownerTable = new Map(modules.flatMap((m) => m.tables.map((t) => [t, m.name] as const)));
  let foreignKeys: Array<{ table: string; column: string }> = [];
  let accounts: Account[] = [];
  const downloads = new Map<number, PersonalData>();

  beforeAll(async () => {
    await loadDemoHealthSystem(database.db);
    await takePartWhereTheDemoDoesNot(database.db);
    const keys = await sql<{ table: string; column: string }>`
      select kcu.table_name as "table", kcu.column_name as "column"
      from information_schema.table_constraints tc
      join information_schema.key_column_usage kcu on kcu.constraint_name = tc.constraint_name and kcu.table_schema = tc.table_schema
      join information_schema.constraint_column_usage ccu on ccu.constraint_name = tc.constraint_name and ccu.table_schema = tc.table_schema
      where tc.constraint_type = 'FOREIGN KEY' and ccu.table_name = 'account' and tc.table_schema = current_schema()
    `.execute(database.db);
    foreignKeys = keys.rows;
    accounts = await database.db.selectFrom('account').select(['id', 'email', 'name']).orderBy('id').execute();
    for (const a of accounts) downloads.set(a.id, await rights.personalData(database.db, { accountId: a.id, email: a.email }));
  }, 120_000);

  it('places every foreign key to an account as naming the row’s person or as staff’s work', () => {
    const unplaced = foreignKeys.map((k) => `${k.table}.${k.column}`).filter((c) => !personColumns.has(c) && !staffColumns.has(c));
    expect(unplaced).toEqual([]);
  });

  const withHooks = modules.filter((m) => m.personalData);
  it('has a personalData hook in every module whose tables name a person', () => {
    const needing = new Set(foreignKeys.filter((k) => personColumns.has(`${k.table}.${k.column}`)).map((k) => ownerTable.get(k.table)));
    expect([...needing].filter((m) => !withHooks.some((h) => h.name === m))).toEqual([]);
  });

  describe.each(withHooks.map((m) => [m.name]))('%s', (name) => {
    it("gives each person every row of theirs and nothing of anyone else's", async () => {
      let peopleWithRows = 0;
      for (const person of accounts) {
        const mine = downloads.get(person.id)?.[name] ?? {};
        if (Object.keys(mine).length) peopleWithRows++;
        // Every row naming them, in each of the module's tables.
        for (const key of foreignKeys.filter((k) => ownerTable.get(k.table) === name && personColumns.has(`${k.table}.${k.column}`))) {
          const rows = await sql<{ id?: number }>`select * from ${sql.table(key.table)} where ${sql.ref(key.column)} = ${person.id}`.execute(database.db);
          const got = (mine[key.table] ?? []) as Array<{ id?: number }>;
          expect(got.length, `${key.table} of account ${person.id}`).toBeGreaterThanOrEqual(rows.rows.length);
          const gotIds = new Set(got.map((r) => r.id));
          expect(
            rows.rows.filter((r) => r.id !== undefined && !gotIds.has(r.id)).map((r) => r.id),
            `${key.table} of account ${person.id}`,
          ).toEqual([]);
        }
        // Nothing of anyone else's: no other account's id, address or name.
        const others = accounts.filter((a) => a.id !== person.id);
        const text = JSON.stringify(mine).toLowerCase();
        expect(
          others.filter((o) => text.includes(`"${o.email.toLowerCase()}"`)).map((o) => o.email),
          `emails in ${name} of ${person.id}`,
        ).toEqual([]);
        const otherNames = new Set(others.map((o) => o.name).filter((n) => n !== person.name));
        for (const [table, rows] of Object.entries(mine)) {
          for (const row of rows as Array<Record<string, unknown>>) {
            for (const [field, value] of Object.entries(row)) {
              if (/account_id$/.test(field)) expect([null, person.id], `${table}.${field} of ${person.id}`).toContain(value);
              if (typeof value === 'string' && !publicSignatures.has(field)) expect(otherNames.has(value), `${table}.${field} = ${value}`).toBe(false);
            }
          }
        }
      }
      // The demo gives the module's rows to someone, so the checks above are not vacuous.
      expect(peopleWithRows, `demo people with ${name} rows`).toBeGreaterThan(0);
    });
  });
});
