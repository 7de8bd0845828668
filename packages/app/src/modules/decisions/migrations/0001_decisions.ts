// The accountability trail: decisions (what was decided, by whom, when, and what informed it) and
// the actions that follow them (owner, due date, status, dated progress notes), with followers who
// are told when a decision moves.
import type { Kysely } from 'kysely';
import { executeScript } from '../../../platform/sqlScript.js';

export async function up(db: Kysely<unknown>): Promise<void> {
  await executeScript(
    db,
    `
    create table decision (
      id integer generated always as identity primary key,
      organisation_id integer not null references organisation (id),
      title text not null check (length(title) between 1 and 200),
      decided text not null check (length(decided) between 1 and 5000),
      reasons text not null default '' check (length(reasons) <= 5000),
      body_id integer references body (id) on delete set null,
      officer text check (length(officer) <= 200),
      decided_on date not null,
      created_by_account_id integer not null references account (id),
      created_at timestamptz not null default now(),
      check (body_id is not null or officer is not null)
    );
    create index decision_organisation on decision (organisation_id, decided_on desc);

    -- What informed it: a consultation, a story theme, a change made after stories, a web page.
    create table decision_link (
      id integer generated always as identity primary key,
      decision_id integer not null references decision (id) on delete cascade,
      kind text not null check (kind in ('consultation', 'story_theme', 'change', 'budget', 'assembly', 'web')),
      ref_id integer,
      url text check (length(url) <= 500),
      label text not null check (length(label) between 1 and 200)
    );
    create index decision_link_decision on decision_link (decision_id);
    create index decision_link_ref on decision_link (kind, ref_id);

    create table decision_action (
      id integer generated always as identity primary key,
      decision_id integer not null references decision (id) on delete cascade,
      description text not null check (length(description) between 1 and 1000),
      owner text not null check (length(owner) between 1 and 200),
      due_on date not null,
      status text not null default 'planned' check (status in ('planned', 'in_progress', 'done', 'dropped')),
      dropped_reason text check (length(dropped_reason) <= 1000),
      updated_at timestamptz not null default now(),
      check (status <> 'dropped' or dropped_reason is not null)
    );
    create index decision_action_decision on decision_action (decision_id);
    create index decision_action_due on decision_action (status, due_on);

    create table decision_action_note (
      id integer generated always as identity primary key,
      action_id integer not null references decision_action (id) on delete cascade,
      note text not null check (length(note) between 1 and 2000),
      status text not null,
      account_id integer references account (id) on delete set null,
      noted_at timestamptz not null default now()
    );
    create index decision_action_note_action on decision_action_note (action_id, noted_at);

    create table decision_follower (
      decision_id integer not null references decision (id) on delete cascade,
      account_id integer not null references account (id) on delete cascade,
      followed_at timestamptz not null default now(),
      primary key (decision_id, account_id)
    );
    `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await executeScript(db, 'drop table decision_follower, decision_action_note, decision_action, decision_link, decision;');
}
