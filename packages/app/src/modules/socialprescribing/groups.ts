// What a group sees of social prescribing: that people were connected to its services, where the
// person agreed to the group seeing it. Only the service, the month and how it stands: no name, no
// referral id, no reason.
import { organisationSummaryOrNotFound } from '../registry/service.js';
import { type Actor, assertCan } from './policy.js';
import type { SocialPrescribingDeps } from './records.js';
import type { ConnectionStatus } from './schema.js';

export interface GroupReferrals {
  organisation: { id: number; name: string };
  items: Array<{ serviceId: string; serviceName: string; month: string; status: ConnectionStatus }>;
  total: number;
}

/** Connections to the organisation's services that the person agreed to share, newest month first. */
export async function groupReferrals(deps: SocialPrescribingDeps, actor: Actor, organisationId: number): Promise<GroupReferrals> {
  const organisation = await organisationSummaryOrNotFound(deps.db, organisationId);
  assertCan(actor, 'referral.groupView', { organisationId: organisation.id });
  const rows = await deps.db
    .selectFrom('referral_connection as c')
    .innerJoin('referral as r', 'r.id', 'c.referral_id')
    .select(['c.service_id', 'c.service_name', 'c.connected_on', 'c.status'])
    .where('c.service_organisation_id', '=', organisation.id)
    .where('r.share_with_groups', '=', true)
    .execute();
  // Ordered by month, name and status only: an order by day would say more than the month does.
  const items = rows
    .map((r) => ({ serviceId: r.service_id, serviceName: r.service_name, month: r.connected_on.slice(0, 7), status: r.status }))
    .sort((a, b) => b.month.localeCompare(a.month) || a.serviceName.localeCompare(b.serviceName) || a.status.localeCompare(b.status));
  return {
    organisation: { id: organisation.id, name: organisation.name },
    items,
    total: items.length,
  };
}
