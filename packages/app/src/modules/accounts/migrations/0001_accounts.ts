// Accounts, sessions, one-time email links, sign-in attempts, API tokens and role grants.
import type { Kysely } from 'kysely';
import { executeScript } from '../../../platform/sqlScript.js';

export async function up(db: Kysely<unknown>): Promise<void> {
  await executeScript(
    db,
    `
    create table account (
      id integer generated always as identity primary key,
      email text not null,
      password_hash text not null,
      name text not null,
      display_name text not null,
      email_verified_at timestamptz,
      created_at timestamptz not null default now(),
      about_you jsonb not null default '{}',
      communication_needs jsonb not null default '{}'
    );
    create unique index account_email on account (lower(email));

    create table session (
      id_hash text primary key,
      account_id integer not null references account (id) on delete cascade,
      created_at timestamptz not null default now(),
      expires_at timestamptz not null
    );
    create index session_account on session (account_id);

    create table email_token (
      token_hash text primary key,
      account_id integer not null references account (id) on delete cascade,
      purpose text not null check (purpose in ('verify', 'reset')),
      created_at timestamptz not null default now(),
      expires_at timestamptz not null,
      used_at timestamptz
    );

    create table sign_in_attempt (
      id integer generated always as identity primary key,
      at timestamptz not null default now(),
      email text not null,
      address text not null,
      succeeded boolean not null
    );
    create index sign_in_attempt_email on sign_in_attempt (lower(email), at);
    create index sign_in_attempt_address on sign_in_attempt (address, at);

    create table api_token (
      id integer generated always as identity primary key,
      account_id integer not null references account (id) on delete cascade,
      label text not null,
      token_hash text not null unique,
      created_at timestamptz not null default now(),
      last_used_at timestamptz,
      revoked_at timestamptz
    );

    create table role_grant (
      id integer generated always as identity primary key,
      account_id integer not null references account (id) on delete cascade,
      role text not null check (role in ('platform_admin', 'admin', 'responder', 'moderator', 'complaints_manager', 'member')),
      organisation_id integer,
      created_at timestamptz not null default now(),
      check ((role = 'platform_admin') = (organisation_id is null))
    );
    create unique index role_grant_unique on role_grant (account_id, role, coalesce(organisation_id, 0));
  `,
  );
}
