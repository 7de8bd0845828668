// Citizens' assemblies: the assembly and its places, quotas, the address list and invitation draws,
// volunteers, selection rounds, members, sessions, documents, recommendations and members' support.
import type { Kysely } from 'kysely';
import { executeScript } from '../../../platform/sqlScript.js';

export async function up(db: Kysely<unknown>): Promise<void> {
  await executeScript(
    db,
    `
    create table assembly (
      id integer generated always as identity primary key,
      organisation_id integer not null references organisation (id),
      title text not null check (length(title) between 1 and 200),
      remit text not null check (length(remit) between 1 and 5000),
      kind text not null check (kind in ('jury', 'standing')),
      panel_size integer not null check (panel_size between 2 and 500),
      phase text not null default 'draft' check (phase in ('draft', 'recruiting', 'selecting', 'sitting', 'reported', 'closed')),
      involvement text not null default '' check (length(involvement) <= 5000),
      payment text not null default '' check (length(payment) <= 2000),
      open_registration boolean not null default false,
      registration_closes date,
      algorithm text not null default 'leximin' check (algorithm in ('leximin', 'maximin', 'legacy')),
      seed_source text not null default '' check (length(seed_source) <= 1000),
      term_months integer check (term_months between 1 and 120),
      answer_days integer not null default 90 check (answer_days between 1 and 730),
      created_by_account_id integer not null references account (id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create index assembly_organisation on assembly (organisation_id, created_at desc);
    create index assembly_phase on assembly (phase);

    create table assembly_place (
      assembly_id integer not null references assembly (id) on delete cascade,
      place_id integer not null references place (id) on delete cascade,
      primary key (assembly_id, place_id)
    );
    create index assembly_place_place on assembly_place (place_id);

    create table assembly_quota (
      id integer generated always as identity primary key,
      assembly_id integer not null references assembly (id) on delete cascade,
      feature text not null check (feature ~ '^[a-z][a-z0-9_]{0,39}$'),
      feature_label text not null check (length(feature_label) between 1 and 200),
      value text not null check (length(value) between 1 and 100),
      min integer not null check (min >= 0),
      max integer not null check (max >= min),
      population_share double precision check (population_share between 0 and 1),
      position integer not null,
      unique (assembly_id, feature, value)
    );

    create table assembly_invitation_draw (
      id integer generated always as identity primary key,
      assembly_id integer not null references assembly (id) on delete cascade,
      seed text not null check (length(seed) between 1 and 200),
      requested integer not null check (requested > 0),
      drawn_from integer not null check (drawn_from >= 0),
      drawn_by_account_id integer not null references account (id),
      drawn_at timestamptz not null default now()
    );
    create index assembly_invitation_draw_assembly on assembly_invitation_draw (assembly_id);

    create table assembly_address (
      id integer generated always as identity primary key,
      assembly_id integer not null references assembly (id) on delete cascade,
      address text not null check (length(address) between 1 and 1000),
      postcode text not null check (length(postcode) <= 10),
      line_number integer not null,
      draw_id integer references assembly_invitation_draw (id) on delete set null,
      code text unique check (length(code) <= 40),
      code_used_at timestamptz
    );
    create index assembly_address_assembly on assembly_address (assembly_id, id);
    create index assembly_address_draw on assembly_address (draw_id);

    create table assembly_volunteer (
      id integer generated always as identity primary key,
      assembly_id integer not null references assembly (id) on delete cascade,
      pool_id text not null check (pool_id ~ '^P-[0-9A-Z]{6,12}$'),
      route text not null check (route in ('code', 'open')),
      address_id integer references assembly_address (id) on delete set null,
      account_id integer references account (id),
      name text not null check (length(name) between 1 and 200),
      email text not null check (length(email) between 3 and 320),
      phone text not null default '' check (length(phone) <= 40),
      features jsonb not null,
      interpreter text not null default '' check (length(interpreter) <= 100),
      easy_read boolean not null default false,
      childcare boolean not null default false,
      travel boolean not null default false,
      carer boolean not null default false,
      other_needs text not null default '' check (length(other_needs) <= 2000),
      first_time boolean not null,
      name_public boolean not null default false,
      status text not null default 'registered' check (status in ('registered', 'withdrawn')),
      registered_at timestamptz not null default now(),
      withdrawn_at timestamptz,
      unique (assembly_id, pool_id),
      unique (assembly_id, account_id)
    );
    create unique index assembly_volunteer_address on assembly_volunteer (address_id) where address_id is not null;

    create table assembly_selection (
      id integer generated always as identity primary key,
      assembly_id integer not null references assembly (id) on delete cascade,
      round integer not null check (round > 0),
      purpose text not null check (purpose in ('initial', 'replacement', 'rotation')),
      algorithm text not null check (algorithm in ('leximin', 'maximin', 'legacy')),
      seed text not null check (length(seed) between 1 and 200),
      seats integer not null check (seats > 0),
      fixed_pool_ids jsonb not null default '[]',
      categories_csv text not null,
      respondents_csv text not null,
      status text not null default 'queued' check (status in ('queued', 'running', 'done', 'failed')),
      progress_done integer not null default 0,
      progress_total integer not null default 1000,
      progress_detail text not null default '' check (length(progress_detail) <= 500),
      error text check (length(error) <= 5000),
      result jsonb,
      claimed_by text,
      claimed_at timestamptz,
      requested_by_account_id integer not null references account (id),
      requested_at timestamptz not null default now(),
      finished_at timestamptz,
      unique (assembly_id, round)
    );
    create index assembly_selection_waiting on assembly_selection (requested_at) where status in ('queued', 'running');

    create table assembly_member (
      id integer generated always as identity primary key,
      assembly_id integer not null references assembly (id) on delete cascade,
      volunteer_id integer not null references assembly_volunteer (id) on delete cascade,
      selection_id integer not null references assembly_selection (id) on delete cascade,
      status text not null default 'selected' check (status in ('selected', 'confirmed', 'declined', 'withdrawn', 'stood_down')),
      term_ends date,
      status_changed_at timestamptz not null default now()
    );
    create index assembly_member_assembly on assembly_member (assembly_id, status);
    create unique index assembly_member_seated on assembly_member (volunteer_id) where status in ('selected', 'confirmed');

    create table assembly_session (
      id integer generated always as identity primary key,
      assembly_id integer not null references assembly (id) on delete cascade,
      title text not null check (length(title) between 1 and 200),
      starts_at timestamptz not null,
      venue text not null default '' check (length(venue) <= 500),
      summary text not null default '' check (length(summary) <= 5000)
    );
    create index assembly_session_assembly on assembly_session (assembly_id, starts_at);

    create table assembly_document (
      id integer generated always as identity primary key,
      assembly_id integer not null references assembly (id) on delete cascade,
      session_id integer references assembly_session (id) on delete set null,
      kind text not null check (kind in ('evidence', 'private')),
      title text not null check (length(title) between 1 and 200),
      speaker text not null default '' check (length(speaker) <= 200),
      body text not null default '' check (length(body) <= 20000),
      url text not null default '' check (length(url) <= 2000),
      created_at timestamptz not null default now()
    );
    create index assembly_document_assembly on assembly_document (assembly_id, kind);

    create table assembly_recommendation (
      id integer generated always as identity primary key,
      assembly_id integer not null references assembly (id) on delete cascade,
      number integer not null check (number > 0),
      title text not null check (length(title) between 1 and 200),
      text text not null check (length(text) between 1 and 10000),
      status text not null default 'draft' check (status in ('draft', 'voting', 'published')),
      published_at timestamptz,
      answer_due date,
      answer text check (answer in ('accept', 'accept_in_part', 'not_accept')),
      answer_reasons text not null default '' check (length(answer_reasons) <= 10000),
      answer_actions text not null default '' check (length(answer_actions) <= 10000),
      answered_at timestamptz,
      decision_id integer references decision (id) on delete set null,
      created_at timestamptz not null default now(),
      unique (assembly_id, number)
    );
    create index assembly_recommendation_due on assembly_recommendation (answer_due) where status = 'published' and answer is null;

    create table assembly_recommendation_vote (
      recommendation_id integer not null references assembly_recommendation (id) on delete cascade,
      member_id integer not null references assembly_member (id) on delete cascade,
      level text not null check (level in ('support', 'oppose', 'abstain')),
      primary key (recommendation_id, member_id)
    );
    `,
  );
}
