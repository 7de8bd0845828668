// Following places, organisations and bodies: the follows, the events followers are told about, who
// each went to, and the weekly digests (unique per person and week, so two instances send one).
import type { Kysely } from 'kysely';
import { executeScript } from '../../../platform/sqlScript.js';

export async function up(db: Kysely<unknown>): Promise<void> {
  await executeScript(
    db,
    `
    create table follow (
      id integer generated always as identity primary key,
      account_id integer not null references account (id) on delete cascade,
      place_id integer references place (id) on delete cascade,
      organisation_id integer references organisation (id) on delete cascade,
      body_id integer references body (id) on delete cascade,
      consultations boolean not null default false,
      meetings boolean not null default false,
      decisions boolean not null default false,
      frequency text not null check (frequency in ('immediate', 'weekly')),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check (num_nonnulls(place_id, organisation_id, body_id) = 1),
      check (consultations or meetings or decisions),
      unique (account_id, place_id),
      unique (account_id, organisation_id),
      unique (account_id, body_id)
    );
    create index follow_place on follow (place_id) where place_id is not null;
    create index follow_organisation on follow (organisation_id) where organisation_id is not null;
    create index follow_body on follow (body_id) where body_id is not null;

    create table follow_event (
      id integer generated always as identity primary key,
      topic text not null check (topic in ('consultations', 'meetings', 'decisions')),
      subject text not null check (length(subject) between 1 and 300),
      summary text not null check (length(summary) <= 5000),
      link text not null check (length(link) between 1 and 500),
      about jsonb not null,
      created_at timestamptz not null default now()
    );

    create table follow_digest (
      id integer generated always as identity primary key,
      account_id integer not null references account (id) on delete cascade,
      week_of date not null,
      items integer not null,
      sent_at timestamptz not null default now(),
      unique (account_id, week_of)
    );

    create table follow_delivery (
      event_id integer not null references follow_event (id) on delete cascade,
      account_id integer not null references account (id) on delete cascade,
      frequency text not null check (frequency in ('immediate', 'weekly')),
      digest_id integer references follow_digest (id) on delete set null,
      primary key (event_id, account_id)
    );
    create index follow_delivery_waiting on follow_delivery (account_id) where frequency = 'weekly' and digest_id is null;
    `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await executeScript(db, 'drop table follow_delivery, follow_digest, follow_event, follow;');
}
