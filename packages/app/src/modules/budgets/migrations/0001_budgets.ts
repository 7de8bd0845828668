// Participatory budgeting: processes, ideas and projects, supporters, comments, eligibility (a list,
// voting codes), the voter roll, ballots kept apart from voters, paper ballots entered twice.
import type { Kysely } from 'kysely';
import { executeScript } from '../../../platform/sqlScript.js';

export async function up(db: Kysely<unknown>): Promise<void> {
  await executeScript(
    db,
    `
    create table budget (
      id integer generated always as identity primary key,
      organisation_id integer not null references organisation (id),
      title text not null check (length(title) between 1 and 200),
      description text not null default '' check (length(description) <= 5000),
      amount integer not null check (amount > 0),
      phase text not null default 'draft' check (phase in ('draft', 'ideas', 'review', 'vote', 'counted', 'delivery')),
      ideas_from date,
      ideas_until date,
      vote_from date,
      vote_until date,
      eligibility text not null check (eligibility in ('postcode', 'list', 'codes')),
      min_age integer check (min_age between 0 and 120),
      postcode_districts text not null default '' check (length(postcode_districts) <= 2000),
      ballot_type text not null check (ballot_type in ('approval', 'cumulative', 'ordinal')),
      max_choices integer check (max_choices > 0),
      limit_to_budget boolean not null default false,
      points integer check (points > 0),
      rule text not null default 'mes-cost-add1' check (rule in ('mes-cost-add1', 'greedy-cost', 'phragmen')),
      receipts boolean not null default true,
      ballot_secret text,
      result jsonb,
      pb_file text,
      counted_at timestamptz,
      created_by_account_id integer not null references account (id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check (ballot_type <> 'cumulative' or points is not null)
    );
    create index budget_organisation on budget (organisation_id, created_at desc);
    create index budget_phase on budget (phase);

    create table budget_place (
      budget_id integer not null references budget (id) on delete cascade,
      place_id integer not null references place (id) on delete cascade,
      primary key (budget_id, place_id)
    );
    create index budget_place_place on budget_place (place_id);

    create table budget_project (
      id integer generated always as identity primary key,
      budget_id integer not null references budget (id) on delete cascade,
      title text not null check (length(title) between 1 and 200),
      description text not null default '' check (length(description) <= 5000),
      location text not null default '' check (length(location) <= 200),
      who_benefits text not null default '' check (length(who_benefits) <= 1000),
      rough_cost integer check (rough_cost >= 0),
      cost integer check (cost >= 0),
      status text not null default 'pending' check (status in ('pending', 'rejected', 'idea', 'not_feasible', 'merged', 'shortlisted')),
      review_reason text not null default '' check (length(review_reason) <= 2000),
      merged_into_id integer references budget_project (id) on delete set null,
      proposed_by_account_id integer references account (id) on delete set null,
      decision_id integer,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check (status <> 'shortlisted' or cost is not null)
    );
    create index budget_project_budget on budget_project (budget_id, status);

    create table budget_project_support (
      project_id integer not null references budget_project (id) on delete cascade,
      account_id integer not null references account (id) on delete cascade,
      supported_at timestamptz not null default now(),
      primary key (project_id, account_id)
    );

    create table budget_project_comment (
      id integer generated always as identity primary key,
      project_id integer not null references budget_project (id) on delete cascade,
      account_id integer references account (id) on delete set null,
      body text not null check (length(body) between 1 and 2000),
      status text not null default 'pending' check (status in ('pending', 'published', 'rejected')),
      moderated_by_account_id integer references account (id) on delete set null,
      created_at timestamptz not null default now()
    );
    create index budget_project_comment_project on budget_project_comment (project_id, status, created_at);

    create table budget_eligible_person (
      budget_id integer not null references budget (id) on delete cascade,
      email text not null check (length(email) between 3 and 320),
      primary key (budget_id, email)
    );

    create table budget_voting_code (
      id integer generated always as identity primary key,
      budget_id integer not null references budget (id) on delete cascade,
      code_hash text not null unique,
      batch text not null default '' check (length(batch) <= 200),
      used_at timestamptz,
      created_at timestamptz not null default now()
    );
    create index budget_voting_code_budget on budget_voting_code (budget_id);

    create table budget_voter (
      budget_id integer not null references budget (id) on delete cascade,
      voter_key text not null,
      -- The day only: a time would line up with the order ballots arrived.
      first_voted_on date not null default current_date,
      primary key (budget_id, voter_key)
    );

    -- No account, no code, no time, and a random id (a sequence would follow the roll's order):
    -- nothing here says who cast a ballot.
    create table budget_ballot (
      id uuid primary key default gen_random_uuid(),
      budget_id integer not null references budget (id) on delete cascade,
      voter_hash text,
      receipt text not null check (length(receipt) between 1 and 64),
      choices jsonb not null,
      source text not null check (source in ('online', 'kiosk', 'code', 'paper')),
      unique (budget_id, voter_hash),
      unique (budget_id, receipt)
    );

    create table budget_paper_entry (
      id integer generated always as identity primary key,
      budget_id integer not null references budget (id) on delete cascade,
      paper_ref text not null check (length(paper_ref) between 1 and 40),
      entered_by_account_id integer not null references account (id),
      choices jsonb not null,
      accepted boolean not null default false,
      entered_at timestamptz not null default now(),
      unique (budget_id, paper_ref, entered_by_account_id)
    );
    `,
  );
}
