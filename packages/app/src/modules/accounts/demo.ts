// The accounts module's part of the demo: one sign-in per role, all with one password shown on the
// home page in demo mode, holding their roles in the demo organisations.

import type { Db } from '../../platform/database.js';
import type { DemoContext, DemoStep } from '../../platform/module.js';
import { createVerifiedAccount, grantRoleDirect } from './service.js';

/** One password for every demo account; shown on the home page in demo mode. */
export const demoPassword = 'involve-demo-2026';

const demoAccounts = [
  { key: 'platform', role: 'Platform admin', email: 'admin@demo.involve.test', name: 'Demo Platform Admin' },
  {
    key: 'orgAdmin',
    role: 'Organisation admin (Demo: Northvale and Eastmoor Integrated Care Board)',
    email: 'icb-admin@demo.involve.test',
    name: 'Demo ICB Admin',
  },
  { key: 'responder', role: 'Responder (Demo: Northvale Hospitals NHS Foundation Trust)', email: 'responder@demo.involve.test', name: 'Demo Responder' },
  {
    key: 'moderator',
    role: 'Moderator of stories about every organisation (platform moderator)',
    email: 'moderator@demo.involve.test',
    name: 'Demo Moderator',
  },
  {
    key: 'complaints',
    role: 'Complaints manager (Demo: Northvale Hospitals NHS Foundation Trust)',
    email: 'complaints@demo.involve.test',
    name: 'Demo Complaints Manager',
  },
  { key: 'member', role: 'Member of a patient participation group (no admin powers)', email: 'member@demo.involve.test', name: 'Demo PPG Member' },
] as const;

/** The demo sign-ins whose accounts exist, in the order of the list above. */
export async function listDemoSignIns(db: Db): Promise<Array<{ email: string; password: string; role: string }>> {
  const rows = await db
    .selectFrom('account')
    .select('email')
    .where(
      'email',
      'in',
      demoAccounts.map((a) => a.email),
    )
    .execute();
  const present = new Set(rows.map((r) => r.email));
  return demoAccounts.filter((a) => present.has(a.email)).map((a) => ({ role: a.role, email: a.email, password: demoPassword }));
}

/** Stage 2: one account per role, with its roles in the demo organisations. */
async function createDemoAccounts({ db: trx, id, ids }: DemoContext): Promise<void> {
  const org = (key: string) => id(`organisation:${key}`);
  const grants: Record<
    (typeof demoAccounts)[number]['key'],
    Array<['platform_admin' | 'platform_moderator' | 'admin' | 'responder' | 'moderator' | 'complaints_manager' | 'member', string | null]>
  > = {
    platform: [['platform_admin', null]],
    orgAdmin: [['admin', 'icb']],
    responder: [['responder', 'acute']],
    moderator: [
      ['moderator', 'icb'],
      ['platform_moderator', null],
    ],
    complaints: [['complaints_manager', 'acute']],
    member: [['member', 'pMillbrook']],
  };
  const accountIds = new Map<string, number>();
  for (const account of demoAccounts) {
    const accountId = await createVerifiedAccount(trx, { email: account.email, password: demoPassword, name: account.name });
    accountIds.set(account.key, accountId);
    for (const [role, orgKey] of grants[account.key]) await grantRoleDirect(trx, accountId, role, orgKey ? org(orgKey) : null);
  }
  for (const [key, accountId] of accountIds) ids.set(`account:${key}`, accountId);
}

export const accountsDemo: DemoStep[] = [{ stage: 2, load: createDemoAccounts }];
