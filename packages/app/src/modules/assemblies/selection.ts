// The draw of the panel: the feasibility report before it (which quotas this pool cannot meet, and
// the smallest change that fixes it, in decide's words), the request for a round (its two published
// files written and stored, to be computed by the selection job), and the rounds as published.
//
// A round's files: categories.csv holds the quotas less the members kept (for a replacement or a
// rotation: those seated, whose answers count towards the quotas; each min clamped at 0, each max
// at 0); respondents.csv holds the pool: registered volunteers who have never held a seat or been
// drawn on this assembly. Seats: the panel size for the first draw, then the seats open.
import type { QuotaRelaxation } from '@involve/decide/sortition';
import { checkFeasibility, describeInfeasibility, formatProblem, parseCategories, SortitionInputError } from '@involve/decide/sortition';
import { recordAudit } from '../../platform/audit.js';
import { type Db, inTransaction } from '../../platform/database.js';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/errors.js';
import { assemblyLimits } from './limits.js';
import type { Actor } from './policy.js';
import { type AssembliesDeps, type AssemblyRow, assemblyRow, managedAssembly, mayManage, quotaRows, type SelectionRow, seatedMembers } from './records.js';
import type { SelectionAlgorithm, SelectionPurpose, SelectionResult, SelectionStatus } from './schema.js';
import { categoriesCsvOf, instanceOf, respondentsCsvOf } from './sortition.js';

export { computeSelection } from './sortition.js';

/** What the next round would draw, with its files as they will be published. */
export interface DrawInputs {
  purpose: SelectionPurpose;
  seats: number;
  /** Pool ids of the members kept. */
  fixed: string[];
  categoriesCsv: string;
  respondentsCsv: string;
}

/** The next round's inputs from the quotas, the pool and the members now seated. */
export async function nextDrawInputs(db: Db, assembly: AssemblyRow, rotation = false): Promise<DrawInputs> {
  const [quotas, seated, drawnBefore, pool] = await Promise.all([
    quotaRows(db, assembly.id),
    seatedMembers(db, assembly.id),
    db.selectFrom('assembly_member').select('id').where('assembly_id', '=', assembly.id).limit(1).executeTakeFirst(),
    db
      .selectFrom('assembly_volunteer as v')
      .select(['v.pool_id', 'v.features'])
      .where('v.assembly_id', '=', assembly.id)
      .where('v.status', '=', 'registered')
      .where(({ not, exists, selectFrom }) => not(exists(selectFrom('assembly_member as m').select('m.id').whereRef('m.volunteer_id', '=', 'v.id'))))
      .orderBy('v.pool_id')
      .execute(),
  ]);
  if (!quotas.length) throw new ConflictError('Set the selection questions and quotas first.');
  const features = [...new Set(quotas.map((q) => q.feature))];
  const keptWith = (feature: string, value: string) => seated.filter((m) => m.features[feature] === value).length;
  const initial = !drawnBefore;
  return {
    purpose: initial ? 'initial' : rotation ? 'rotation' : 'replacement',
    seats: initial ? assembly.panel_size : Math.max(0, assembly.panel_size - seated.length),
    fixed: initial ? [] : seated.map((m) => m.poolId),
    categoriesCsv: categoriesCsvOf(
      quotas.map((q) => {
        const kept = initial ? 0 : keptWith(q.feature, q.value);
        return { feature: q.feature, value: q.value, min: Math.max(0, q.min - kept), max: Math.max(0, q.max - kept) };
      }),
    ),
    respondentsCsv: respondentsCsvOf(
      features,
      pool.map((p) => ({ poolId: p.pool_id, features: p.features })),
    ),
  };
}

export interface FeasibilityOutcome {
  feasible: boolean;
  /** decide's words: what conflicts, and the smallest change that makes a panel possible. */
  lines: string[];
  relaxations: QuotaRelaxation[];
}

/** Problems with the files themselves (a pool too small, a quota nobody in the pool can fill), in words. */
const inputLines = (error: SortitionInputError) => ['No panel can be drawn from this pool yet:', ...error.problems.map((p) => `- ${formatProblem(p)}`)];

/** Can the next draw meet every quota from this pool? If not, what to relax (decide's report; fast). */
export async function feasibilityReport(db: Db, actor: Actor, id: number): Promise<FeasibilityOutcome> {
  const assembly = await managedAssembly(db, actor, id);
  const inputs = await nextDrawInputs(db, assembly);
  if (inputs.seats === 0) return { feasible: true, lines: ['Every seat is filled: there is nothing to draw.'], relaxations: [] };
  let instance: ReturnType<typeof instanceOf>;
  try {
    instance = instanceOf(inputs.categoriesCsv, inputs.respondentsCsv, inputs.seats);
  } catch (error) {
    if (error instanceof SortitionInputError) return { feasible: false, lines: inputLines(error), relaxations: [] };
    throw error;
  }
  const report = await checkFeasibility(instance);
  return { feasible: report.feasible, lines: describeInfeasibility(report).split('\n'), relaxations: report.relaxations };
}

const isUniqueViolation = (error: unknown) => (error as { code?: string })?.code === '23505';

/** The seed announced for a draw, trimmed (a ValidationError on the seed when missing or too long). */
export function checkSeed(typed: string): string {
  const seed = (typed ?? '').trim();
  if (!seed) throw new ValidationError({ seed: 'Enter the seed announced for the draw' });
  if (seed.length > assemblyLimits.seed) throw new ValidationError({ seed: `The seed must be ${assemblyLimits.seed} characters or fewer` });
  return seed;
}

/** Phases in which each kind of round may be asked for. */
const phasesFor: Record<SelectionPurpose, readonly string[]> = {
  initial: ['selecting'],
  replacement: ['selecting', 'sitting', 'reported'],
  rotation: ['sitting', 'reported'],
};

/**
 * Ask for the next round with the announced seed: its files are written and stored as they will be
 * published, and the selection job computes it. The first round draws the whole panel; later ones
 * the open seats (a replacement), or the seats of members stood down (a standing assembly's rotation).
 */
export async function requestSelection(
  deps: AssembliesDeps,
  actor: Actor,
  id: number,
  input: { seed: string; purpose?: SelectionPurpose },
): Promise<{ round: number }> {
  const assembly = await managedAssembly(deps.db, actor, id);
  const seed = checkSeed(input.seed);
  if (input.purpose === 'rotation' && assembly.kind !== 'standing') throw new ValidationError({ purpose: 'Only a standing assembly rotates its members' });
  const waiting = await deps.db
    .selectFrom('assembly_selection')
    .select('round')
    .where('assembly_id', '=', id)
    .where('status', 'in', ['queued', 'running'])
    .executeTakeFirst();
  if (waiting) throw new ConflictError(`Round ${waiting.round} is still being drawn: wait for it to finish.`);
  const inputs = await nextDrawInputs(deps.db, assembly, input.purpose === 'rotation');
  if (input.purpose === 'initial' && inputs.purpose !== 'initial')
    throw new ConflictError('The panel has been drawn already: draw for the open seats instead.');
  if (!phasesFor[inputs.purpose].includes(assembly.phase))
    throw new ConflictError(
      inputs.purpose === 'initial'
        ? 'Close registration (move the assembly on to selecting its members) before drawing the panel.'
        : 'This assembly is not sitting.',
    );
  if (inputs.seats === 0) throw new ConflictError('Every seat is filled: there is nothing to draw.');
  try {
    instanceOf(inputs.categoriesCsv, inputs.respondentsCsv, inputs.seats);
  } catch (error) {
    if (error instanceof SortitionInputError) throw new ConflictError(inputLines(error).join('\n'));
    throw error;
  }
  try {
    return await inTransaction(deps.db, async (trx) => {
      const last = await trx
        .selectFrom('assembly_selection')
        .select((eb) => eb.fn.max('round').as('round'))
        .where('assembly_id', '=', id)
        .executeTakeFirst();
      const round = Number(last?.round ?? 0) + 1;
      await trx
        .insertInto('assembly_selection')
        .values({
          assembly_id: id,
          round,
          purpose: inputs.purpose,
          algorithm: assembly.algorithm,
          seed,
          seats: inputs.seats,
          fixed_pool_ids: JSON.stringify(inputs.fixed),
          categories_csv: inputs.categoriesCsv,
          respondents_csv: inputs.respondentsCsv,
          progress_detail: 'waiting to start',
          requested_by_account_id: actor.accountId as number,
        })
        .execute();
      await recordAudit(trx, actor, {
        action: 'assembly.request_selection',
        subjectType: 'assembly',
        subjectId: id,
        detail: { round, purpose: inputs.purpose },
      });
      return { round };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new ConflictError('Another draw was asked for at the same moment: look at the selection again.');
    throw error;
  }
}

export interface SelectionSummary {
  id: number;
  round: number;
  purpose: SelectionPurpose;
  algorithm: SelectionAlgorithm;
  seed: string;
  seats: number;
  fixed: string[];
  status: SelectionStatus;
  progressDone: number;
  progressTotal: number;
  progressDetail: string;
  error: string | null;
  result: SelectionResult | null;
  requestedAt: Date;
  finishedAt: Date | null;
}

export interface SelectionRound extends SelectionSummary {
  /** decide's inputs exactly as published. */
  categoriesCsv: string;
  respondentsCsv: string;
}

function summaryOf(row: Omit<SelectionRow, 'categories_csv' | 'respondents_csv'>): SelectionSummary {
  return {
    id: row.id,
    round: row.round,
    purpose: row.purpose,
    algorithm: row.algorithm,
    seed: row.seed,
    seats: row.seats,
    fixed: row.fixed_pool_ids,
    status: row.status,
    progressDone: row.progress_done,
    progressTotal: row.progress_total,
    progressDetail: row.progress_detail,
    error: row.error,
    result: row.result,
    requestedAt: row.requested_at,
    finishedAt: row.finished_at,
  };
}

const summaryColumns = [
  'id',
  'assembly_id',
  'round',
  'purpose',
  'algorithm',
  'seed',
  'seats',
  'fixed_pool_ids',
  'status',
  'progress_done',
  'progress_total',
  'progress_detail',
  'error',
  'result',
  'claimed_by',
  'claimed_at',
  'requested_by_account_id',
  'requested_at',
  'finished_at',
] as const;

/** One round: public once done; organisers also see it queued, running or failed. Null when not visible. */
export async function getSelection(db: Db, actor: Actor, id: number, round: number): Promise<SelectionRound | null> {
  const assembly = await assemblyRow(db, actor, id);
  if (!Number.isInteger(round) || round < 1 || round > 1_000_000) return null;
  const row = await db.selectFrom('assembly_selection').selectAll().where('assembly_id', '=', id).where('round', '=', round).executeTakeFirst();
  if (!row || (row.status !== 'done' && !mayManage(actor, assembly))) return null;
  return { ...summaryOf(row), categoriesCsv: row.categories_csv, respondentsCsv: row.respondents_csv };
}

/** The rounds in order: the done ones for everyone, every one for organisers. */
export async function listSelections(db: Db, actor: Actor, id: number): Promise<SelectionSummary[]> {
  const assembly = await assemblyRow(db, actor, id);
  let query = db.selectFrom('assembly_selection').select(summaryColumns).where('assembly_id', '=', id);
  if (!mayManage(actor, assembly)) query = query.where('status', '=', 'done');
  return (await query.orderBy('round').execute()).map(summaryOf);
}

/** A seed as a shell word: quoted when it holds anything but letters, digits and . _ - */
const shellWord = (text: string) => (/^[A-Za-z0-9._-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`);

export interface SelectionRecord {
  assembly: { id: number; title: string };
  round: number;
  purpose: SelectionPurpose;
  seed: string;
  panelSize: number;
  algorithm: SelectionAlgorithm;
  quotas: Array<{ feature: string; value: string; min: number; max: number }>;
  fixed: string[];
  probabilities: Record<string, number>;
  panel: string[];
  categoriesCsv: string;
  respondentsCsv: string;
  recount: string;
}

/** The published record of a finished round (not found until it is done). */
export async function selectionRecord(db: Db, actor: Actor, id: number, round = 1): Promise<SelectionRecord> {
  const assembly = await assemblyRow(db, actor, id);
  const row = await db
    .selectFrom('assembly_selection')
    .selectAll()
    .where('assembly_id', '=', id)
    .where('round', '=', round)
    .where('status', '=', 'done')
    .executeTakeFirst();
  if (!row?.result) throw new NotFoundError('This selection round is not drawn yet.');
  const base = round === 1 ? `/assemblies/${id}/selection` : `/assemblies/${id}/selection/${round}`;
  return {
    assembly: { id, title: assembly.title },
    round,
    purpose: row.purpose,
    seed: row.seed,
    panelSize: row.seats,
    algorithm: row.algorithm,
    quotas: parseCategories(row.categories_csv).map((q) => ({
      feature: q.category,
      value: q.feature,
      min: q.min,
      max: q.max,
    })),
    fixed: row.fixed_pool_ids,
    probabilities: row.result.probabilities,
    panel: row.result.panel,
    categoriesCsv: `${base}/categories.csv`,
    respondentsCsv: `${base}/respondents.csv`,
    recount: `decide sortition --categories categories.csv --respondents respondents.csv --panel-size ${row.seats} --algorithm ${row.algorithm} --seed ${shellWord(row.seed)}`,
  };
}
