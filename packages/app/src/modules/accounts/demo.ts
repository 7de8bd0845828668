// The accounts module's part of the demo: one sign-in per role, all with one password shown on the
// home page in demo mode, holding their roles in the demo organisations.

import type { DemoContext, DemoStep } from '../../platform/module.js';
import { demoAccounts, demoPassword } from './demoSignIns.js';
import type { OrganisationRole } from './schema.js';
import { createVerifiedAccount, grantRoleDirect } from './service.js';

/** Stage 2: one account per role, with its roles in the demo organisations. */
async function createDemoAccounts({ db: trx, id, ids }: DemoContext): Promise<void> {
  const org = (key: string) => id(`organisation:${key}`);
  const grants: Record<(typeof demoAccounts)[number]['key'], Array<['platform_admin' | 'platform_moderator' | OrganisationRole, string | null]>> = {
    platform: [['platform_admin', null]],
    orgAdmin: [['admin', 'icb']],
    responder: [['responder', 'acute']],
    moderator: [
      ['moderator', 'icb'],
      ['platform_moderator', null],
    ],
    complaints: [['complaints_manager', 'acute']],
    member: [['member', 'pMillbrook']],
    linkWorker: [['link_worker', 'cvs']],
    referrer: [['referrer', 'pMillbrook']],
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
