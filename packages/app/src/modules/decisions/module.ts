// The accountability trail: decisions with what informed them and the actions that follow, with
// followers told when an action moves and overdue actions shown as overdue.
import type { InvolveModule } from '../../platform/module.js';
import { decisionsDemo } from './demo.js';
import * as m0001 from './migrations/0001_decisions.js';
import * as m0002 from './migrations/0002_meeting_links.js';
import * as m0003 from './migrations/0003_body_name_kept.js';
import { decisionsRights } from './personalData.js';
import { can, decisionsPolicy } from './policy.js';
import { registerDecisionRoutes } from './routes/index.js';
import { decisionsTables } from './schema.js';

export const decisionsModule: InvolveModule = {
  name: 'decisions',
  tables: decisionsTables,
  ...decisionsRights,
  migrations: { '0001_decisions': m0001, '0002_meeting_links': m0002, '0003_body_name_kept': m0003 },
  routes: registerDecisionRoutes,
  policy: decisionsPolicy,
  flash: {
    'decision-recorded': 'The decision is recorded and public. Add the actions that follow.',
    'decision-followed': 'You follow this decision: you will be emailed when its actions move.',
    'decision-unfollowed': 'You no longer follow this decision.',
    'action-added': 'The action is added.',
    'action-moved': 'The progress is recorded, and the decision’s followers are being told.',
    'link-added': 'The link is added.',
  },
  links: {
    organisation: ({ actor }, organisation) => [
      { href: `/decisions?organisation=${organisation.id}`, text: `Decisions of ${organisation.name} and what followed` },
      ...(can(actor, 'decision.record', { organisationId: organisation.id })
        ? [{ href: `/organisations/${organisation.id}/decisions/new`, text: 'Record a decision' }]
        : []),
    ],
  },
  demo: decisionsDemo,
};
