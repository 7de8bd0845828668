// After the count: the stored result, the published ballot file (.pb) anyone can recount, and a
// voter's ballot found in that file by its receipt code, unchanged.
import { readPb } from '@involve/decide';
import type { Db } from '../../platform/database.js';
import { isRecordId } from '../../platform/web/ids.js';
import { type Actor, anonymous, assertCan } from './policy.js';
import { type BudgetsDeps, budgetRow } from './records.js';
import type { BallotChoices, BudgetResult } from './schema.js';
import { normaliseCode } from './voting.js';

export async function getBudgetResult(deps: BudgetsDeps, actor: Actor, id: number): Promise<BudgetResult | null> {
  assertCan(actor, 'budget.read');
  return (await budgetRow(deps.db, actor, id)).result;
}

/** The published .pb file of a counted process (null before the count, or when there is no such process). */
export async function publishedPbFile(deps: { db: Db }, id: number): Promise<string | null> {
  if (!isRecordId(id)) return null;
  const row = await deps.db.selectFrom('budget').select('pb_file').where('id', '=', id).where('phase', 'in', ['counted', 'delivery']).executeTakeFirst();
  return row?.pb_file ?? null;
}

/** A ballot in the published file by its voter id (the receipt code), with the titles of its projects. */
export async function findReceipt(
  deps: { db: Db },
  budgetId: number,
  receipt: string,
): Promise<{ found: false } | { found: true; choices: BallotChoices; projects: string[] }> {
  const budget = await budgetRow(deps.db, anonymous, budgetId);
  const file = await publishedPbFile(deps, budget.id);
  const code = receipt.trim().toLowerCase().startsWith('paper-') ? receipt.trim() : normaliseCode(receipt);
  if (!file || !code) return { found: false };
  const election = readPb(file);
  const voter = election.voters.find((v) => v.id === code);
  if (!voter) return { found: false };
  const titles = new Map(election.projects.map((p) => [p.id, p.fields.name ?? p.id]));
  return {
    found: true,
    choices: { projects: voter.vote, ...(voter.points ? { points: voter.points } : {}) },
    projects: voter.vote.map((id) => titles.get(id) ?? id),
  };
}
