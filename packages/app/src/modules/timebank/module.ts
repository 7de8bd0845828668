// The time bank: members (people and groups) offer and request skills and give each other time, an
// hour for an hour, on a double-entry ledger the database keeps in balance.
import type { InvolveModule } from '../../platform/module.js';
import { timebankDemo } from './demo.js';
import * as m0001 from './migrations/0001_timebank.js';
import { timebankRights } from './personalData.js';
import { can, timebankPolicy } from './policy.js';
import { registerTimebankRoutes } from './routes/index.js';
import { timebankTables } from './schema.js';

export const timebankModule: InvolveModule = {
  name: 'timebank',
  tables: timebankTables,
  ...timebankRights,
  migrations: { '0001_timebank': m0001 },
  routes: registerTimebankRoutes,
  policy: timebankPolicy,
  flash: {
    'timebank-created': 'The time bank is set up. Members can now join it.',
    'timebank-joined': 'You have joined the time bank.',
    'timebank-listing-added': 'Your offer or request is listed.',
    'timebank-listing-hidden': 'The offer or request is hidden.',
    'timebank-exchange-proposed': 'The exchange is proposed. It goes on the ledger when the other member confirms it.',
    'timebank-exchange-confirmed': 'The exchange is confirmed and on the ledger: both balances have changed.',
    'timebank-exchange-declined': 'The exchange is declined. Nothing is on the ledger.',
    'timebank-exchange-recorded': 'The exchange is recorded on the ledger.',
    'timebank-exchange-reversed': 'The exchange is reversed: the opposite entries are on the ledger.',
  },
  links: {
    organisation: ({ actor }, organisation) => [
      { href: `/timebanks?organisation=${organisation.id}`, text: `Time banks run by ${organisation.name}` },
      ...(can(actor, 'timebank.coordinate', { organisationId: organisation.id })
        ? [{ href: `/organisations/${organisation.id}/timebanks/new`, text: 'Start a time bank' }]
        : []),
    ],
    account: () => [{ href: '/timebanks', text: 'Time banks: give and receive time' }],
    home: () => [{ href: '/timebanks', text: 'Time banks', description: 'Give an hour of your time to a neighbour and receive an hour back.' }],
  },
  demo: timebankDemo,
};
