// The explanation of a count as plain text a person can follow, step by step. Amounts are rounded
// for reading; the JSON explanation holds them exactly.
import type { Add1Explanation, GreedyExplanation, MesDropout, MesExplanation, PhragmenExplanation } from './outcome.js';
import { type PbOutcome, pbRuleTitles } from './rules.js';

type Names = (id: string) => string;

function money(text: string): string {
  // Exact amounts may be fractions ("1070000/2553"); show those rounded.
  const slash = text.indexOf('/');
  if (slash < 0) return text;
  return (Number(text.slice(0, slash)) / Number(text.slice(slash + 1))).toFixed(2);
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

function dropoutText(d: MesDropout, name: Names): string {
  return `${name(d.project)} (cost ${money(d.cost)}; its supporters hold ${d.supportersMoney} between them)`;
}

function greedyText(e: GreedyExplanation, name: Names, lines: string[]): void {
  const by = e.satisfaction === 'cost' ? 'number of supporters' : 'supporters per unit of cost';
  lines.push(
    `Projects are taken in order of ${by}, highest first (ties: smallest project id first); each is selected if it fits in what is left of the budget.`,
  );
  if (e.startedWith.length) lines.push(`Already selected before this pass: ${e.startedWith.map(name).join(', ')}.`);
  e.steps.forEach((s, i) => {
    const score = e.satisfaction === 'cost' ? '' : `, ${s.score === 'infinite' ? 'free' : `${Number(money(s.score)).toPrecision(4)} per unit`}`;
    const verdict =
      s.decision === 'selected' ? `selected (${money(s.budgetLeft)} was left)` : `skipped: it costs ${money(s.cost)} but only ${money(s.budgetLeft)} is left`;
    lines.push(`${String(i + 1).padStart(3)}. ${name(s.project)}: ${plural(s.supporters, 'supporter')}${score}, cost ${money(s.cost)} — ${verdict}.`);
  });
}

function mesText(e: MesExplanation, name: Names, lines: string[]): void {
  const sat = e.satisfaction === 'cost' ? 'cost' : 'cardinality';
  lines.push(
    `Every voter starts with ${money(e.voterBudget)}. In each round the project that its supporters can buy at the lowest price per unit of ${sat} satisfaction (ρ) is bought: each supporter pays ${e.satisfaction === 'cost' ? 'ρ × the project’s cost' : 'ρ'}, or all they have left if that is less. Ties go to the smallest project id.`,
  );
  if (e.freeProjects.length) lines.push(`Free projects with supporters, selected outright: ${e.freeProjects.map(name).join(', ')}.`);
  if (e.neverAffordable.length) {
    lines.push(`Never affordable (their supporters together never held the cost): ${e.neverAffordable.map((d) => dropoutText(d, name)).join('; ')}.`);
  }
  for (const r of e.rounds) {
    const poor = r.payingAllTheyHad ? `, ${plural(r.payingAllTheyHad, 'supporter')} paid all they had left` : '';
    lines.push(
      `Round ${r.round}: ${name(r.project)} (cost ${money(r.cost)}) at ρ = ${r.rhoApprox}: ${plural(r.payingInFull, 'supporter')} paid ${r.payment} each${poor}.`,
    );
    if (r.tiedWith.length) lines.push(`    Tied at exactly the same ρ with ${r.tiedWith.map(name).join(', ')}: the smaller id goes first.`);
    if (r.runnersUp.length) lines.push(`    Next cheapest: ${r.runnersUp.map((u) => `${name(u.project)} (ρ ${u.rhoApprox})`).join(', ')}.`);
    if (r.droppedOut.length) lines.push(`    No longer affordable after this round: ${r.droppedOut.map((d) => dropoutText(d, name)).join('; ')}.`);
  }
  if (!e.rounds.length) lines.push('No project could be bought.');
  else lines.push('After the last round no other project could be paid for by its supporters.');
}

function add1Text(e: Add1Explanation, name: Names, lines: string[]): void {
  const skipped = e.increments + 1 - e.runs;
  lines.push(
    `Add1 completion: the money per voter was raised one unit at a time from ${money(e.initialVoterBudget)} to ${money(e.finalVoterBudget)} (${plural(e.increments, 'increment')}; ${plural(e.runs, 'count')} of equal shares${skipped > 0 ? `, the other ${skipped} shown safely not to stop the loop` : ''}).`,
  );
  if (e.stop === 'exhaustive') lines.push('It stopped because the outcome left no money for any other project.');
  else if (e.overBudget) {
    lines.push(
      `It stopped because with ${money(e.overBudget.voterBudget)} per voter the outcome would cost ${money(e.overBudget.cost)}, more than the budget; the outcome before that is kept.`,
    );
  }
  lines.push('The count with the final money per voter:');
  mesText(e.final, name, lines);
}

function phragmenText(e: PhragmenExplanation, name: Names, lines: string[]): void {
  lines.push(
    'Every voter starts with load 0. In each round the project whose cost, added to its supporters’ loads and shared equally among them, gives the smallest load is bought, and each supporter’s load becomes that value (ties: smallest project id). The count stops at the first such project that no longer fits in the budget.',
  );
  if (e.tooExpensive.length) lines.push(`Left out from the start (each costs more than the budget): ${e.tooExpensive.map(name).join(', ')}.`);
  for (const s of e.steps) {
    lines.push(`Round ${s.round}: ${name(s.project)} (cost ${money(s.cost)}, ${plural(s.supporters, 'supporter')}): load becomes ${s.loadApprox}.`);
  }
  if (e.stop) {
    lines.push(`Stopped: the next project, ${name(e.stop.project)}, costs ${money(e.stop.cost)} but only ${money(e.stop.budgetLeft)} is left.`);
  } else lines.push('Stopped: every project was bought.');
}

/** The outcome and, if it was counted with explain, every step, as plain text. */
export function explanationText(outcome: PbOutcome, projectName?: (id: string) => string | undefined): string {
  const name: Names = (id) => {
    const n = projectName?.(id);
    return n ? `${id} “${n}”` : id;
  };
  const lines = [`Rule: ${outcome.rule} (${pbRuleTitles[outcome.rule]}).`];
  const e = outcome.explanation;
  if (e?.kind === 'greedy') greedyText(e, name, lines);
  else if (e?.kind === 'mes') mesText(e, name, lines);
  else if (e?.kind === 'add1') add1Text(e, name, lines);
  else if (e?.kind === 'phragmen') phragmenText(e, name, lines);
  else if (e?.kind === 'completion') {
    mesText(e.equalShares, name, lines);
    lines.push('Then what is left of the budget is filled greedily:');
    greedyText(e.greedy, name, lines);
  }
  lines.push(
    `Selected ${plural(outcome.selected.length, 'project')} costing ${money(outcome.cost)} of a budget of ${money(outcome.budget)}: ${outcome.selected.join(', ') || 'none'}.`,
  );
  return lines.join('\n');
}
