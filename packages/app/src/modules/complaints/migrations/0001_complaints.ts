// Formal complaints: the complaint, its subjects, timeline, letters, views and reminders, and each
// organisation's letter templates and extra holidays. A complaint is a record that must be kept:
// an organisation with complaints cannot be deleted (no cascade from organisation to complaint).
import type { Kysely } from 'kysely';
import { executeScript } from '../../../platform/sqlScript.js';

export async function up(db: Kysely<unknown>): Promise<void> {
  await executeScript(
    db,
    `
    create table complaint (
      id integer generated always as identity primary key,
      reference text not null unique,
      organisation_id integer not null references organisation (id),
      complainant_account_id integer not null references account (id),
      complainant_name text not null,
      on_behalf boolean not null default false,
      person_name text,
      consent_basis text check (consent_basis in ('given', 'child', 'lacks_capacity', 'died')),
      consent_recorded_at timestamptz,
      what_happened text not null check (length(what_happened) between 1 and 10000),
      event_date date not null,
      where_happened text,
      people_involved text,
      outcome_wanted text,
      received_on date not null,
      late boolean not null default false,
      time_limit_waived boolean,
      time_limit_reason text,
      status text not null default 'received'
        check (status in ('received', 'acknowledged', 'under_investigation', 'response_sent', 'closed', 'referred_to_ombudsman')),
      acknowledged_on date,
      response_due date check (response_due >= received_on),
      response_sent_on date,
      outcome text check (outcome in ('upheld', 'partly_upheld', 'not_upheld')),
      closed_on date,
      ombudsman_referred_on date,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check (on_behalf = (person_name is not null)),
      check (on_behalf = (consent_basis is not null)),
      check (event_date <= received_on)
    );
    create index complaint_organisation on complaint (organisation_id, status);
    create index complaint_complainant on complaint (complainant_account_id);

    create table complaint_subject (
      complaint_id integer not null references complaint (id) on delete cascade,
      subject text not null,
      primary key (complaint_id, subject)
    );

    create table complaint_event (
      id integer generated always as identity primary key,
      complaint_id integer not null references complaint (id) on delete cascade,
      kind text not null,
      at timestamptz not null default now(),
      account_id integer references account (id),
      on_date date,
      note text
    );
    create index complaint_event_complaint on complaint_event (complaint_id, id);

    create table complaint_letter (
      id integer generated always as identity primary key,
      complaint_id integer not null references complaint (id) on delete cascade,
      kind text not null check (kind in ('acknowledgement', 'final_response', 'delay')),
      body text not null,
      sent_on date not null,
      account_id integer references account (id),
      created_at timestamptz not null default now()
    );
    create index complaint_letter_complaint on complaint_letter (complaint_id, id);

    create table complaint_letter_template (
      organisation_id integer not null references organisation (id) on delete cascade,
      kind text not null check (kind in ('acknowledgement', 'final_response', 'delay')),
      body text not null,
      account_id integer references account (id),
      updated_at timestamptz not null default now(),
      primary key (organisation_id, kind)
    );

    create table complaint_extra_holiday (
      organisation_id integer not null references organisation (id) on delete cascade,
      holiday date not null,
      name text not null,
      account_id integer references account (id),
      created_at timestamptz not null default now(),
      primary key (organisation_id, holiday)
    );

    create table complaint_view (
      id integer generated always as identity primary key,
      complaint_id integer not null references complaint (id) on delete cascade,
      account_id integer not null references account (id),
      viewer_name text not null,
      viewer_role text not null check (viewer_role in ('complainant', 'complaints_manager')),
      what text not null check (what in ('complaint_page', 'letter', 'api')),
      letter_id integer references complaint_letter (id),
      at timestamptz not null default now()
    );
    create index complaint_view_complaint on complaint_view (complaint_id, id);

    create table complaint_reminder (
      complaint_id integer not null references complaint (id) on delete cascade,
      kind text not null,
      due_on date not null,
      sent_at timestamptz not null default now(),
      primary key (complaint_id, kind, due_on)
    );
  `,
  );
}
