// The phases staff move a process through: draft → ideas → review → vote → counted → delivery (a
// draft may also go straight to the vote). Opening the vote needs a shortlist and makes the secret
// that keys voter hashes; the count runs decide's rule, stores the result and the published .pb file,
// and wipes the secret and every voter hash; delivery makes each funded project a decision.
import { randomBytes } from 'node:crypto';
import { recordAudit } from '../../platform/audit.js';
import { type Db, inTransaction } from '../../platform/database.js';
import { ConflictError, ValidationError } from '../../platform/errors.js';
import { todayInEngland } from '../../platform/web/forms.js';
import { addLink, recordDecision } from '../decisions/service.js';
import { getOrganisationSummary } from '../registry/service.js';
import { pounds } from './ballot.js';
import { ballotsToElection, countBudget, publishedPb } from './count.js';
import { type Actor, assertCan } from './policy.js';
import { type BudgetRow, type BudgetsDeps, budgetRow } from './records.js';
import type { BudgetPhase } from './schema.js';

/** The moves staff may make, from each phase. */
export const nextPhases: Record<BudgetPhase, BudgetPhase[]> = {
  draft: ['ideas', 'vote'],
  ideas: ['review'],
  review: ['vote'],
  vote: ['counted'],
  counted: ['delivery'],
  delivery: [],
};

export const phaseLabels: Record<BudgetPhase, string> = {
  draft: 'a draft',
  ideas: 'taking ideas',
  review: 'reviewing and costing ideas',
  vote: 'open for voting',
  counted: 'counted',
  delivery: 'delivering the funded projects',
};

export interface PhaseOptions {
  /** Told what the move is doing, for a page or command that shows progress (the count takes a moment). */
  onProgress?: (step: string) => void;
}

export async function moveBudgetPhase(deps: BudgetsDeps, actor: Actor, id: number, to: BudgetPhase, options: PhaseOptions = {}): Promise<void> {
  const budget = await budgetRow(deps.db, actor, id);
  assertCan(actor, 'budget.manage', { organisationId: budget.organisation_id });
  if (!nextPhases[budget.phase].includes(to)) throw new ConflictError(`A budget that is ${phaseLabels[budget.phase]} cannot become ${phaseLabels[to]}.`);
  if (to === 'vote') return openVote(deps.db, actor, budget);
  if (to === 'counted') return count(deps.db, actor, budget, options);
  if (to === 'delivery') return deliver(deps, actor, budget, options);
  await inTransaction(deps.db, async (trx) => {
    await trx.updateTable('budget').set({ phase: to, updated_at: new Date() }).where('id', '=', id).where('phase', '=', budget.phase).execute();
    await recordAudit(trx, actor, { action: `budget.phase_${to}`, subjectType: 'budget', subjectId: id });
  });
}

async function openVote(db: Db, actor: Actor, budget: BudgetRow): Promise<void> {
  const { shortlisted } = await db
    .selectFrom('budget_project')
    .select((eb) => eb.fn.countAll<number>().as('shortlisted'))
    .where('budget_id', '=', budget.id)
    .where('status', '=', 'shortlisted')
    .executeTakeFirstOrThrow();
  if (Number(shortlisted) < 2) throw new ConflictError('Shortlist at least 2 projects, with their costs, before opening the vote.');
  if (budget.ballot_type === 'cumulative' && budget.points === null) throw new ValidationError({ points: 'Set the points each voter spreads' });
  await inTransaction(db, async (trx) => {
    await trx
      .updateTable('budget')
      .set({ phase: 'vote', ballot_secret: randomBytes(32).toString('base64url'), updated_at: new Date() })
      .where('id', '=', budget.id)
      .where('phase', '=', budget.phase)
      .execute();
    await recordAudit(trx, actor, { action: 'budget.phase_vote', subjectType: 'budget', subjectId: budget.id });
  });
}

/**
 * The count, in one transaction that holds the process exclusively (every ballot being cast has
 * finished; none arrives after): decide counts the ballots by the process's rule; the result and
 * the .pb file are stored; the secret and every voter hash are wiped.
 */
async function count(db: Db, actor: Actor, budget: BudgetRow, options: PhaseOptions): Promise<void> {
  const organisation = await getOrganisationSummary(db, budget.organisation_id);
  await inTransaction(db, async (trx) => {
    const locked = await trx.selectFrom('budget').selectAll().where('id', '=', budget.id).forUpdate().executeTakeFirstOrThrow();
    if (locked.phase !== 'vote') throw new ConflictError(`A budget that is ${phaseLabels[locked.phase]} cannot be counted.`);
    options.onProgress?.('Reading the ballots');
    const [ballots, projects] = await Promise.all([
      trx.selectFrom('budget_ballot').select(['receipt', 'choices']).where('budget_id', '=', budget.id).orderBy('receipt').execute(),
      trx
        .selectFrom('budget_project')
        .select(['id', 'title', 'cost'])
        .where('budget_id', '=', budget.id)
        .where('status', '=', 'shortlisted')
        .orderBy('id')
        .execute(),
    ]);
    if (!ballots.length) throw new ConflictError('No ballots have been cast: there is nothing to count yet.');
    options.onProgress?.(`Counting ${ballots.length.toLocaleString('en-GB')} ballots`);
    const election = ballotsToElection({ ...locked, organisationName: organisation?.name ?? '' }, projects, ballots);
    const result = countBudget(election, locked.rule);
    options.onProgress?.('Publishing the ballots and the result');
    await trx
      .updateTable('budget')
      .set({
        phase: 'counted',
        result: JSON.stringify(result),
        pb_file: publishedPb(election, result),
        counted_at: new Date(),
        ballot_secret: null,
        updated_at: new Date(),
      })
      .where('id', '=', budget.id)
      .execute();
    await trx.updateTable('budget_ballot').set({ voter_hash: null }).where('budget_id', '=', budget.id).execute();
    await recordAudit(trx, actor, {
      action: 'budget.count',
      subjectType: 'budget',
      subjectId: budget.id,
      detail: { ballots: ballots.length, selected: result.selected.length },
    });
  });
}

/**
 * Delivery: each funded project becomes a decision of the organisation on the accountability trail
 * (the decisions module), linked back to its project, so its actions can be followed.
 */
async function deliver(deps: BudgetsDeps, actor: Actor, budget: BudgetRow, options: PhaseOptions): Promise<void> {
  const funded = new Set(budget.result?.selected ?? []);
  const explanation = new Map((budget.result?.projects ?? []).map((p) => [p.id, p.explanation]));
  await inTransaction(deps.db, async (trx) => {
    const projects = await trx
      .selectFrom('budget_project')
      .select(['id', 'title', 'cost', 'decision_id'])
      .where('budget_id', '=', budget.id)
      .where('status', '=', 'shortlisted')
      .orderBy('id')
      .execute();
    for (const project of projects.filter((p) => funded.has(String(p.id)) && p.decision_id === null)) {
      options.onProgress?.(`Recording the decision to fund ${project.title}`);
      const decisionId = await recordDecision({ db: trx, config: deps.config }, actor, {
        organisationId: budget.organisation_id,
        title: project.title,
        decided: `Fund “${project.title}” (${pounds(project.cost ?? 0)}) from the participatory budget “${budget.title}”, as the vote chose.`,
        reasons: (explanation.get(String(project.id)) ?? '').slice(0, 5000),
        bodyId: null,
        officer: 'Participatory budgeting vote',
        decidedOn: todayInEngland(),
        consultationIds: [],
      });
      await addLink({ db: trx }, actor, decisionId, {
        kind: 'budget',
        label: `Participatory budget: ${budget.title}`.slice(0, 200),
        url: `/budgets/${budget.id}/projects/${project.id}`,
      });
      await trx.updateTable('budget_project').set({ decision_id: decisionId, updated_at: new Date() }).where('id', '=', project.id).execute();
    }
    await trx.updateTable('budget').set({ phase: 'delivery', updated_at: new Date() }).where('id', '=', budget.id).execute();
    await recordAudit(trx, actor, { action: 'budget.phase_delivery', subjectType: 'budget', subjectId: budget.id });
  });
}
