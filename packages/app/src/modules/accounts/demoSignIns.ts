// The demo's sign-ins: one account per role, all with one password, listed on the home page in
// demo mode (only those whose accounts exist).
import type { Db } from '../../platform/database.js';

/** One password for every demo account; shown on the home page in demo mode. */
export const demoPassword = 'involve-demo-2026';

export const demoAccounts = [
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
    role: 'Complaints manager (Demo: Northvale Hospitals NHS Foundation Trust and Demo: Eastmoor Community and Mental Health NHS Trust)',
    email: 'complaints@demo.involve.test',
    name: 'Demo Complaints Manager',
  },
  { key: 'member', role: 'Member of a patient participation group (no admin powers)', email: 'member@demo.involve.test', name: 'Demo PPG Member' },
  {
    key: 'linkWorker',
    role: 'Social prescribing link worker (Demo: Northvale Community Voluntary Services)',
    email: 'link-worker@demo.involve.test',
    name: 'Demo Link Worker',
  },
  { key: 'referrer', role: 'Refers patients to social prescribing (Demo: Millbrook Medical Centre)', email: 'gp@demo.involve.test', name: 'Demo GP' },
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
