// After the count: the result (funded projects, then every project with its votes, cost and why it
// was or was not funded, drawn as a chart), the published ballots as a pabulib file and the result
// as JSON, how to recount them with independent tools, and finding one's own ballot by its receipt.
import type { FastifyRequest } from 'fastify';
import { barChart } from '../../../platform/charts.js';
import { NotFoundError } from '../../../platform/errors.js';
import { errorsFor, idParam, queryText, view } from '../../../platform/web/index.js';
import type { App } from '../../../platform/web/types.js';
import { pounds } from '../ballot.js';
import type { BudgetResult } from '../schema.js';
import { findReceipt, getBudget, getBudgetResult, publishedPbFile } from '../service.js';
import { ruleWords } from './budgetView.js';

const page = view('budgets');

/** Python for pabutools (1.2) that counts the published file with the budget's rule. */
const pabutoolsCalls: Record<BudgetResult['rule'], string> = {
  'mes-cost-add1': 'method_of_equal_shares(instance, profile, sat_class=Cost_Sat, voter_budget_increment=1)',
  'greedy-cost': 'greedy_utilitarian_welfare(instance, profile, sat_class=Cost_Sat)',
  phragmen: 'sequential_phragmen(instance, profile)',
};
const pabutoolsImports: Record<BudgetResult['rule'], string> = {
  'mes-cost-add1': 'method_of_equal_shares',
  'greedy-cost': 'greedy_utilitarian_welfare',
  phragmen: 'sequential_phragmen',
};

function pabutoolsScript(rule: BudgetResult['rule']): string {
  return [
    'from pabutools.election import parse_pabulib, Cost_Sat, ApprovalProfile, ApprovalBallot',
    `from pabutools.rules import ${pabutoolsImports[rule]}`,
    '',
    'instance, profile = parse_pabulib("ballots.pb")',
    '# Points and rankings count as support for each project on the ballot, as in decide.',
    'if not isinstance(profile, ApprovalProfile):',
    '    profile = ApprovalProfile([ApprovalBallot(ballot) for ballot in profile], instance=instance)',
    `outcome = ${pabutoolsCalls[rule]}`,
    'print(sorted((p.name for p in outcome), key=int))',
  ].join('\n');
}

export async function registerBudgetResultRoutes(app: App): Promise<void> {
  const { deps } = app;

  /** The budget and its count, or "page not found" before it is counted. */
  async function counted(request: FastifyRequest) {
    const b = await getBudget(deps, request.actor, idParam(request, 'id'));
    const result = await getBudgetResult(deps, request.actor, b.id);
    if (!result) throw new NotFoundError('This budget is not counted yet.');
    return { b, result };
  }

  app.get('/budgets/:id/result', async (request, reply) => {
    const { b, result } = await counted(request);
    const funded = result.projects.filter((p) => p.selected);
    const byVotes = [...result.projects].sort((x, y) => y.votes - x.votes || x.cost - y.cost);
    return reply.render(page('result'), {
      title: `Result: ${b.title}`,
      b,
      result,
      rule: ruleWords[result.rule],
      funded: result.order.map((id) => funded.find((p) => p.id === id)).filter((p) => p !== undefined),
      tableRows: byVotes.map((p) => [
        { text: p.title },
        { text: p.votes.toLocaleString('en-GB'), format: 'numeric', classes: 'nhsuk-u-nowrap' },
        { text: pounds(p.cost), format: 'numeric', classes: 'nhsuk-u-nowrap' },
        { text: p.selected ? 'Yes' : 'No' },
        { text: p.explanation },
      ]),
      fundedCost: funded.reduce((sum, p) => sum + p.cost, 0),
      chart: barChart(
        'votes-and-costs',
        'Votes for each project, with its cost',
        byVotes.map((p) => ({ label: `${p.title} (${pounds(p.cost)}${p.selected ? ', funded' : ''})`, value: p.votes })),
      ),
      pounds,
    });
  });

  app.get('/budgets/:id/result.json', async (request, reply) => {
    const { b, result } = await counted(request);
    return reply.send({ id: b.id, title: b.title, amount: b.amount, countedAt: b.countedAt, ...result });
  });

  app.get('/budgets/:id/ballots.pb', async (request, reply) => {
    const b = await getBudget(deps, request.actor, idParam(request, 'id'));
    const file = await publishedPbFile(deps, b.id);
    if (file === null) throw new NotFoundError('The ballots are published once the budget is counted.');
    return reply.type('text/plain; charset=utf-8').header('content-disposition', 'attachment; filename="ballots.pb"').send(file);
  });

  app.get('/budgets/:id/recount', async (request, reply) => {
    const { b, result } = await counted(request);
    return reply.render(page('recount'), {
      title: `Recount: ${b.title}`,
      b,
      result,
      rule: ruleWords[result.rule],
      decideCommand: `npx decide pb ballots.pb --rule ${result.rule} --json`,
      python: pabutoolsScript(result.rule),
      selectedJson: JSON.stringify(result.selected),
    });
  });

  app.get('/budgets/:id/receipt', async (request, reply) => {
    const b = await getBudget(deps, request.actor, idParam(request, 'id'));
    const isCounted = b.phase === 'counted' || b.phase === 'delivery';
    const code = queryText(request, 'code');
    const context = { title: `Find your ballot: ${b.title}`, b, isCounted, values: { code }, errors: {}, errorList: [] as unknown[] };
    if (!isCounted || code === '') return reply.render(page('receipt'), context);
    const found = await findReceipt(deps, b.id, code);
    if (!found.found) {
      const message = `No ballot with the receipt code ${code} is in the published file. Check the code and try again.`;
      return reply.render(page('receipt'), { ...context, ...errorsFor({ code: message }) });
    }
    return reply.render(page('receipt'), { ...context, found, ranked: b.ballotType === 'ordinal' });
  });
}
