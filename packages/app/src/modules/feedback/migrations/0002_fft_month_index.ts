// Friends and Family Test answers counted per organisation, month and answer, so that an
// organisation's months are read from a few dozen rows however many answers it has (a million
// answers cannot be counted row by row within a page request, even by the database: about 0.2 s on
// PostgreSQL with every index, 0.5 s on the embedded database). The counts are kept by triggers on
// fft_answer, once per statement (an upload of many answers adds them in one step), in the same
// transaction as the answers, so they are never out of step with them: inserts, corrections
// (update), deletions and truncation. Each count is added with one atomic upsert, so answers sent at
// the same moment on several connections are all counted; an insert takes its keys in a fixed order.
// Also an index of the answers with comments, for the latest comments staff read on the same page
// (without it, an organisation with a million answers and few comments is read to the end).
import { type Kysely, sql } from 'kysely';
import { executeScript } from '../../../platform/sqlScript.js';

const countChange = `
    create function fft_month_count_change() returns trigger language plpgsql as $$
    begin
      if tg_op in ('UPDATE', 'DELETE') then
        update fft_month_count c set answers = c.answers - o.n
        from (
          select organisation_id, date_trunc('month', answered_on)::date as month, answer, count(*)::integer as n
          from old_rows group by 1, 2, 3 order by 1, 2, 3
        ) o
        where c.organisation_id = o.organisation_id and c.month = o.month and c.answer = o.answer;
      end if;
      if tg_op in ('INSERT', 'UPDATE') then
        insert into fft_month_count as c (organisation_id, month, answer, answers)
        select organisation_id, date_trunc('month', answered_on)::date, answer, count(*)::integer
        from new_rows group by 1, 2, 3 order by 1, 2, 3
        on conflict (organisation_id, month, answer) do update set answers = c.answers + excluded.answers;
      end if;
      return null;
    end
    $$
`;

const countTruncate = `
    create function fft_month_count_truncate() returns trigger language plpgsql as $$
    begin
      delete from fft_month_count;
      return null;
    end
    $$
`;

export async function up(db: Kysely<unknown>): Promise<void> {
  await executeScript(
    db,
    `
    create table fft_month_count (
      organisation_id integer not null references organisation (id) on delete cascade,
      month date not null check (extract(day from month) = 1),
      answer text not null check (answer in ('very_good', 'good', 'neither', 'poor', 'very_poor', 'dont_know')),
      answers integer not null check (answers >= 0),
      primary key (organisation_id, month, answer)
    );
    create index fft_answer_comments on fft_answer (organisation_id, answered_on desc, id desc) where free_text is not null;
  `,
  );
  // Function bodies hold semicolons at line ends, so each is one statement of its own.
  await sql.raw(countChange).execute(db);
  await sql.raw(countTruncate).execute(db);
  await executeScript(
    db,
    `
    create trigger fft_month_count_insert after insert on fft_answer
      referencing new table as new_rows for each statement execute function fft_month_count_change();
    create trigger fft_month_count_update after update on fft_answer
      referencing old table as old_rows new table as new_rows for each statement execute function fft_month_count_change();
    create trigger fft_month_count_delete after delete on fft_answer
      referencing old table as old_rows for each statement execute function fft_month_count_change();
    create trigger fft_month_count_truncate after truncate on fft_answer
      for each statement execute function fft_month_count_truncate();

    -- The answers already given: counted while no answer can be added, changed or removed.
    lock table fft_answer in share row exclusive mode;
    insert into fft_month_count (organisation_id, month, answer, answers)
    select organisation_id, date_trunc('month', answered_on)::date, answer, count(*)::integer
    from fft_answer group by 1, 2, 3;
  `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await executeScript(
    db,
    `
    drop trigger fft_month_count_insert on fft_answer;
    drop trigger fft_month_count_update on fft_answer;
    drop trigger fft_month_count_delete on fft_answer;
    drop trigger fft_month_count_truncate on fft_answer;
    drop function fft_month_count_change();
    drop function fft_month_count_truncate();
    drop table fft_month_count;
    drop index fft_answer_comments;
  `,
  );
}
