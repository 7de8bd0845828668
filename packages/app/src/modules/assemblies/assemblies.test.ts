// A citizens' assembly through the service on a real database: set up (each wrong field named),
// listed and found (drafts only by its organisers), moved through its phases (only forward, and
// recruiting only with quotas), and its quotas: typed as lines (each bad line named), proposed from
// the places' population profile, refused when they cannot fill the seats, fixed once people have
// answered them, and compared with the pool and the panel.
import { beforeAll, describe, expect, it } from 'vitest';
import { rejection } from '../../../test/fixtures.js';
import { describeWithTestDatabase } from '../../../test/testDatabase.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../platform/errors.js';
import { anonymous } from '../../platform/permissions.js';
import { createPlace } from '../registry/service.js';
import {
  assemblyDefaults,
  assemblyInputOf,
  createAssembly,
  getAssembly,
  listAssemblies,
  moveAssemblyPhase,
  nextPhases,
  parseQuotasText,
  quotaComparison,
  quotasFromPopulation,
  setQuotas,
  updateAssembly,
} from './service.js';
import { assemblyPerson, sixSeatQuotas, type TestAssembly, testAssembly } from './testKit.js';

const fieldErrors = async (promise: Promise<unknown>) => {
  const error = await rejection(promise);
  expect(error).toBeInstanceOf(ValidationError);
  return (error as ValidationError).fieldErrors;
};

describe('quotas typed as lines', () => {
  it('reads feature | Label | value | min | max [| population %], skipping blank and # lines', () => {
    expect(parseQuotasText('# age\nage_band | Age | 16 to 34 | 1 | 3 | 30%\n\nsex | Sex | Female | 2 | 4\n')).toEqual({
      quotas: [
        { feature: 'age_band', featureLabel: 'Age', value: '16 to 34', min: 1, max: 3, populationShare: 0.3 },
        { feature: 'sex', featureLabel: 'Sex', value: 'Female', min: 2, max: 4, populationShare: null },
      ],
    });
  });

  it('names every line it cannot read', () => {
    expect(parseQuotasText('sex | Sex | Female | 2\nsex | Sex | Male | two | 4\nsex | Sex | Other | 0 | 1 | 120')).toEqual({
      error: [
        'Line 1: write feature | Label | value | min | max, and optionally | population %',
        'Line 2: min and max must be whole numbers, not “two” and “4”',
        'Line 3: the population share must be a percentage from 0 to 100, not “120”',
      ].join('\n'),
    });
    expect(parseQuotasText(' \n# nothing')).toEqual({ error: 'Enter at least one quota: one line for each answer to each selection question' });
  });
});

describe('the phases', () => {
  it('moves a jury one phase forward at a time, and keeps a standing assembly sitting until it closes', () => {
    expect(nextPhases({ phase: 'draft', kind: 'jury' })).toEqual(['recruiting']);
    expect(nextPhases({ phase: 'sitting', kind: 'jury' })).toEqual(['reported']);
    expect(nextPhases({ phase: 'closed', kind: 'jury' })).toEqual([]);
    expect(nextPhases({ phase: 'sitting', kind: 'standing' })).toEqual(['closed']);
  });
});

describeWithTestDatabase('citizens’ assemblies: the assembly and its quotas', (database) => {
  const deps = () => ({ db: database.db });
  let draft: TestAssembly;

  beforeAll(async () => {
    draft = await testAssembly(database.db, { phase: 'draft' });
  }, 60_000);

  const settings = (overrides = {}) => ({
    ...assemblyDefaults,
    organisationId: draft.organisationId,
    title: 'Urgent care in Leeds',
    remit: 'How should urgent care work?',
    placeIds: [draft.placeId],
    ...overrides,
  });

  it('names each wrong field when an assembly is set up, and lets only the organisation’s admins set one up', async () => {
    expect(
      await fieldErrors(
        createAssembly(
          deps(),
          draft.admin.actor,
          settings({ title: ' ', remit: '', panelSize: 1, registrationCloses: '2027-02-30', kind: 'standing', termMonths: null, answerDays: 0, placeIds: [] }),
        ),
      ),
    ).toEqual({
      title: 'Enter a title',
      remit: 'Enter the question or remit put to the assembly',
      panelSize: 'Enter the number of members as a whole number from 2 to 500',
      registrationCloses: 'Enter the date registration closes as a real date, like 1 3 2027',
      termMonths: 'Enter how many months each member serves, as a whole number from 1 to 120',
      answerDays: 'Enter the days allowed to answer a recommendation as a whole number from 1 to 730',
      placeIds: 'Choose at least one place the assembly is for',
    });
    const stranger = await assemblyPerson(database.db, 'Stranger');
    expect(await rejection(createAssembly(deps(), stranger.actor, settings()))).toBeInstanceOf(ForbiddenError);
    expect(await rejection(createAssembly(deps(), draft.admin.actor, settings({ placeIds: [draft.placeId, 999_999] })))).toBeInstanceOf(ValidationError);
  });

  it('shows a draft only to its organisers, and lists it only for them', async () => {
    const detail = await getAssembly(deps(), draft.admin.actor, draft.assemblyId);
    expect(detail).toMatchObject({
      id: draft.assemblyId,
      phase: 'draft',
      phaseLabel: 'a draft',
      panelSize: 6,
      canManage: true,
      features: [],
      poolSize: 0,
      membersCount: 0,
      places: [{ id: draft.placeId }],
      organisation: { id: draft.organisationId },
    });
    expect(await rejection(getAssembly(deps(), anonymous, draft.assemblyId))).toBeInstanceOf(NotFoundError);
    expect(await rejection(getAssembly(deps(), anonymous, -1))).toBeInstanceOf(NotFoundError);
    const mine = await listAssemblies(database.db, draft.admin.actor, { organisationId: draft.organisationId });
    expect(mine.items.map((a) => a.id)).toEqual([draft.assemblyId]);
    expect((await listAssemblies(database.db, anonymous, { organisationId: draft.organisationId })).total).toBe(0);
  });

  it('will not recruit before the quotas are set, nor move backwards or skip a phase', async () => {
    expect(await rejection(moveAssemblyPhase(deps(), draft.admin.actor, draft.assemblyId, 'recruiting'))).toBeInstanceOf(ConflictError);
    expect(await rejection(moveAssemblyPhase(deps(), draft.admin.actor, draft.assemblyId, 'sitting'))).toBeInstanceOf(ConflictError);
  });

  it('refuses quotas that cannot fill the seats, naming the line or the feature, and keeps the old ones', async () => {
    const errors = await fieldErrors(
      setQuotas(deps(), draft.admin.actor, draft.assemblyId, [
        { feature: 'Age Band', featureLabel: 'Age', value: 'Young', min: 1, max: 2, populationShare: null },
        { feature: 'sex', featureLabel: 'Sex', value: 'Female', min: 5, max: 4, populationShare: 1.5 },
        { feature: 'sex', featureLabel: 'Gender', value: 'Male', min: 1, max: 2, populationShare: null },
      ]),
    );
    expect(errors.quotas?.split('\n')).toEqual([
      'Line 1: the feature “Age Band” must be a short key of small letters, digits and _, starting with a letter, like age_band',
      'Line 2: min 5 is above max 4; the population share must be a percentage from 0 to 100',
      'Line 3: the question for sex is “Sex” on an earlier line: use the same words on each line',
    ]);
    expect(
      (
        await fieldErrors(
          setQuotas(deps(), draft.admin.actor, draft.assemblyId, [
            { feature: 'sex', featureLabel: 'Sex', value: 'Female', min: 4, max: 5, populationShare: null },
            { feature: 'sex', featureLabel: 'Sex', value: 'Male', min: 4, max: 5, populationShare: null },
          ]),
        )
      ).quotas,
    ).toBe('sex: the mins add up to 8, more than the 6 seats');
    expect((await getAssembly(deps(), draft.admin.actor, draft.assemblyId)).features).toEqual([]);
  });

  it('proposes quotas from the places’ population, adults only, with a place question when there are several', async () => {
    const platform = { accountId: null, platformAdmin: true, organisationRoles: [] };
    const population = (younger: number, older: number) => ({
      age_band: [
        { category: '0 to 15', people: 5000 },
        { category: '16 to 49', people: younger },
        { category: '50 and over', people: older },
      ],
      sex: [
        { category: 'Female', people: (younger + older) / 2 },
        { category: 'Male', people: (younger + older) / 2 },
      ],
    });
    const north = await createPlace({ db: database.db }, platform, { name: `North ${Date.now()}`, kind: 'neighbourhood', population: population(6000, 4000) });
    const south = await createPlace({ db: database.db }, platform, { name: `South ${Date.now()}`, kind: 'neighbourhood', population: population(2000, 8000) });
    await updateAssembly(deps(), draft.admin.actor, draft.assemblyId, {
      ...assemblyInputOf(await getAssembly(deps(), draft.admin.actor, draft.assemblyId)),
      placeIds: [north, south],
      panelSize: 20,
    });
    const proposed = await quotasFromPopulation(database.db, draft.admin.actor, draft.assemblyId, 20);
    // 16–49: 8,000 of 20,000 adults (40%: 8 of 20 seats, 6 to 10); 50 and over: 60% (12: 9 to 15); sexes 50% (10: 8 to 12); each place 50%.
    expect(proposed.map((q) => [q.feature, q.value, q.min, q.max, q.populationShare])).toEqual([
      ['age_band', '16 to 49', 6, 10, 0.4],
      ['age_band', '50 and over', 9, 15, 0.6],
      ['sex', 'Female', 8, 12, 0.5],
      ['sex', 'Male', 8, 12, 0.5],
      ['place', expect.stringMatching(/^North/), 8, 12, 0.5],
      ['place', expect.stringMatching(/^South/), 8, 12, 0.5],
    ]);
    expect(proposed[4]?.featureLabel).toBe('Where you live');
    await setQuotas(deps(), draft.admin.actor, draft.assemblyId, proposed);
    const detail = await getAssembly(deps(), draft.admin.actor, draft.assemblyId);
    expect(detail.features.map((f) => [f.key, f.label, f.values.length])).toEqual([
      ['age_band', 'Age', 2],
      ['sex', 'Sex', 2],
      ['place', 'Where you live', 2],
    ]);
    expect(await rejection(quotasFromPopulation(database.db, anonymous, draft.assemblyId, 20))).toBeInstanceOf(NotFoundError);
  });

  it('moves to recruiting once quotas are set; then the answers people gave stay, only the numbers may change', { timeout: 60_000 }, async () => {
    const a = await testAssembly(database.db, { volunteers: 8, phase: 'recruiting' });
    expect((await getAssembly(deps(), anonymous, a.assemblyId)).phase).toBe('recruiting');
    expect((await listAssemblies(database.db, anonymous, { placeId: a.placeId })).items.map((x) => x.id)).toEqual([a.assemblyId]);
    const errors = await fieldErrors(
      setQuotas(
        deps(),
        a.admin.actor,
        a.assemblyId,
        sixSeatQuotas.filter((q) => q.value !== '60 and over'),
      ),
    );
    expect(errors.quotas).toContain(
      'People have registered already: the questions and answers cannot change now, only the numbers (age_band = 60 and over is missing)',
    );
    await setQuotas(
      deps(),
      a.admin.actor,
      a.assemblyId,
      sixSeatQuotas.map((q) => ({ ...q, max: q.max + 1 })),
    );
    // Population, quota, pool and panel side by side.
    const comparison = await quotaComparison(database.db, a.admin.actor, a.assemblyId);
    expect(comparison[0]).toEqual({
      feature: 'sex',
      label: 'Sex',
      value: 'Female',
      min: 2,
      max: 5,
      populationShare: 0.51,
      poolCount: a.volunteers.filter((v) => v.features.sex === 'Female').length,
      poolShare: a.volunteers.filter((v) => v.features.sex === 'Female').length / 8,
      panelCount: 0,
    });
    expect(comparison.reduce((sum, line) => sum + line.poolCount, 0)).toBe(16);
    expect(await rejection(quotaComparison(database.db, a.volunteers[0]?.actor ?? anonymous, a.assemblyId))).toBeInstanceOf(ForbiddenError);
    // The settings of the draw are fixed once a draw is asked for; other settings still change.
    await updateAssembly(deps(), a.admin.actor, a.assemblyId, {
      ...assemblyInputOf(await getAssembly(deps(), a.admin.actor, a.assemblyId)),
      payment: '£120 a day',
    });
    expect((await getAssembly(deps(), anonymous, a.assemblyId)).payment).toBe('£120 a day');
  });
});
