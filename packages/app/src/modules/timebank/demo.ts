// The time bank part of the demo: the Northvale and Eastmoor Time Bank, coordinated by the ICB's
// admins (the demo's organisation admin sign-in), with 30 members — the demo's people with sign-ins,
// nine made-up neighbours, and sixteen community groups from the registry — their offers and
// requests, and 200 exchanges over the past year: most confirmed, some waiting for the other member
// (one for the demo member to confirm), a few declined and two reversed by the coordinator.
// The exchanges are made up from a fixed seed and written in bulk (the service would take seconds
// for 200); the database's own triggers still check every entry: each ledger transaction balances
// and no member goes below the overdraft, as they do for the service.
import { seededRandom } from '@involve/decide/seededRandom';
import type { DemoContext, DemoStep } from '../../platform/module.js';
import { accountNames, createVerifiedAccount } from '../accounts/service.js';
import { organisationNames } from '../registry/service.js';

const neighbours = ['Amira Hussain', 'Bill Thornton', 'Chloe Nowak', 'Dev Patel', 'Eileen Walsh', 'Femi Adeyemi', 'Grace Liu', 'Harry Booth', 'Irene Kowalski'];

const groupKeys = [
  'timebank',
  'diabetes',
  'breathe',
  'mind',
  'allotment',
  'falls',
  'carers',
  'mensshed',
  'dementia',
  'walking',
  'deaf',
  'refugee',
  'foodbank',
  'cvs',
  'healthwatch',
  'alliance',
];
const personKeys = ['member', 'orgAdmin', 'responder', 'moderator', 'complaints'];

const skills: Array<[string, string]> = [
  ['Gardening', 'Weeding, planting and mowing small gardens.'],
  ['Lifts to appointments', 'A car and a free morning: GP, hospital or dentist.'],
  ['Shopping', 'Picking up a weekly shop or prescriptions.'],
  ['Computer help', 'Setting up a phone, tablet or the NHS App.'],
  ['Dog walking', 'A walk for your dog while you recover.'],
  ['Friendly phone calls', 'A chat once a week.'],
  ['Cooking', 'Batch cooking healthy meals for the freezer.'],
  ['Form filling', 'Help with benefits and council forms.'],
  ['DIY', 'Shelves, curtain rails and small repairs.'],
  ['English conversation', 'Practising everyday English over a cup of tea.'],
  ['Sewing and mending', 'Hems, buttons and small alterations.'],
  ['Sign language taster', 'An hour of basic British Sign Language.'],
];

const descriptions = skills.map(([title]) => title.toLowerCase());

async function loadTimebank({ db, id }: DemoContext): Promise<void> {
  const organisationId = id('organisation:icb');
  const random = seededRandom(20_261_204);
  const { id: timebankId } = await db
    .insertInto('timebank')
    .values({
      organisation_id: organisationId,
      name: 'Demo: Northvale and Eastmoor Time Bank',
      description: 'Neighbours and community groups giving each other time: an hour of help given earns an hour of help from anyone else.',
      overdraft_minutes: 600,
    })
    .returning('id')
    .executeTakeFirstOrThrow();

  // People: the demo sign-ins (by name) and nine neighbours without a sign-in of their own.
  const signInIds = personKeys.map((key) => id(`account:${key}`));
  const neighbourIds = await Promise.all(
    neighbours.map((name, i) =>
      createVerifiedAccount(db, {
        email: `timebank${i + 1}@demo.involve.test`,
        name: `Demo: ${name}`,
        password: `timebank-demo-${i}-${Math.floor(random() * 1e9)}`,
      }),
    ),
  );
  const names = await accountNames(db, [...signInIds, ...neighbourIds]);
  const groups = await organisationNames(
    db,
    groupKeys.map((key) => id(`organisation:${key}`)),
  );
  const members = await db
    .insertInto('timebank_member')
    .values([
      ...[...signInIds, ...neighbourIds].map((accountId) => ({
        timebank_id: timebankId,
        kind: 'person' as const,
        account_id: accountId,
        organisation_id: null,
        name: names.get(accountId) ?? 'Demo neighbour',
      })),
      ...groups.map((g) => ({ timebank_id: timebankId, kind: 'group' as const, account_id: null, organisation_id: g.id, name: g.name })),
    ])
    .returning(['id', 'account_id'])
    .execute();
  const memberIds = members.map((m) => m.id);
  const demoMember = members.find((m) => m.account_id === id('account:member'))?.id as number;

  // Offers and requests: two dozen, from the first members round the list.
  await db
    .insertInto('timebank_listing')
    .values(
      Array.from({ length: 24 }, (_, i) => {
        const [title, description] = skills[i % skills.length] as [string, string];
        return {
          timebank_id: timebankId,
          member_id: memberIds[(i * 7) % memberIds.length] as number,
          kind: i % 3 === 2 ? ('request' as const) : ('offer' as const),
          title,
          description,
        };
      }),
    )
    .execute();

  // 200 exchanges over the past year, in order; a pair that would take the receiver past the
  // overdraft is skipped for another.
  const balance = new Map(memberIds.map((m) => [m, 0]));
  const overdraft = 600;
  const start = Date.now() - 365 * 86_400_000;
  const exchanges: Array<{ giver: number; receiver: number; minutes: number; description: string; day: Date; status: 'confirmed' | 'proposed' | 'declined' }> =
    [];
  while (exchanges.length < 200) {
    const n = exchanges.length;
    const giver = memberIds[Math.floor(random() * memberIds.length)] as number;
    const receiver = memberIds[Math.floor(random() * memberIds.length)] as number;
    if (giver === receiver) continue;
    const minutes = 15 * (2 + Math.floor(random() * 14));
    const status = n >= 190 ? 'proposed' : n % 47 === 46 ? 'declined' : 'confirmed';
    if (status === 'confirmed') {
      if ((balance.get(receiver) as number) - minutes < -overdraft) continue;
      balance.set(receiver, (balance.get(receiver) as number) - minutes);
      balance.set(giver, (balance.get(giver) as number) + minutes);
    }
    const day = new Date(start + Math.floor((n / 200) * 360 * 86_400_000));
    exchanges.push({ giver, receiver, minutes, description: descriptions[Math.floor(random() * descriptions.length)] as string, day, status });
  }
  // The last proposal is made to the demo member, for them to confirm.
  const last = exchanges[199] as (typeof exchanges)[number];
  last.receiver = demoMember;
  if (last.giver === demoMember) last.giver = memberIds.find((m) => m !== demoMember) as number;

  const coordinator = id('account:orgAdmin');
  const inserted = await db
    .insertInto('timebank_exchange')
    .values(
      exchanges.map((e) => ({
        timebank_id: timebankId,
        giver_member_id: e.giver,
        receiver_member_id: e.receiver,
        minutes: e.minutes,
        description: e.description.charAt(0).toUpperCase() + e.description.slice(1),
        given_on: e.day.toISOString().slice(0, 10),
        status: e.status,
        proposed_by_member_id: e.giver,
        recorded_by_account_id: coordinator,
        confirmed_by_account_id: e.status === 'confirmed' ? coordinator : null,
        confirmed_at: e.status === 'confirmed' ? e.day : null,
        created_at: e.day,
      })),
    )
    .returning(['id', 'giver_member_id', 'receiver_member_id', 'minutes', 'status'])
    .execute();
  const confirmed = inserted.filter((e) => e.status === 'confirmed').sort((a, b) => a.id - b.id);
  const transactions = await db
    .insertInto('timebank_transaction')
    .values(confirmed.map((e) => ({ timebank_id: timebankId, exchange_id: e.id, recorded_by_account_id: coordinator })))
    .returning(['id', 'exchange_id'])
    .execute();
  const byExchange = new Map(transactions.map((t) => [t.exchange_id as number, t.id]));
  await db
    .insertInto('timebank_entry')
    .values(
      confirmed.flatMap((e) => [
        { transaction_id: byExchange.get(e.id) as number, member_id: e.giver_member_id, minutes: e.minutes },
        { transaction_id: byExchange.get(e.id) as number, member_id: e.receiver_member_id, minutes: -e.minutes },
      ]),
    )
    .execute();

  // Two mistakes reversed by the coordinator: exchanges whose giver can lose the hours.
  const reversible = confirmed.filter((e) => (balance.get(e.giver_member_id) as number) - e.minutes >= -overdraft).slice(3, 5);
  for (const e of reversible) {
    balance.set(e.giver_member_id, (balance.get(e.giver_member_id) as number) - e.minutes);
    balance.set(e.receiver_member_id, (balance.get(e.receiver_member_id) as number) + e.minutes);
    const { id: reversal } = await db
      .insertInto('timebank_transaction')
      .values({
        timebank_id: timebankId,
        exchange_id: e.id,
        reverses_transaction_id: byExchange.get(e.id) as number,
        reason: 'Recorded twice by mistake.',
        recorded_by_account_id: coordinator,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('timebank_entry')
      .values([
        { transaction_id: reversal, member_id: e.giver_member_id, minutes: -e.minutes },
        { transaction_id: reversal, member_id: e.receiver_member_id, minutes: e.minutes },
      ])
      .execute();
    await db.updateTable('timebank_exchange').set({ status: 'reversed' }).where('id', '=', e.id).execute();
  }
}

export const timebankDemo: DemoStep[] = [{ stage: 3, load: loadTimebank }];
