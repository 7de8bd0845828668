// A person's communication needs as other modules' staff pages and emails show them.
import type { Db } from '../../platform/database.js';
import { describeCommunicationNeeds, readCommunicationNeeds } from './aboutYou.js';

/**
 * A person's communication needs as the staff handling their complaint or story should see them
 * (Accessible Information Standard), or [] when they have none or chose not to share them. For
 * other modules' flows that have already checked the staff member may see that person's case.
 */
export async function communicationNeedsToShow(db: Db, accountId: number): Promise<string[]> {
  const row = await db.selectFrom('account').select('communication_needs').where('id', '=', accountId).executeTakeFirst();
  if (!row) return [];
  const needs = readCommunicationNeeds(row.communication_needs);
  return needs.shareWithStaff ? describeCommunicationNeeds(needs) : [];
}
