// Public meetings of a body: the meeting, its agenda items (public or private part) and papers, the
// public's questions, registrations to attend, minutes and the decision recorded per item.
import type { Kysely } from 'kysely';
import { executeScript } from '../../../platform/sqlScript.js';

export async function up(db: Kysely<unknown>): Promise<void> {
  await executeScript(
    db,
    `
    create table meeting (
      id integer generated always as identity primary key,
      body_id integer not null references body (id),
      organisation_id integer not null references organisation (id),
      title text not null check (length(title) between 1 and 200),
      summary text not null default '' check (length(summary) <= 2000),
      starts_at timestamptz not null,
      ends_at timestamptz not null check (ends_at > starts_at),
      venue text check (length(venue) <= 500),
      online_url text check (length(online_url) <= 500),
      access_arrangements text not null default '' check (length(access_arrangements) <= 2000),
      status text not null default 'scheduled' check (status in ('scheduled', 'cancelled', 'held')),
      question_working_days integer not null check (question_working_days between 0 and 20),
      question_deadline timestamptz not null,
      capacity integer check (capacity > 0),
      places_taken integer not null default 0 check (places_taken >= 0),
      papers_published_at timestamptz,
      sequence integer not null default 0,
      created_by_account_id integer not null references account (id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check (venue is not null or online_url is not null),
      -- The claim on a place is one conditional update; this holds even if that were ever bypassed.
      check (capacity is null or places_taken <= capacity)
    );
    create index meeting_starts on meeting (starts_at);
    create index meeting_organisation on meeting (organisation_id, starts_at);
    create index meeting_body on meeting (body_id, starts_at);

    create table meeting_item (
      id integer generated always as identity primary key,
      meeting_id integer not null references meeting (id) on delete cascade,
      position integer not null,
      title text not null check (length(title) between 1 and 300),
      presenter text not null default '' check (length(presenter) <= 200),
      purpose text not null check (purpose in ('decision', 'discussion', 'information')),
      part text not null check (part in ('public', 'private')),
      minutes text not null default '' check (length(minutes) <= 20000),
      decision_id integer references decision (id) on delete set null,
      unique (meeting_id, position) deferrable initially deferred
    );

    create table meeting_paper (
      id integer generated always as identity primary key,
      meeting_id integer not null references meeting (id) on delete cascade,
      item_id integer not null references meeting_item (id) on delete cascade,
      title text not null check (length(title) between 1 and 200),
      file_name text not null,
      content_type text not null,
      content bytea not null,
      size_bytes integer not null,
      published_at timestamptz,
      created_at timestamptz not null default now()
    );
    create index meeting_paper_item on meeting_paper (item_id);

    create table meeting_question (
      id integer generated always as identity primary key,
      meeting_id integer not null references meeting (id) on delete cascade,
      name text not null check (length(name) between 1 and 200),
      email text not null check (length(email) <= 254),
      account_id integer references account (id) on delete set null,
      question text not null check (length(question) between 1 and 3000),
      status text not null default 'submitted' check (status in ('submitted', 'accepted', 'declined')),
      decline_reason text check (length(decline_reason) <= 1000),
      answer text check (length(answer) <= 10000),
      answered_at timestamptz,
      moderated_by_account_id integer references account (id) on delete set null,
      created_at timestamptz not null default now()
    );
    create index meeting_question_meeting on meeting_question (meeting_id, status);

    create table meeting_registration (
      id integer generated always as identity primary key,
      meeting_id integer not null references meeting (id) on delete cascade,
      name text not null check (length(name) between 1 and 200),
      email text not null check (length(email) <= 254),
      account_id integer references account (id) on delete set null,
      attendance text not null check (attendance in ('in_person', 'online')),
      access_needs text not null default '' check (length(access_needs) <= 2000),
      created_at timestamptz not null default now()
    );
    -- One registration per person per meeting.
    create unique index meeting_registration_email on meeting_registration (meeting_id, lower(email));
    `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await executeScript(db, 'drop table meeting_registration, meeting_question, meeting_paper, meeting_item, meeting;');
}
