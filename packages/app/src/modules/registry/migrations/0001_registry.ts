// Places, organisations and their relations, bodies and their members.
import type { Kysely } from 'kysely';
import { executeScript } from '../../../platform/sqlScript.js';

export async function up(db: Kysely<unknown>): Promise<void> {
  await executeScript(
    db,
    `
    create table place (
      id integer generated always as identity primary key,
      name text not null,
      kind text not null check (kind in ('integrated_care_system', 'local_authority_area', 'neighbourhood')),
      parent_id integer references place (id),
      code text unique,
      created_at timestamptz not null default now()
    );

    create table place_population (
      place_id integer not null references place (id) on delete cascade,
      dimension text not null check (dimension in ('age_band', 'sex', 'ethnicity')),
      category text not null,
      people integer not null check (people >= 0),
      primary key (place_id, dimension, category)
    );

    create table organisation (
      id integer generated always as identity primary key,
      name text not null,
      type text not null check (type in ('commissioner', 'nhs_trust', 'gp_practice', 'pharmacy', 'local_authority',
        'healthwatch', 'voluntary_group', 'social_care_provider', 'independent_provider', 'school_or_university')),
      ods_code text unique,
      address text,
      postcode text,
      website text,
      takes_nhs_money boolean not null default false,
      description text,
      is_demo boolean not null default false,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      search_vector tsvector generated always as (
        setweight(to_tsvector('english', coalesce(name, '')), 'A') ||
        setweight(to_tsvector('simple', coalesce(ods_code, '')), 'A') ||
        setweight(to_tsvector('english', coalesce(address, '') || ' ' || coalesce(description, '')), 'C')
      ) stored
    );
    create index organisation_search on organisation using gin (search_vector);
    create index organisation_type on organisation (type);
    create index organisation_postcode on organisation (postcode text_pattern_ops);
    create index organisation_name on organisation (lower(name) text_pattern_ops);

    create table organisation_place (
      organisation_id integer not null references organisation (id) on delete cascade,
      place_id integer not null references place (id) on delete cascade,
      primary key (organisation_id, place_id)
    );
    create index organisation_place_place on organisation_place (place_id);

    create table organisation_relation (
      id integer generated always as identity primary key,
      from_organisation_id integer not null references organisation (id) on delete cascade,
      kind text not null check (kind in ('commissions', 'provides_for', 'member_of', 'hosts')),
      to_organisation_id integer not null references organisation (id) on delete cascade,
      unique (from_organisation_id, kind, to_organisation_id),
      check (from_organisation_id <> to_organisation_id)
    );

    create table body (
      id integer generated always as identity primary key,
      organisation_id integer not null references organisation (id) on delete cascade,
      name text not null,
      kind text not null check (kind in ('board', 'committee', 'patient_participation_group',
        'patient_reference_group', 'health_and_wellbeing_board', 'assembly')),
      remit text,
      reports_to_body_id integer references body (id) on delete set null,
      created_at timestamptz not null default now()
    );
    create index body_organisation on body (organisation_id);

    create table body_member (
      id integer generated always as identity primary key,
      body_id integer not null references body (id) on delete cascade,
      person_name text not null,
      account_id integer references account (id) on delete set null,
      role text not null check (role in ('chair', 'member', 'lay_member', 'patient_representative',
        'non_executive_ppi_lead', 'healthwatch_representative')),
      term_start date not null,
      term_end date,
      check (term_end is null or term_end >= term_start)
    );
    create index body_member_body on body_member (body_id);
  `,
  );
}
