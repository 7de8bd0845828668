// Feedback that gets answered: stories and every version of their text, moderation, themes,
// public responses with the changes they record, reports, alert subscriptions, the Friends and
// Family Test, and the platform moderator role. A story is a record that must be kept: an
// organisation with stories cannot be deleted (no cascade from organisation to story).
import type { Kysely } from 'kysely';
import { executeScript } from '../../../platform/sqlScript.js';

export async function up(db: Kysely<unknown>): Promise<void> {
  await executeScript(
    db,
    `
    -- Platform moderators moderate stories about every organisation.
    alter table role_grant drop constraint role_grant_role_check;
    alter table role_grant add constraint role_grant_role_check
      check (role in ('platform_admin', 'platform_moderator', 'admin', 'responder', 'moderator', 'complaints_manager', 'member'));
    alter table role_grant drop constraint role_grant_check;
    alter table role_grant add constraint role_grant_platform_role_has_no_organisation
      check ((role in ('platform_admin', 'platform_moderator')) = (organisation_id is null));

    create table feedback_theme (
      id integer generated always as identity primary key,
      name text not null,
      polarity text not null check (polarity in ('good', 'could_be_better')),
      description text,
      retired boolean not null default false,
      created_at timestamptz not null default now(),
      unique (name, polarity)
    );
    insert into feedback_theme (name, polarity) values
      ('Communication', 'good'), ('Communication', 'could_be_better'),
      ('Staff attitude', 'good'), ('Staff attitude', 'could_be_better'),
      ('Waiting times', 'good'), ('Waiting times', 'could_be_better'),
      ('Access and appointments', 'good'), ('Access and appointments', 'could_be_better'),
      ('Environment', 'good'), ('Environment', 'could_be_better'),
      ('Food', 'good'), ('Food', 'could_be_better'),
      ('Discharge', 'good'), ('Discharge', 'could_be_better'),
      ('Medication', 'good'), ('Medication', 'could_be_better'),
      ('Dignity and respect', 'good'), ('Dignity and respect', 'could_be_better'),
      ('Safety', 'good'), ('Safety', 'could_be_better'),
      ('Parking', 'good'), ('Parking', 'could_be_better');

    create table story (
      id integer generated always as identity primary key,
      reference text not null unique,
      organisation_id integer not null references organisation (id),
      service text check (length(service) <= 200),
      author_account_id integer not null references account (id),
      -- A staff member or volunteer who entered it for the author (phone call, paper form).
      entered_by_account_id integer references account (id),
      consent_recorded_at timestamptz,
      author_role text not null check (author_role in ('patient', 'carer', 'staff_for_patient')),
      display_name text not null check (length(display_name) between 1 and 80),
      happened_month date not null check (extract(day from happened_month) = 1),
      status text not null default 'awaiting_moderation'
        check (status in ('awaiting_moderation', 'published', 'rejected')),
      -- 0 (no criticism) to 5 (most severe), set by a moderator; never shown in public.
      criticality smallint check (criticality between 0 and 5),
      rejection_reason text,
      -- The published (redacted) text; null until published. The author's words are in story_version.
      title text,
      what_happened text,
      what_was_good text,
      what_could_be_better text,
      how_felt text,
      submitted_at timestamptz not null default now(),
      moderated_at timestamptz,
      moderated_by_account_id integer references account (id),
      published_at timestamptz,
      -- Back in the queue after a reader's report, until a moderator looks again.
      reported_at timestamptz,
      search_vector tsvector generated always as (
        setweight(to_tsvector('english', coalesce(title, '')), 'A') ||
        setweight(to_tsvector('english', coalesce(service, '')), 'B') ||
        setweight(to_tsvector('english',
          coalesce(what_happened, '') || ' ' || coalesce(what_was_good, '') || ' ' ||
          coalesce(what_could_be_better, '') || ' ' || coalesce(how_felt, '')), 'C')
      ) stored,
      check ((entered_by_account_id is null) = (consent_recorded_at is null)),
      check ((status = 'published') = (published_at is not null)),
      check ((status = 'published') = (title is not null and what_happened is not null)),
      check ((status = 'rejected') = (rejection_reason is not null))
    );
    create index story_organisation_published on story (organisation_id, published_at desc) where status = 'published';
    create index story_published on story (published_at desc, id desc) where status = 'published';
    create index story_queue on story (submitted_at, id) where status = 'awaiting_moderation' or reported_at is not null;
    create index story_author on story (author_account_id);
    create index story_search on story using gin (search_vector);

    -- Every version of a story's text: the author's original first, then each moderator's redaction.
    create table story_version (
      id integer generated always as identity primary key,
      story_id integer not null references story (id) on delete cascade,
      kind text not null check (kind in ('original', 'redacted')),
      title text not null,
      what_happened text not null,
      what_was_good text,
      what_could_be_better text,
      how_felt text,
      account_id integer references account (id),
      created_at timestamptz not null default now()
    );
    create index story_version_story on story_version (story_id, id);

    create table story_theme (
      story_id integer not null references story (id) on delete cascade,
      theme_id integer not null references feedback_theme (id),
      primary key (story_id, theme_id)
    );
    create index story_theme_theme on story_theme (theme_id, story_id);

    -- The public thread under a story: the organisation's responders and the author.
    create table story_response (
      id integer generated always as identity primary key,
      story_id integer not null references story (id) on delete cascade,
      account_id integer not null references account (id),
      from_kind text not null check (from_kind in ('organisation', 'author')),
      -- For organisation responses: the organisation answering, and the name and role signed.
      organisation_id integer references organisation (id),
      signed_name text not null,
      signed_role text,
      body text not null check (length(body) between 1 and 20000),
      change_status text check (change_status in ('planned', 'made')),
      change_description text,
      change_updated_at timestamptz,
      -- Hidden by a moderator after a report; kept, never deleted.
      hidden_at timestamptz,
      hidden_reason text,
      reported_at timestamptz,
      created_at timestamptz not null default now(),
      check ((from_kind = 'organisation') = (organisation_id is not null)),
      check ((change_status is null) = (change_description is null)),
      check (change_status is null or from_kind = 'organisation')
    );
    create index story_response_story on story_response (story_id, id);
    create index story_response_changes on story_response (organisation_id, change_status) where change_status is not null;

    -- A reader's report of a published story or response; it sends the story back to the queue.
    create table story_report (
      id integer generated always as identity primary key,
      story_id integer not null references story (id) on delete cascade,
      response_id integer references story_response (id) on delete cascade,
      reporter_account_id integer references account (id),
      reporter_address text,
      reason text not null check (length(reason) between 1 and 2000),
      created_at timestamptz not null default now(),
      resolved_at timestamptz,
      resolved_by_account_id integer references account (id),
      resolution text
    );
    create index story_report_open on story_report (story_id) where resolved_at is null;
    create index story_report_limit on story_report (reporter_address, created_at);

    -- Moderation log: who did what to a story, for staff (never public).
    create table story_event (
      id integer generated always as identity primary key,
      story_id integer not null references story (id) on delete cascade,
      kind text not null,
      account_id integer references account (id),
      note text,
      at timestamptz not null default now()
    );
    create index story_event_story on story_event (story_id, id);

    -- Responders' alerts: an organisation, optionally narrowed to services and themes, from a
    -- minimum criticality; sent at once or as a daily digest.
    create table story_alert_subscription (
      id integer generated always as identity primary key,
      account_id integer not null references account (id) on delete cascade,
      organisation_id integer not null references organisation (id) on delete cascade,
      services text[] not null default '{}',
      theme_ids integer[] not null default '{}',
      min_criticality smallint not null default 0 check (min_criticality between 0 and 5),
      frequency text not null default 'immediate' check (frequency in ('immediate', 'daily')),
      last_digest_at timestamptz,
      created_at timestamptz not null default now(),
      unique (account_id, organisation_id)
    );
    -- One alert per story per subscriber, whether sent at once or in a digest.
    create table story_alert_sent (
      subscription_id integer not null references story_alert_subscription (id) on delete cascade,
      story_id integer not null references story (id) on delete cascade,
      sent_at timestamptz not null default now(),
      primary key (subscription_id, story_id)
    );

    -- Friends and Family Test answers, from the public form or a CSV upload.
    create table fft_answer (
      id integer generated always as identity primary key,
      organisation_id integer not null references organisation (id),
      service text check (length(service) <= 200),
      answer text not null check (answer in ('very_good', 'good', 'neither', 'poor', 'very_poor', 'dont_know')),
      free_text text check (length(free_text) <= 5000),
      answered_on date not null,
      source text not null check (source in ('form', 'upload')),
      upload_id integer,
      created_at timestamptz not null default now()
    );
    create index fft_answer_organisation on fft_answer (organisation_id, answered_on);
    create table fft_upload (
      id integer generated always as identity primary key,
      organisation_id integer not null references organisation (id),
      account_id integer not null references account (id),
      file_name text not null,
      rows integer not null,
      created_at timestamptz not null default now()
    );
  `,
  );
}
