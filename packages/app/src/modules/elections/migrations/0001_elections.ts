// Elections by single transferable vote: elections for seats on a body, constituencies, the
// electorate with hashed voting codes, candidates, ballots kept apart from voters, paper ballots
// entered twice, recounts for a casual vacancy.
import type { Kysely } from 'kysely';
import { executeScript } from '../../../platform/sqlScript.js';

export async function up(db: Kysely<unknown>): Promise<void> {
  await executeScript(
    db,
    `
    create table election (
      id integer generated always as identity primary key,
      organisation_id integer not null references organisation (id),
      body_id integer not null references body (id) on delete cascade,
      title text not null check (length(title) between 1 and 200),
      description text not null default '' check (length(description) <= 5000),
      role text not null check (length(role) between 1 and 100),
      method text not null default 'scottish' check (method in ('scottish', 'meek')),
      phase text not null default 'draft' check (phase in ('draft', 'nominations', 'checking', 'statements', 'voting', 'counted')),
      nominations_open_on date,
      nominations_close_on date,
      voting_open_on date,
      voting_close_on date,
      term_start_on date,
      term_end_on date,
      word_limit integer not null default 250 check (word_limit between 10 and 2000),
      declarations text not null default '' check (length(declarations) <= 3000),
      ballot_order text not null default 'alphabetical' check (ballot_order in ('alphabetical', 'random')),
      seed bigint not null check (seed between 0 and 4294967295),
      receipts boolean not null default true,
      counted_at timestamptz,
      created_by_account_id integer not null references account (id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create index election_organisation on election (organisation_id, created_at desc);
    create index election_body on election (body_id);

    create table election_constituency (
      id integer generated always as identity primary key,
      election_id integer not null references election (id) on delete cascade,
      name text not null check (length(name) between 1 and 100),
      seats integer not null check (seats between 1 and 50),
      result jsonb,
      blt_file text,
      count_sheet_csv text,
      unique (election_id, name)
    );

    create table election_voter (
      id integer generated always as identity primary key,
      election_id integer not null references election (id) on delete cascade,
      constituency_id integer not null references election_constituency (id) on delete cascade,
      member_number text not null check (length(member_number) between 1 and 40),
      name text not null check (length(name) between 1 and 200),
      email text check (length(email) <= 320),
      postal_address text check (length(postal_address) <= 500),
      code_hash text unique,
      code_issued_at timestamptz,
      code_used_on date,
      unique (election_id, member_number)
    );
    create index election_voter_email on election_voter (election_id, lower(email));

    create table election_candidate (
      id integer generated always as identity primary key,
      election_id integer not null references election (id) on delete cascade,
      constituency_id integer not null references election_constituency (id) on delete cascade,
      voter_id integer references election_voter (id) on delete set null,
      account_id integer references account (id) on delete set null,
      name text not null check (length(name) between 1 and 100),
      statement text not null default '' check (length(statement) <= 20000),
      declarations_made jsonb not null default '[]',
      photo bytea,
      photo_type text,
      status text not null default 'nominated' check (status in ('nominated', 'valid', 'invalid', 'withdrawn')),
      status_reason text not null default '' check (length(status_reason) <= 1000),
      ballot_position integer,
      member_id integer,
      created_at timestamptz not null default now(),
      unique (constituency_id, voter_id)
    );
    create index election_candidate_election on election_candidate (election_id, constituency_id, status);

    -- No voter, no code, no time, and a random id: nothing here says who cast a ballot.
    create table election_ballot (
      id uuid primary key default gen_random_uuid(),
      election_id integer not null references election (id) on delete cascade,
      constituency_id integer not null references election_constituency (id) on delete cascade,
      receipt text not null check (length(receipt) between 1 and 64),
      preferences jsonb not null,
      source text not null check (source in ('online', 'paper')),
      unique (election_id, receipt)
    );
    create index election_ballot_constituency on election_ballot (constituency_id);

    create table election_paper_entry (
      id integer generated always as identity primary key,
      election_id integer not null references election (id) on delete cascade,
      constituency_id integer not null references election_constituency (id) on delete cascade,
      paper_ref text not null check (length(paper_ref) between 1 and 40),
      entered_by_account_id integer not null references account (id),
      preferences jsonb not null,
      accepted boolean not null default false,
      entered_at timestamptz not null default now(),
      unique (election_id, paper_ref, entered_by_account_id)
    );

    create table election_recount (
      id integer generated always as identity primary key,
      constituency_id integer not null references election_constituency (id) on delete cascade,
      without_candidate_ids jsonb not null,
      result jsonb not null,
      reason text not null check (length(reason) between 1 and 1000),
      created_by_account_id integer not null references account (id),
      created_at timestamptz not null default now()
    );
    `,
  );
}
