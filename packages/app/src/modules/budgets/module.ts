// Participatory budgeting: an organisation's process for its places, from ideas through review and
// costing to a vote, a count anyone can repeat from the published ballots, and delivery of the
// funded projects as decisions on the accountability trail.
import type { InvolveModule } from '../../platform/module.js';
import { budgetsDemo } from './demo.js';
import * as m0001 from './migrations/0001_budgets.js';
import { budgetsRights } from './personalData.js';
import { budgetsPolicy, can, canAnywhere } from './policy.js';
import { registerBudgetRoutes } from './routes/index.js';
import { budgetsTables } from './schema.js';

export const budgetsModule: InvolveModule = {
  name: 'budgets',
  tables: budgetsTables,
  notOnPublicPages: ['budget_eligible_person', 'budget_voting_code', 'budget_voter', 'budget_ballot', 'budget_paper_entry'],
  ...budgetsRights,
  migrations: { '0001_budgets': m0001 },
  routes: registerBudgetRoutes,
  policy: budgetsPolicy,
  flash: {
    'budget-created': 'The participatory budget is set up as a draft: only its organisation’s admins see it until it opens.',
    'budget-saved': 'The settings are saved.',
    'budget-phase-changed': 'The budget has moved on to its next phase.',
    'budget-idea-proposed': 'Thank you: your idea is sent. A moderator checks it before everyone can see it.',
    'budget-idea-supported': 'You support this idea.',
    'budget-support-withdrawn': 'You no longer support this idea.',
    'budget-comment-sent': 'Thank you: your comment is sent. A moderator checks it before everyone can see it.',
    'idea-moderated': 'The idea is moderated.',
    'comment-moderated': 'The comment is moderated.',
    'project-reviewed': 'The review is saved. Its outcome and reason are shown publicly.',
    'project-added': 'The project is added to the shortlist.',
    'eligible-imported': 'The people are added to the list of who may vote.',
    'codes-created': 'The voting codes are made.',
    'paper-entered': 'The paper ballot entry is saved.',
    'entry-removed': 'The paper ballot entry is removed.',
  },
  links: {
    organisation: ({ actor }, organisation) => [
      { href: `/budgets?organisation=${organisation.id}`, text: `Participatory budgets by ${organisation.name}` },
      ...(can(actor, 'budget.manage', { organisationId: organisation.id })
        ? [{ href: `/organisations/${organisation.id}/budgets/new`, text: 'Start a participatory budget' }]
        : []),
    ],
    place: (_context, place) => [{ href: `/budgets?place=${place.id}`, text: `Participatory budgets in ${place.name}` }],
    account: ({ actor }) => (canAnywhere(actor, 'budget.manage') ? [{ href: '/budgets', text: 'Participatory budgets' }] : []),
    home: () => [{ href: '/budgets', text: 'Participatory budgets', description: 'Suggest and vote on how money for health and care near you is spent.' }],
  },
  demo: budgetsDemo,
};
