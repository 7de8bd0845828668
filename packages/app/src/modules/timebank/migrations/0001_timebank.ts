// The time bank: time banks, members, offers and requests, exchanges, and the double-entry ledger,
// which the database itself keeps whole whatever writes to it:
// - the entries of each ledger transaction sum to zero (a deferred constraint trigger, checked at commit);
// - an entry is never updated or deleted, nor a transaction (corrections are reversing transactions);
// - each member's balance row follows their entries (a trigger; nothing else may change it), and an
//   entry that would take a member below the time bank's overdraft fails. The balance row is updated
//   in the entry's statement, so two exchanges at once wait for each other's row lock, never both pass.
import { type Kysely, sql } from 'kysely';
import { executeScript } from '../../../platform/sqlScript.js';

// Function bodies hold semicolons at line ends, so each is one statement of its own.
const functions = [
  `
  create function timebank_entry_balanced() returns trigger language plpgsql as $$
  declare
    total bigint;
    entries integer;
  begin
    select coalesce(sum(minutes), 0), count(*) into total, entries from timebank_entry where transaction_id = new.transaction_id;
    if total <> 0 or entries < 2 then
      raise exception 'timebank ledger: transaction % does not balance (its entries sum to % minutes over % entries)', new.transaction_id, total, entries
        using errcode = '23514', constraint = 'timebank_transaction_balanced';
    end if;
    return null;
  end
  $$`,
  `
  create function timebank_transaction_has_entries() returns trigger language plpgsql as $$
  begin
    if (select count(*) from timebank_entry where transaction_id = new.id) < 2 then
      raise exception 'timebank ledger: transaction % does not balance (it has fewer than two entries)', new.id
        using errcode = '23514', constraint = 'timebank_transaction_balanced';
    end if;
    return null;
  end
  $$`,
  `
  create function timebank_ledger_immutable() returns trigger language plpgsql as $$
  begin
    raise exception 'timebank ledger: % of % is not allowed (correct by a reversing transaction)', lower(tg_op), tg_table_name
      using errcode = '55000';
  end
  $$`,
  `
  create function timebank_entry_post() returns trigger language plpgsql as $$
  declare
    balance integer;
    member_bank integer;
    overdraft integer;
  begin
    if (select timebank_id from timebank_transaction where id = new.transaction_id) is distinct from
       (select timebank_id from timebank_member where id = new.member_id) then
      raise exception 'timebank ledger: entry for member % is not in the transaction''s time bank', new.member_id using errcode = '23514';
    end if;
    update timebank_member set balance_minutes = balance_minutes + new.minutes where id = new.member_id
      returning balance_minutes, timebank_id into balance, member_bank;
    select overdraft_minutes into overdraft from timebank where id = member_bank;
    if new.minutes < 0 and balance < -overdraft then
      raise exception 'timebank ledger: member % would go % minutes below zero, past the overdraft of %', new.member_id, -balance, overdraft
        using errcode = '23514', constraint = 'timebank_member_overdraft';
    end if;
    return null;
  end
  $$`,
  `
  create function timebank_member_balance_guard() returns trigger language plpgsql as $$
  begin
    if tg_op = 'INSERT' then
      new.balance_minutes := 0;
    elsif new.balance_minutes is distinct from old.balance_minutes and pg_trigger_depth() < 2 then
      raise exception 'timebank ledger: a balance changes only through ledger entries' using errcode = '55000';
    end if;
    return new;
  end
  $$`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  await executeScript(
    db,
    `
    create table timebank (
      id integer generated always as identity primary key,
      organisation_id integer not null references organisation (id),
      name text not null check (length(name) between 1 and 200),
      description text not null default '' check (length(description) <= 5000),
      overdraft_minutes integer not null default 0 check (overdraft_minutes between 0 and 60000 and overdraft_minutes % 15 = 0),
      created_at timestamptz not null default now()
    );
    create index timebank_organisation on timebank (organisation_id);

    create table timebank_member (
      id integer generated always as identity primary key,
      timebank_id integer not null references timebank (id),
      kind text not null check (kind in ('person', 'group')),
      account_id integer references account (id),
      organisation_id integer references organisation (id),
      name text not null check (length(name) between 1 and 200),
      balance_minutes integer not null default 0,
      joined_at timestamptz not null default now(),
      check ((kind = 'person' and account_id is not null and organisation_id is null) or (kind = 'group' and organisation_id is not null and account_id is null))
    );
    create unique index timebank_member_person on timebank_member (timebank_id, account_id) where account_id is not null;
    create unique index timebank_member_group on timebank_member (timebank_id, organisation_id) where organisation_id is not null;
    create index timebank_member_account on timebank_member (account_id) where account_id is not null;

    create table timebank_listing (
      id integer generated always as identity primary key,
      timebank_id integer not null references timebank (id),
      member_id integer not null references timebank_member (id),
      kind text not null check (kind in ('offer', 'request')),
      title text not null check (length(title) between 1 and 200),
      description text not null default '' check (length(description) <= 2000),
      hidden_at timestamptz,
      hidden_by_account_id integer references account (id),
      created_at timestamptz not null default now()
    );
    create index timebank_listing_bank on timebank_listing (timebank_id, kind, created_at desc) where hidden_at is null;

    create table timebank_exchange (
      id integer generated always as identity primary key,
      timebank_id integer not null references timebank (id),
      giver_member_id integer not null references timebank_member (id),
      receiver_member_id integer not null references timebank_member (id),
      minutes integer not null check (minutes > 0 and minutes <= 6000 and minutes % 15 = 0),
      description text not null check (length(description) between 1 and 500),
      given_on date not null,
      status text not null default 'proposed' check (status in ('proposed', 'confirmed', 'declined', 'reversed')),
      proposed_by_member_id integer references timebank_member (id),
      recorded_by_account_id integer not null references account (id),
      confirmed_by_account_id integer references account (id),
      confirmed_at timestamptz,
      created_at timestamptz not null default now(),
      check (giver_member_id <> receiver_member_id)
    );
    create index timebank_exchange_bank on timebank_exchange (timebank_id, created_at desc);
    create index timebank_exchange_giver on timebank_exchange (giver_member_id, status);
    create index timebank_exchange_receiver on timebank_exchange (receiver_member_id, status);

    create table timebank_transaction (
      id integer generated always as identity primary key,
      timebank_id integer not null references timebank (id),
      exchange_id integer references timebank_exchange (id),
      reverses_transaction_id integer unique references timebank_transaction (id),
      reason text not null default '' check (length(reason) <= 1000),
      recorded_by_account_id integer references account (id),
      created_at timestamptz not null default now(),
      check (reverses_transaction_id is null or length(reason) > 0)
    );
    create unique index timebank_transaction_exchange on timebank_transaction (exchange_id) where reverses_transaction_id is null;

    create table timebank_entry (
      id bigint generated always as identity primary key,
      transaction_id integer not null references timebank_transaction (id),
      member_id integer not null references timebank_member (id),
      minutes integer not null check (minutes <> 0 and minutes % 15 = 0),
      created_at timestamptz not null default now()
    );
    create index timebank_entry_transaction on timebank_entry (transaction_id);
    create index timebank_entry_member on timebank_entry (member_id, id);
  `,
  );
  for (const f of functions) await sql.raw(f).execute(db);
  await executeScript(
    db,
    `
    create trigger timebank_entry_post after insert on timebank_entry for each row execute function timebank_entry_post();
    create constraint trigger timebank_entry_balanced after insert on timebank_entry deferrable initially deferred for each row execute function timebank_entry_balanced();
    create constraint trigger timebank_transaction_has_entries after insert on timebank_transaction deferrable initially deferred for each row execute function timebank_transaction_has_entries();
    create trigger timebank_entry_immutable before update or delete on timebank_entry for each row execute function timebank_ledger_immutable();
    create trigger timebank_entry_no_truncate before truncate on timebank_entry for each statement execute function timebank_ledger_immutable();
    create trigger timebank_transaction_immutable before update or delete on timebank_transaction for each row execute function timebank_ledger_immutable();
    create trigger timebank_transaction_no_truncate before truncate on timebank_transaction for each statement execute function timebank_ledger_immutable();
    create trigger timebank_member_balance_guard before insert or update on timebank_member for each row execute function timebank_member_balance_guard();
  `,
  );
}
