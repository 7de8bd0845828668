// Consultations: what an organisation (or several together) asks the public, its documents and
// questions, the answers (online, on paper or by phone, entered by staff), the code frame and coding
// of free text, quotes chosen for the report, and the published outcome.
import type { Kysely } from 'kysely';
import { executeScript } from '../../../platform/sqlScript.js';

export async function up(db: Kysely<unknown>): Promise<void> {
  await executeScript(
    db,
    `
    create table consultation (
      id integer generated always as identity primary key,
      organisation_id integer not null references organisation (id),
      title text not null check (length(title) between 1 and 200),
      summary text not null check (length(summary) between 1 and 2000),
      proposal text not null default '' check (length(proposal) <= 20000),
      audience text not null default '' check (length(audience) <= 1000),
      opens_on date not null,
      closes_on date not null check (closes_on >= opens_on),
      phase text not null default 'draft' check (phase in ('draft', 'open', 'closed', 'analysing', 'outcome_published')),
      requires_account boolean not null default false,
      created_by_account_id integer not null references account (id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create index consultation_organisation on consultation (organisation_id, opens_on desc);
    create index consultation_phase on consultation (phase, closes_on);

    -- Other organisations running it together (a care board and a council).
    create table consultation_partner (
      consultation_id integer not null references consultation (id) on delete cascade,
      organisation_id integer not null references organisation (id),
      primary key (consultation_id, organisation_id)
    );

    -- The places it is for (its population profile is compared with who answered).
    create table consultation_place (
      consultation_id integer not null references consultation (id) on delete cascade,
      place_id integer not null references place (id),
      primary key (consultation_id, place_id)
    );

    create table consultation_document (
      id integer generated always as identity primary key,
      consultation_id integer not null references consultation (id) on delete cascade,
      title text not null check (length(title) between 1 and 200),
      version text not null default 'standard' check (version in ('standard', 'easy_read', 'large_print', 'other_language', 'audio', 'bsl')),
      file_name text not null,
      content_type text not null,
      content bytea not null,
      size_bytes integer not null,
      created_at timestamptz not null default now()
    );
    create index consultation_document_consultation on consultation_document (consultation_id);

    create table consultation_question (
      id integer generated always as identity primary key,
      consultation_id integer not null references consultation (id) on delete cascade,
      position integer not null,
      kind text not null check (kind in ('free_text', 'single_choice', 'multiple_choice', 'agree_scale', 'ranking', 'allocation', 'about_you')),
      text text not null check (length(text) <= 1000),
      hint text check (length(hint) <= 1000),
      required boolean not null default false,
      options jsonb not null default '[]',
      budget integer,
      about_you_key text,
      unique (consultation_id, position)
    );

    -- One person's answers. No link to an account unless they signed in (or asked to be told the
    -- outcome by email); staff entering a paper or phone answer are recorded as having done so.
    create table consultation_response (
      id integer generated always as identity primary key,
      consultation_id integer not null references consultation (id) on delete cascade,
      account_id integer references account (id) on delete set null,
      reference text not null unique,
      channel text not null default 'online' check (channel in ('online', 'paper', 'phone', 'event')),
      entered_by_account_id integer references account (id) on delete set null,
      status text not null default 'submitted' check (status in ('draft', 'submitted')),
      notify_email text check (length(notify_email) <= 254),
      told_outcome_at timestamptz,
      created_at timestamptz not null default now(),
      submitted_at timestamptz
    );
    create index consultation_response_consultation on consultation_response (consultation_id, status);
    create unique index consultation_response_draft on consultation_response (consultation_id, account_id) where status = 'draft';

    create table consultation_answer (
      response_id integer not null references consultation_response (id) on delete cascade,
      question_id integer not null references consultation_question (id) on delete cascade,
      value jsonb not null,
      primary key (response_id, question_id)
    );
    create index consultation_answer_question on consultation_answer (question_id);

    -- The code frame for free text, and who coded which answer with what (two coders: agreement).
    create table consultation_code (
      id integer generated always as identity primary key,
      consultation_id integer not null references consultation (id) on delete cascade,
      label text not null check (length(label) between 1 and 100),
      description text check (length(description) <= 500),
      unique (consultation_id, label)
    );
    create table consultation_coding (
      response_id integer not null references consultation_response (id) on delete cascade,
      question_id integer not null references consultation_question (id) on delete cascade,
      code_id integer not null references consultation_code (id) on delete cascade,
      coder_account_id integer not null references account (id),
      coded_at timestamptz not null default now(),
      primary key (response_id, question_id, code_id, coder_account_id)
    );

    -- Quotes chosen for the report, as published (de-identified by a person).
    create table consultation_quote (
      id integer generated always as identity primary key,
      consultation_id integer not null references consultation (id) on delete cascade,
      response_id integer references consultation_response (id) on delete set null,
      question_id integer references consultation_question (id) on delete set null,
      code_id integer references consultation_code (id) on delete set null,
      text text not null check (length(text) between 1 and 2000),
      chosen_by_account_id integer not null references account (id),
      created_at timestamptz not null default now()
    );

    -- "We asked, you said, we did".
    create table consultation_outcome (
      consultation_id integer primary key references consultation (id) on delete cascade,
      we_asked text not null check (length(we_asked) between 1 and 5000),
      you_said text not null check (length(you_said) between 1 and 10000),
      we_did text not null check (length(we_did) between 1 and 10000),
      decision_reasons text not null default '' check (length(decision_reasons) <= 10000),
      published_by_account_id integer not null references account (id),
      published_at timestamptz not null default now()
    );
    `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await executeScript(
    db,
    `drop table consultation_outcome, consultation_quote, consultation_coding, consultation_code, consultation_answer,
       consultation_response, consultation_question, consultation_document, consultation_place, consultation_partner, consultation;`,
  );
}
