// Why each project was or was not selected, in one plain sentence per project, read from a count's
// step-by-step explanation (countPb with explain): the round it was bought in and what its
// supporters paid (equal shares), its place by votes (greedy), the load it left (Phragmén); or the
// money its supporters held, what was left when its turn came, or that it cost more than the budget.
import { type PbElection, supportedProjects } from './election.js';
import type { Explanation, GreedyExplanation, MesExplanation, PhragmenExplanation } from './outcome.js';
import { parseRational, toNumber } from './rational.js';
import type { PbOutcome } from './rules.js';

export interface ProjectExplanationOptions {
  /** A project's name, for sentences that mention another project (the id is used without one). */
  name?: (id: string) => string | undefined;
  /** How amounts of money are written (default: at most two decimals, "1200.5"). */
  money?: (amount: number) => string;
}

/** The number of ballots supporting each project (cumulative and scoring ballots: points above 0). */
export function projectSupport(election: PbElection): Map<string, number> {
  const support = new Map(election.projects.map((p) => [p.id, 0]));
  for (const voter of election.voters) {
    for (const id of new Set(supportedProjects(election.voteType, voter))) support.set(id, (support.get(id) ?? 0) + 1);
  }
  return support;
}

interface Writer {
  /** An exact amount as the explanation holds it ("1200", "1070000/2553"). */
  amount: (text: string) => string;
  value: (amount: number) => string;
  name: (id: string) => string;
  votes: (n: number) => string;
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;
}

function ordinal(n: number): string {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
}

function greedyReasons(e: GreedyExplanation, w: Writer, out: Map<string, string>, filling: boolean): void {
  const by = e.satisfaction === 'cost' ? 'votes' : 'votes for its cost';
  const when = filling ? ' in filling what equal shares left of the budget' : '';
  e.steps.forEach((s, i) => {
    const place = `its ${w.votes(s.supporters)} put it ${ordinal(i + 1)} by ${by}${when}`;
    out.set(
      s.project,
      s.decision === 'selected'
        ? `${filling ? 'Not bought by equal shares, then selected' : 'Selected'}: ${place}, and its ${w.amount(s.cost)} cost fitted in the ${w.amount(s.budgetLeft)} left`
        : `It cost ${w.amount(s.cost)} but only ${w.amount(s.budgetLeft)} was left when its turn came (${place})`,
    );
  });
}

function mesReasons(e: MesExplanation, w: Writer, out: Map<string, string>): void {
  for (const id of e.freeProjects) out.set(id, 'Selected outright: it costs nothing and people voted for it');
  const held = (d: { cost: string; supportersMoney: string }) =>
    `supporters held ${w.amount(d.supportersMoney)} between them, less than its ${w.amount(d.cost)} cost`;
  for (const d of e.neverAffordable) out.set(d.project, `Its ${held(d)}, so they could never buy it`);
  for (const r of e.rounds) {
    const others = r.supporters - r.payingInFull - r.payingAllTheyHad;
    const payers =
      r.payingInFull === r.supporters
        ? `its ${plural(r.supporters, 'supporter')} paid ${w.amount(r.payment)} each`
        : `${r.payingInFull.toLocaleString('en-GB')} of its ${plural(r.supporters, 'supporter')} paid ${w.amount(r.payment)} each` +
          (r.payingAllTheyHad ? `, ${r.payingAllTheyHad.toLocaleString('en-GB')} paid all they had left` : '') +
          (others ? `, ${others.toLocaleString('en-GB')} had nothing left` : '');
    out.set(r.project, `Bought in round ${r.round} for ${w.amount(r.cost)}: ${payers}`);
    for (const d of r.droppedOut) out.set(d.project, `After round ${r.round} its ${held(d)}`);
  }
}

function phragmenReasons(e: PhragmenExplanation, w: Writer, election: PbElection, out: Map<string, string>): void {
  for (const s of e.steps) {
    out.set(
      s.project,
      s.supporters === 0
        ? `Bought in round ${s.round}, though nobody voted for it: every project with votes was bought and it fitted in what was left`
        : `Bought in round ${s.round}: its ${w.amount(s.cost)} cost, shared among its ${plural(s.supporters, 'supporter')} with what they already carried, left each carrying ${w.amount(s.load)}`,
    );
  }
  const stop = e.stop;
  if (!stop) return;
  out.set(stop.project, `It cost ${w.amount(stop.cost)} but only ${w.amount(stop.budgetLeft)} was left when its turn came, so the count stopped`);
  const left = parseRational(stop.budgetLeft);
  for (const p of election.projects) {
    if (out.has(p.id)) continue;
    out.set(
      p.id,
      left && toNumber(p.cost) > toNumber(left)
        ? `It cost ${w.value(toNumber(p.cost))} but only ${w.amount(stop.budgetLeft)} was left when the count stopped`
        : `Not reached: the count stops at the first project that does not fit, and ${w.name(stop.project)} did not fit in the ${w.amount(stop.budgetLeft)} left`,
    );
  }
}

function ruleReasons(e: Explanation, w: Writer, election: PbElection, out: Map<string, string>): void {
  if (e.kind === 'greedy') greedyReasons(e, w, out, false);
  else if (e.kind === 'mes') mesReasons(e, w, out);
  else if (e.kind === 'add1') mesReasons(e.final, w, out);
  else if (e.kind === 'phragmen') phragmenReasons(e, w, election, out);
  else {
    mesReasons(e.equalShares, w, out);
    greedyReasons(e.greedy, w, out, true);
  }
}

/**
 * One sentence per project of the election (by project id) saying why the count selected it or
 * not. `outcome` is countPb(election, rule, { explain: true }); without its explanation only
 * "Selected" or the reasons that need no steps (no votes, more than the budget) can be given.
 */
export function projectExplanations(election: PbElection, outcome: PbOutcome, options: ProjectExplanationOptions = {}): Map<string, string> {
  const money = options.money ?? ((x: number) => String(Math.round(x * 100) / 100));
  const w: Writer = {
    amount: (text) => {
      const value = parseRational(text);
      return value ? money(toNumber(value)) : text;
    },
    value: money,
    name: (id) => {
      const name = options.name?.(id);
      return name ? `${id} “${name}”` : id;
    },
    votes: (n) => plural(n, 'vote'),
  };
  const reasons = new Map<string, string>();
  if (outcome.explanation) ruleReasons(outcome.explanation, w, election, reasons);
  const selected = new Set(outcome.selected);
  const support = projectSupport(election);
  const budget = toNumber(election.budget);
  const out = new Map<string, string>();
  for (const p of election.projects) {
    const reason = reasons.get(p.id);
    const cost = toNumber(p.cost);
    if (selected.has(p.id)) out.set(p.id, reason ?? 'Selected');
    else if (support.get(p.id) === 0) out.set(p.id, election.voters.length ? 'Nobody voted for it' : 'No ballots were cast');
    else if (cost > budget) out.set(p.id, `It cost ${money(cost)}, more than the whole ${money(budget)} budget`);
    else if (cost === 0 && !reason) out.set(p.id, 'It costs nothing, so under cost satisfaction it gives its supporters nothing and is not selected');
    else out.set(p.id, reason ?? 'Not selected');
  }
  return out;
}
