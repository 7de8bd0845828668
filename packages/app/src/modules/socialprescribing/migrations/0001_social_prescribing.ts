// Social prescribing: referrals to a link worker's caseload and the person's record that grows from
// them (see ../schema.ts). Accounts and organisations are referenced by id; a referral is a record
// to keep, so an organisation with referrals cannot be deleted (no cascade), and an account's
// removal leaves the record (the person's name and contact stay on it).
import type { Kysely } from 'kysely';
import { executeScript } from '../../../platform/sqlScript.js';

export async function up(db: Kysely<unknown>): Promise<void> {
  await executeScript(
    db,
    `
    create table referral (
      id integer generated always as identity primary key,
      organisation_id integer not null references organisation (id),
      source text not null check (source in ('gp_practice', 'health_service', 'community_group', 'link_worker', 'self')),
      referrer_organisation_id integer references organisation (id),
      referrer_account_id integer references account (id) on delete set null,
      person_account_id integer references account (id) on delete set null,
      person_name text not null check (length(person_name) between 1 and 200),
      person_email text check (length(person_email) <= 320),
      person_phone text check (length(person_phone) <= 40),
      reason text not null check (length(reason) between 1 and 5000),
      share_with_groups boolean not null default false,
      link_worker_account_id integer references account (id) on delete set null,
      state text not null default 'received' check (state in ('received', 'contacted', 'active', 'following_up', 'closed')),
      first_contact_at timestamptz,
      plan text not null default '' check (length(plan) <= 5000),
      plan_updated_at timestamptz,
      closed_at timestamptz,
      close_reason text check (close_reason in ('goals_met', 'connected_and_settled', 'declined', 'no_contact', 'moved_away', 'referred_elsewhere', 'other')),
      close_note text not null default '' check (length(close_note) <= 2000),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check ((state = 'closed') = (closed_at is not null and close_reason is not null)),
      check (state = 'received' or state = 'closed' or first_contact_at is not null)
    );
    create index referral_caseload on referral (organisation_id, state, link_worker_account_id);
    create index referral_person on referral (person_account_id) where person_account_id is not null;
    create index referral_unlinked_email on referral (lower(person_email)) where person_account_id is null and person_email is not null;
    create index referral_referrer on referral (referrer_account_id) where referrer_account_id is not null;

    create table referral_conversation (
      id integer generated always as identity primary key,
      referral_id integer not null references referral (id) on delete cascade,
      held_on date not null,
      mode text not null check (mode in ('in_person', 'phone', 'video', 'home_visit')),
      what_matters text not null check (length(what_matters) between 1 and 5000),
      notes text not null default '' check (length(notes) <= 5000),
      author_account_id integer not null references account (id),
      created_at timestamptz not null default now()
    );
    create index referral_conversation_referral on referral_conversation (referral_id, held_on);

    create table referral_connection (
      id integer generated always as identity primary key,
      referral_id integer not null references referral (id) on delete cascade,
      service_id uuid not null,
      service_name text not null,
      service_organisation_id integer not null references organisation (id),
      category text not null default '',
      status text not null default 'suggested' check (status in ('suggested', 'attending', 'stopped', 'not_started')),
      note text not null default '' check (length(note) <= 2000),
      connected_on date not null,
      author_account_id integer not null references account (id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (referral_id, service_id)
    );
    create index referral_connection_group on referral_connection (service_organisation_id, connected_on);

    create table referral_follow_up (
      id integer generated always as identity primary key,
      referral_id integer not null references referral (id) on delete cascade,
      due_on date not null,
      done_at timestamptz,
      notes text not null default '' check (length(notes) <= 5000),
      author_account_id integer references account (id),
      -- Set by the reminder job when it claims the follow-up, so each reminder is sent once.
      reminder_sent_at timestamptz,
      created_at timestamptz not null default now()
    );
    create index referral_follow_up_due on referral_follow_up (due_on) where done_at is null and reminder_sent_at is null;
    create index referral_follow_up_referral on referral_follow_up (referral_id, due_on);

    create table referral_wellbeing (
      id integer generated always as identity primary key,
      referral_id integer not null references referral (id) on delete cascade,
      taken_on date not null,
      moment text not null check (moment in ('start', 'follow_up', 'closing')),
      follow_up_id integer references referral_follow_up (id) on delete set null,
      life_satisfaction smallint not null check (life_satisfaction between 0 and 10),
      worthwhile smallint not null check (worthwhile between 0 and 10),
      happiness smallint not null check (happiness between 0 and 10),
      anxiety smallint not null check (anxiety between 0 and 10),
      author_account_id integer references account (id),
      created_at timestamptz not null default now()
    );
    create index referral_wellbeing_referral on referral_wellbeing (referral_id, taken_on);
  `,
  );
}
