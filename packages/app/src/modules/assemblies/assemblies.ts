// A citizens' assembly as its organisation's admins set it up (the remit, the size, what taking part
// involves and pays, how registration and the draw work, the places it is for), as everyone finds
// it (listed by organisation or place, or one by id; drafts only for those who manage them), and
// the phases it moves through: draft → recruiting → selecting → sitting → reported → closed.
import { recordAudit } from '../../platform/audit.js';
import { type Db, inTransaction } from '../../platform/database.js';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/errors.js';
import { isIsoDate } from '../../platform/web/forms.js';
import { chosenPlaces, getOrganisationSummary, organisationNames, placeOptions } from '../registry/service.js';
import { assemblyLimits, checkText, wholeNumberIn } from './limits.js';
import { type Actor, assertCan, can, organisationsWhere } from './policy.js';
import { type AssembliesDeps, type AssemblyRow, assemblyRow, type Feature, featuresOf, mayManage, quotaRows, seatedStatuses } from './records.js';
import { type AssemblyKind, type AssemblyPhase, assemblyKinds, assemblyPhases, type SelectionAlgorithm, selectionAlgorithms } from './schema.js';

/** What organisers write when they set up an assembly (the form's field names are these keys). */
export interface AssemblyInput {
  organisationId: number;
  title: string;
  remit: string;
  kind: AssemblyKind;
  panelSize: number;
  involvement: string;
  payment: string;
  openRegistration: boolean;
  /** 'YYYY-MM-DD', or null for no set date. */
  registrationCloses: string | null;
  algorithm: SelectionAlgorithm;
  seedSource: string;
  /** Standing assemblies: months each member serves (null for a jury). */
  termMonths: number | null;
  answerDays: number;
  placeIds: number[];
}

export interface AssemblySummary {
  id: number;
  title: string;
  kind: AssemblyKind;
  phase: AssemblyPhase;
  phaseLabel: string;
  panelSize: number;
  registrationCloses: string | null;
  openRegistration: boolean;
  organisation: { id: number; name: string };
  places: Array<{ id: number; name: string }>;
  /** Confirmed members. */
  membersCount: number;
}

export interface AssemblyDetail extends AssemblySummary {
  organisationId: number;
  remit: string;
  involvement: string;
  payment: string;
  algorithm: SelectionAlgorithm;
  seedSource: string;
  termMonths: number | null;
  answerDays: number;
  createdByAccountId: number;
  createdAt: Date;
  updatedAt: Date;
  canManage: boolean;
  features: Feature[];
  /** Volunteers registered and not withdrawn. */
  poolSize: number;
}

/** What a new assembly starts with, before organisers choose. */
export const assemblyDefaults: Omit<AssemblyInput, 'organisationId' | 'title' | 'remit' | 'placeIds'> = {
  kind: 'jury',
  panelSize: 30,
  involvement: '',
  payment: '',
  openRegistration: false,
  registrationCloses: null,
  algorithm: 'leximin',
  seedSource: '',
  termMonths: null,
  answerDays: 90,
};

export const phaseLabels: Record<AssemblyPhase, string> = {
  draft: 'a draft',
  recruiting: 'recruiting volunteers',
  selecting: 'selecting its members',
  sitting: 'sitting',
  reported: 'reported, awaiting answers',
  closed: 'closed',
};

/**
 * The phases an assembly may move on to: the next one only. A standing assembly stays sitting
 * (its members rotate) until it is closed.
 */
export function nextPhases(assembly: { phase: AssemblyPhase; kind: AssemblyKind }): AssemblyPhase[] {
  if (assembly.kind === 'standing' && (assembly.phase === 'sitting' || assembly.phase === 'reported')) return ['closed'];
  const next = assemblyPhases[assemblyPhases.indexOf(assembly.phase) + 1];
  return next ? [next] : [];
}

type SettingsInput = Omit<AssemblyInput, 'organisationId' | 'placeIds'>;

/** Check an assembly as organisers write it: the message by field (the input's keys), or nothing. */
export function checkAssembly(input: SettingsInput): Record<string, string> {
  const errors: Record<string, string> = {};
  checkText(errors, 'title', input.title, assemblyLimits.title, { name: 'The title', required: 'Enter a title' });
  checkText(errors, 'remit', input.remit, assemblyLimits.remit, { name: 'The remit', required: 'Enter the question or remit put to the assembly' });
  if (!assemblyKinds.includes(input.kind)) errors.kind = 'Choose whether it is a one-off citizens’ jury or a standing assembly';
  if (!wholeNumberIn(input.panelSize, 2, 500)) errors.panelSize = 'Enter the number of members as a whole number from 2 to 500';
  checkText(errors, 'involvement', input.involvement, assemblyLimits.involvement, { name: 'What taking part involves' });
  checkText(errors, 'payment', input.payment, assemblyLimits.payment, { name: 'What is paid' });
  if (input.registrationCloses !== null && input.registrationCloses !== '' && !isIsoDate(input.registrationCloses))
    errors.registrationCloses = 'Enter the date registration closes as a real date, like 1 3 2027';
  if (!selectionAlgorithms.includes(input.algorithm)) errors.algorithm = 'Choose how the panel is drawn';
  checkText(errors, 'seedSource', input.seedSource, assemblyLimits.seedSource, { name: 'Where the seed comes from' });
  if (input.kind === 'standing' && !wholeNumberIn(input.termMonths, 1, 120))
    errors.termMonths = 'Enter how many months each member serves, as a whole number from 1 to 120';
  else if (input.kind !== 'standing' && input.termMonths !== null && !wholeNumberIn(input.termMonths, 1, 120))
    errors.termMonths = 'Enter the months each member serves as a whole number from 1 to 120, or leave it blank';
  if (!wholeNumberIn(input.answerDays, 1, 730)) errors.answerDays = 'Enter the days allowed to answer a recommendation as a whole number from 1 to 730';
  return errors;
}

function columnsOf(input: SettingsInput) {
  return {
    title: input.title.trim(),
    remit: input.remit.trim(),
    kind: input.kind,
    panel_size: input.panelSize,
    involvement: input.involvement.trim(),
    payment: input.payment.trim(),
    open_registration: input.openRegistration,
    registration_closes: input.registrationCloses || null,
    algorithm: input.algorithm,
    seed_source: input.seedSource.trim(),
    term_months: input.kind === 'standing' ? input.termMonths : null,
    answer_days: input.answerDays,
  };
}

async function setPlaces(db: Db, assemblyId: number, placeIds: number[]): Promise<void> {
  await db.deleteFrom('assembly_place').where('assembly_id', '=', assemblyId).execute();
  await db
    .insertInto('assembly_place')
    .values(placeIds.map((place_id) => ({ assembly_id: assemblyId, place_id })))
    .execute();
}

export async function createAssembly(deps: AssembliesDeps, actor: Actor, input: AssemblyInput): Promise<number> {
  assertCan(actor, 'assembly.manage', { organisationId: input.organisationId });
  if (!(await getOrganisationSummary(deps.db, input.organisationId))) throw new NotFoundError();
  const errors = checkAssembly(input);
  const placeIds = await chosenPlaces(deps.db, input.placeIds, errors, 'Choose at least one place the assembly is for');
  if (Object.keys(errors).length) throw new ValidationError(errors);
  return inTransaction(deps.db, async (trx) => {
    const row = await trx
      .insertInto('assembly')
      .values({ organisation_id: input.organisationId, ...columnsOf(input), created_by_account_id: actor.accountId as number })
      .returning('id')
      .executeTakeFirstOrThrow();
    await setPlaces(trx, row.id, placeIds);
    await recordAudit(trx, actor, { action: 'assembly.create', subjectType: 'assembly', subjectId: row.id });
    return row.id;
  });
}

/** The settings that shape the draw (field → column): fixed once a selection round has been asked for. */
const drawSettings = { kind: 'kind', panelSize: 'panel_size', algorithm: 'algorithm' } as const;

/** Change the settings; the kind, size and algorithm stay as they were once a draw has been asked for. */
export async function updateAssembly(deps: AssembliesDeps, actor: Actor, id: number, input: Omit<AssemblyInput, 'organisationId'>): Promise<void> {
  const current = await assemblyRow(deps.db, actor, id);
  assertCan(actor, 'assembly.manage', { organisationId: current.organisation_id });
  const errors = checkAssembly(input);
  const placeIds = await chosenPlaces(deps.db, input.placeIds, errors, 'Choose at least one place the assembly is for');
  const drawn = await deps.db.selectFrom('assembly_selection').select('id').where('assembly_id', '=', id).limit(1).executeTakeFirst();
  if (drawn) {
    const after = columnsOf(input);
    for (const [field, column] of Object.entries(drawSettings))
      if (!errors[field] && current[column] !== after[column]) errors[field] = 'This cannot change once the panel has been drawn';
  }
  if (Object.keys(errors).length) throw new ValidationError(errors);
  await inTransaction(deps.db, async (trx) => {
    await trx
      .updateTable('assembly')
      .set({ ...columnsOf(input), updated_at: new Date() })
      .where('id', '=', id)
      .execute();
    await setPlaces(trx, id, placeIds);
    await recordAudit(trx, actor, { action: 'assembly.update', subjectType: 'assembly', subjectId: id });
  });
}

/** The settings as organisers last wrote them, in the input's shape (for the settings form). */
export function assemblyInputOf(assembly: AssemblyDetail): AssemblyInput {
  return {
    organisationId: assembly.organisationId,
    title: assembly.title,
    remit: assembly.remit,
    kind: assembly.kind,
    panelSize: assembly.panelSize,
    involvement: assembly.involvement,
    payment: assembly.payment,
    openRegistration: assembly.openRegistration,
    registrationCloses: assembly.registrationCloses,
    algorithm: assembly.algorithm,
    seedSource: assembly.seedSource,
    termMonths: assembly.termMonths,
    answerDays: assembly.answerDays,
    placeIds: assembly.places.map((p) => p.id),
  };
}

const pageSize = 20;

/** Assemblies, newest first, optionally of one organisation or for one place; drafts only for those who manage them. */
export async function listAssemblies(
  db: Db,
  actor: Actor,
  filter: { organisationId?: number; placeId?: number; page?: number } = {},
): Promise<{ items: AssemblySummary[]; total: number; page: number; pageSize: number }> {
  assertCan(actor, 'assembly.read');
  const managed = can(actor, 'assembly.manage') ? 'all' : organisationsWhere(actor, 'assembly.manage');
  let query = db.selectFrom('assembly');
  if (filter.organisationId !== undefined) query = query.where('organisation_id', '=', filter.organisationId);
  if (filter.placeId !== undefined)
    query = query.where('id', 'in', db.selectFrom('assembly_place').select('assembly_id').where('place_id', '=', filter.placeId));
  if (managed !== 'all')
    query = query.where((eb) => (managed.length ? eb.or([eb('phase', '<>', 'draft'), eb('organisation_id', 'in', managed)]) : eb('phase', '<>', 'draft')));
  const { total } = await query.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  const lastPage = Math.max(1, Math.ceil(Number(total) / pageSize));
  const page = Math.min(Math.max(filter.page ?? 1, 1), lastPage);
  const rows = await query
    .selectAll()
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  return { items: await summariesOf(db, rows), total: Number(total), page, pageSize };
}

/** Summaries of these assemblies: organisations, places and members in a fixed number of queries. */
async function summariesOf(db: Db, rows: AssemblyRow[]): Promise<AssemblySummary[]> {
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const [organisations, placeRows, places, members] = await Promise.all([
    organisationNames(db, [...new Set(rows.map((r) => r.organisation_id))]),
    db.selectFrom('assembly_place').select(['assembly_id', 'place_id']).where('assembly_id', 'in', ids).execute(),
    placeOptions(db),
    db
      .selectFrom('assembly_member')
      .select((eb) => ['assembly_id', eb.fn.countAll<number>().as('count')])
      .where('assembly_id', 'in', ids)
      .where('status', '=', 'confirmed')
      .groupBy('assembly_id')
      .execute(),
  ]);
  const organisationName = new Map(organisations.map((o) => [o.id, o.name]));
  const placeName = new Map(places.map((p) => [p.id, p.name]));
  const confirmed = new Map(members.map((m) => [m.assembly_id, Number(m.count)]));
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    kind: r.kind,
    phase: r.phase,
    phaseLabel: phaseLabels[r.phase],
    panelSize: r.panel_size,
    registrationCloses: r.registration_closes,
    openRegistration: r.open_registration,
    organisation: { id: r.organisation_id, name: organisationName.get(r.organisation_id) ?? '' },
    places: placeRows
      .filter((p) => p.assembly_id === r.id)
      .map((p) => ({ id: p.place_id, name: placeName.get(p.place_id) ?? '' }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    membersCount: confirmed.get(r.id) ?? 0,
  }));
}

export async function getAssembly(deps: AssembliesDeps, actor: Actor, id: number): Promise<AssemblyDetail> {
  assertCan(actor, 'assembly.read');
  const row = await assemblyRow(deps.db, actor, id);
  const [[summary], quotas, pool] = await Promise.all([
    summariesOf(deps.db, [row]),
    quotaRows(deps.db, id),
    deps.db
      .selectFrom('assembly_volunteer')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('assembly_id', '=', id)
      .where('status', '=', 'registered')
      .executeTakeFirstOrThrow(),
  ]);
  return {
    ...(summary as AssemblySummary),
    organisationId: row.organisation_id,
    remit: row.remit,
    involvement: row.involvement,
    payment: row.payment,
    algorithm: row.algorithm,
    seedSource: row.seed_source,
    termMonths: row.term_months,
    answerDays: row.answer_days,
    createdByAccountId: row.created_by_account_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    canManage: mayManage(actor, row),
    features: featuresOf(quotas),
    poolSize: Number(pool.count),
  };
}

/** What must be true before an assembly moves on (a message when it is not). */
async function notReadyFor(db: Db, assembly: AssemblyRow, to: AssemblyPhase): Promise<string | null> {
  if (to === 'recruiting') {
    const features = featuresOf(await quotaRows(db, assembly.id));
    if (!features.length) return 'Set the selection questions and their quotas before recruiting: people answer them when they register.';
    return null;
  }
  if (to === 'sitting' && assembly.kind === 'jury') {
    const seated = await db
      .selectFrom('assembly_member')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('assembly_id', '=', assembly.id)
      .where('status', 'in', seatedStatuses)
      .executeTakeFirstOrThrow();
    if (!Number(seated.count)) return 'Draw the panel before the assembly sits.';
  }
  return null;
}

/** Move an assembly on to its next phase (the only move there is; see nextPhases). */
export async function moveAssemblyPhase(deps: AssembliesDeps, actor: Actor, id: number, phase: AssemblyPhase): Promise<void> {
  const assembly = await assemblyRow(deps.db, actor, id);
  assertCan(actor, 'assembly.manage', { organisationId: assembly.organisation_id });
  if (!nextPhases(assembly).includes(phase))
    throw new ConflictError(`An assembly that is ${phaseLabels[assembly.phase]} cannot become ${phaseLabels[phase] ?? 'that'}.`);
  const problem = await notReadyFor(deps.db, assembly, phase);
  if (problem) throw new ConflictError(problem);
  await inTransaction(deps.db, async (trx) => {
    const moved = await trx
      .updateTable('assembly')
      .set({ phase, updated_at: new Date() })
      .where('id', '=', id)
      .where('phase', '=', assembly.phase)
      .executeTakeFirst();
    if (!Number(moved.numUpdatedRows)) throw new ConflictError('The assembly has just moved on: look at it again.');
    await recordAudit(trx, actor, { action: `assembly.phase_${phase}`, subjectType: 'assembly', subjectId: id });
  });
}
