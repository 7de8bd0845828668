// The community directory in the Open Referral UK profile's tables: services of registry
// organisations, locations with addresses, accessibility and coordinates, schedules, contacts and
// phones, languages, costs, funding, service areas, taxonomies, terms and the attributes linking
// them; postcode coordinates for distance search. Ids are the profile's UUIDs.
import type { Kysely } from 'kysely';
import { executeScript } from '../../../platform/sqlScript.js';

export async function up(db: Kysely<unknown>): Promise<void> {
  await executeScript(
    db,
    `
    create table directory_organisation (
      organisation_id integer primary key references organisation (id) on delete cascade,
      oruk_id uuid not null unique default gen_random_uuid(),
      email text check (length(email) <= 320),
      logo text check (length(logo) <= 2000),
      uri text check (length(uri) <= 2000),
      parent_organization_id uuid,
      created_at timestamptz not null default now()
    );

    create table directory_organisation_identifier (
      id uuid primary key default gen_random_uuid(),
      organisation_id integer not null references organisation (id) on delete cascade,
      identifier_scheme text check (length(identifier_scheme) <= 200),
      identifier_type text not null check (length(identifier_type) <= 200),
      identifier text not null check (length(identifier) <= 200)
    );
    create index directory_organisation_identifier_organisation on directory_organisation_identifier (organisation_id);

    create table directory_service (
      id uuid primary key default gen_random_uuid(),
      organisation_id integer not null references organisation (id) on delete cascade,
      name text not null check (length(name) between 1 and 300),
      description text check (length(description) <= 10000),
      url text check (length(url) <= 2000),
      email text check (length(email) <= 320),
      status text not null default 'active' check (status in ('active', 'inactive', 'defunct', 'temporarily closed')),
      fees text check (length(fees) <= 2000),
      accreditations text check (length(accreditations) <= 2000),
      eligibility_description text check (length(eligibility_description) <= 2000),
      minimum_age double precision check (minimum_age >= 0),
      maximum_age double precision check (maximum_age >= 0),
      assured_date date,
      assurer_email text check (length(assurer_email) <= 320),
      alert text check (length(alert) <= 2000),
      last_modified timestamptz not null default now(),
      last_checked date not null default current_date,
      check_reminded_at timestamptz,
      created_at timestamptz not null default now(),
      search_vector tsvector generated always as (
        setweight(to_tsvector('english', coalesce(name, '')), 'A') ||
        setweight(to_tsvector('english', coalesce(description, '')), 'B')
      ) stored
    );
    create index directory_service_search on directory_service using gin (search_vector);
    create index directory_service_organisation on directory_service (organisation_id);
    create index directory_service_last_checked on directory_service (last_checked);
    create index directory_service_name on directory_service (lower(name), id);

    create table directory_location (
      id uuid primary key default gen_random_uuid(),
      location_type text not null check (location_type in ('physical', 'postal', 'virtual')),
      name text check (length(name) <= 300),
      description text check (length(description) <= 5000),
      latitude double precision,
      longitude double precision,
      external_identifier text check (length(external_identifier) <= 200),
      external_identifier_type text check (length(external_identifier_type) <= 200)
    );
    create index directory_location_coordinates on directory_location (latitude, longitude);

    create table directory_address (
      id uuid primary key default gen_random_uuid(),
      location_id uuid not null references directory_location (id) on delete cascade,
      attention text check (length(attention) <= 300),
      address_1 text not null check (length(address_1) <= 300),
      address_2 text check (length(address_2) <= 300),
      city text not null check (length(city) <= 200),
      region text check (length(region) <= 200),
      state_province text not null check (length(state_province) <= 200),
      postal_code text not null check (length(postal_code) <= 20),
      country text not null check (length(country) <= 100),
      address_type text not null check (address_type in ('physical', 'postal', 'virtual'))
    );
    create index directory_address_location on directory_address (location_id);

    create table directory_accessibility (
      id uuid primary key default gen_random_uuid(),
      location_id uuid not null references directory_location (id) on delete cascade,
      description text check (length(description) <= 5000),
      details text check (length(details) <= 5000),
      url text check (length(url) <= 2000),
      accessibility text check (length(accessibility) <= 5000)
    );
    create index directory_accessibility_location on directory_accessibility (location_id);

    create table directory_service_at_location (
      id uuid primary key default gen_random_uuid(),
      service_id uuid not null references directory_service (id) on delete cascade,
      location_id uuid not null references directory_location (id) on delete cascade
    );
    create index directory_service_at_location_service on directory_service_at_location (service_id);
    create index directory_service_at_location_location on directory_service_at_location (location_id, service_id);

    create table directory_schedule (
      id uuid primary key default gen_random_uuid(),
      service_id uuid references directory_service (id) on delete cascade,
      location_id uuid references directory_location (id) on delete cascade,
      service_at_location_id uuid references directory_service_at_location (id) on delete cascade,
      valid_from date,
      valid_to date,
      dtstart date,
      timezone double precision,
      until date,
      count integer,
      wkst text check (length(wkst) <= 2),
      freq text check (freq in ('WEEKLY', 'MONTHLY')),
      interval integer check (interval > 0),
      byday text check (length(byday) <= 100),
      byweekno text check (length(byweekno) <= 200),
      bymonthday text check (length(bymonthday) <= 200),
      byyearday text check (length(byyearday) <= 500),
      description text check (length(description) <= 2000),
      opens_at text check (opens_at ~ '^[0-2][0-9]:[0-5][0-9](:[0-5][0-9])?$'),
      closes_at text check (closes_at ~ '^[0-2][0-9]:[0-5][0-9](:[0-5][0-9])?$'),
      schedule_link text check (length(schedule_link) <= 2000),
      attending_type text check (length(attending_type) <= 500),
      notes text check (length(notes) <= 2000)
    );
    create index directory_schedule_service on directory_schedule (service_id);
    create index directory_schedule_service_at_location on directory_schedule (service_at_location_id);

    create table directory_contact (
      id uuid primary key default gen_random_uuid(),
      service_id uuid not null references directory_service (id) on delete cascade,
      name text check (length(name) <= 300),
      title text check (length(title) <= 300),
      email text check (length(email) <= 320)
    );
    create index directory_contact_service on directory_contact (service_id);

    create table directory_phone (
      id uuid primary key default gen_random_uuid(),
      contact_id uuid references directory_contact (id) on delete cascade,
      service_id uuid references directory_service (id) on delete cascade,
      number text not null check (length(number) between 1 and 50),
      description text check (length(description) <= 2000)
    );
    create index directory_phone_contact on directory_phone (contact_id);
    create index directory_phone_service on directory_phone (service_id);

    create table directory_language (
      id uuid primary key default gen_random_uuid(),
      service_id uuid not null references directory_service (id) on delete cascade,
      phone_id uuid references directory_phone (id) on delete set null,
      name text check (length(name) <= 100),
      code text check (length(code) <= 20)
    );
    create index directory_language_service on directory_language (service_id);

    create table directory_cost_option (
      id uuid primary key default gen_random_uuid(),
      service_id uuid not null references directory_service (id) on delete cascade,
      valid_from date,
      valid_to date,
      option text check (length(option) <= 500),
      amount double precision check (amount >= 0),
      amount_description text check (length(amount_description) <= 500)
    );
    create index directory_cost_option_service on directory_cost_option (service_id);

    create table directory_funding (
      id uuid primary key default gen_random_uuid(),
      service_id uuid not null references directory_service (id) on delete cascade,
      source text check (length(source) <= 2000)
    );
    create index directory_funding_service on directory_funding (service_id);

    create table directory_service_area (
      id uuid primary key default gen_random_uuid(),
      service_id uuid not null references directory_service (id) on delete cascade,
      name text check (length(name) <= 2000),
      extent text check (length(extent) <= 100000),
      extent_type text check (length(extent_type) <= 100),
      uri text check (length(uri) <= 2000),
      service_area text check (length(service_area) <= 2000)
    );
    create index directory_service_area_service on directory_service_area (service_id);

    create table directory_taxonomy (
      id uuid primary key default gen_random_uuid(),
      name text not null check (length(name) between 1 and 300),
      description text not null check (length(description) <= 2000),
      uri text check (length(uri) <= 2000),
      version text check (length(version) <= 100)
    );

    create table directory_taxonomy_term (
      id uuid primary key default gen_random_uuid(),
      name text not null check (length(name) between 1 and 300),
      description text not null check (length(description) <= 2000),
      parent_id uuid,
      taxonomy text check (length(taxonomy) <= 300),
      taxonomy_id uuid,
      term_uri text check (length(term_uri) <= 2000),
      term text check (length(term) <= 300)
    );
    create index directory_taxonomy_term_taxonomy on directory_taxonomy_term (taxonomy_id);

    create table directory_attribute (
      id uuid primary key default gen_random_uuid(),
      link_id uuid not null,
      link_entity text check (length(link_entity) <= 100),
      link_type text check (length(link_type) <= 100),
      taxonomy_term_id uuid not null references directory_taxonomy_term (id) on delete cascade
    );
    create index directory_attribute_link on directory_attribute (link_id);
    create index directory_attribute_term on directory_attribute (taxonomy_term_id, link_id);

    create table directory_postcode (
      postcode text primary key check (postcode ~ '^[A-Z0-9]{2,4} [0-9][A-Z]{2}$'),
      latitude double precision not null check (latitude between -90 and 90),
      longitude double precision not null check (longitude between -180 and 180)
    );
    `,
  );
}
