// The time bank: members (people and groups) offer and request skills and give each other time, an
// hour for an hour, on a double-entry ledger the database keeps in balance.
import type { InvolveModule } from '../../platform/module.js';

export const timebankModule: InvolveModule = {
  name: 'timebank',
  tables: [],
  migrations: {},
};
