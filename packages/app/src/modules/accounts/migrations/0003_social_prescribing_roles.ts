// Two organisation roles for social prescribing: a link worker (holds a caseload of referrals in the
// organisation that runs the service) and a referrer (refers people on the organisation's behalf,
// e.g. at a GP practice). The roles are the permission gate's vocabulary, kept by this table.
import type { Kysely } from 'kysely';
import { executeScript } from '../../../platform/sqlScript.js';

export async function up(db: Kysely<unknown>): Promise<void> {
  await executeScript(
    db,
    `
    alter table role_grant drop constraint role_grant_role_check;
    alter table role_grant add constraint role_grant_role_check
      check (role in ('platform_admin', 'platform_moderator', 'admin', 'responder', 'moderator', 'complaints_manager', 'member', 'link_worker', 'referrer'));
  `,
  );
}
