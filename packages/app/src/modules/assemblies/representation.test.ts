// How far the panel reflects the population and the pool, worked by hand on a real database: pool
// groups of 1 to 9 people (and the panel's count for them) are suppressed; a group of none is
// shown; members who declined or withdrew are not on the panel; the first-time share is of confirmed
// members only.
import { beforeAll, expect, it } from 'vitest';
import { rejection } from '../../../test/fixtures.js';
import { describeWithTestDatabase } from '../../../test/testDatabase.js';
import { NotFoundError } from '../../platform/errors.js';
import { anonymous } from '../../platform/permissions.js';
import type { MemberStatus } from './schema.js';
import { representation } from './service.js';
import { type SeatedAssembly, type SeatedVolunteer, seatedAssembly } from './testKit.js';

const quotas = [
  { feature: 'sex', label: 'Sex', value: 'Female', min: 2, max: 4, populationShare: 0.51 },
  { feature: 'sex', label: 'Sex', value: 'Male', min: 2, max: 4, populationShare: 0.48 },
  { feature: 'sex', label: 'Sex', value: 'Other', min: 0, max: 1, populationShare: 0.01 },
  { feature: 'age_band', label: 'Age', value: '16-29', min: 1, max: 3, populationShare: 0.25 },
  { feature: 'age_band', label: 'Age', value: '30-64', min: 1, max: 3, populationShare: 0.55 },
  { feature: 'age_band', label: 'Age', value: '65+', min: 1, max: 3, populationShare: 0.2 },
];

/** 24 in the pool: 14 women and 10 men; 3 aged 16-29, 12 aged 30-64, 9 aged 65 or over. */
function pool(): SeatedVolunteer[] {
  const seats: Record<number, { status: MemberStatus; firstTime?: boolean }> = {
    0: { status: 'confirmed', firstTime: true },
    3: { status: 'confirmed', firstTime: true },
    4: { status: 'confirmed' },
    15: { status: 'confirmed' },
    5: { status: 'selected', firstTime: true },
    16: { status: 'selected' },
    6: { status: 'declined', firstTime: true },
  };
  const volunteers: SeatedVolunteer[] = Array.from({ length: 24 }, (_, i) => ({
    features: { sex: i < 14 ? 'Female' : 'Male', age_band: i < 3 ? '16-29' : i < 15 ? '30-64' : '65+' },
    status: seats[i]?.status ?? null,
    firstTime: seats[i]?.firstTime ?? false,
  }));
  // Withdrew after confirming: out of the pool and off the panel.
  volunteers.push({ features: { sex: 'Other', age_band: '65+' }, status: 'withdrawn', firstTime: true, withdrawn: true });
  return volunteers;
}

describeWithTestDatabase('citizens’ assemblies: representativeness', (database) => {
  let a: SeatedAssembly;

  beforeAll(async () => {
    a = await seatedAssembly(database.db, { quotas, members: pool() });
  });

  it('puts the panel beside the population and the pool, suppressing pool groups under 10', async () => {
    expect(await representation(database.db, anonymous, a.assemblyId)).toEqual({
      poolSize: 24,
      panelSize: 6,
      confirmed: 4,
      firstTime: 2,
      firstTimeShare: 0.5,
      features: [
        {
          key: 'sex',
          label: 'Sex',
          values: [
            { value: 'Female', min: 2, max: 4, populationShare: 0.51, poolCount: 14, poolShare: 14 / 24, panelCount: 4, panelShare: 4 / 6, suppressed: false },
            { value: 'Male', min: 2, max: 4, populationShare: 0.48, poolCount: 10, poolShare: 10 / 24, panelCount: 2, panelShare: 2 / 6, suppressed: false },
            { value: 'Other', min: 0, max: 1, populationShare: 0.01, poolCount: 0, poolShare: 0, panelCount: 0, panelShare: 0, suppressed: false },
          ],
        },
        {
          key: 'age_band',
          label: 'Age',
          values: [
            { value: '16-29', min: 1, max: 3, populationShare: 0.25, poolCount: null, poolShare: null, panelCount: null, panelShare: null, suppressed: true },
            { value: '30-64', min: 1, max: 3, populationShare: 0.55, poolCount: 12, poolShare: 12 / 24, panelCount: 3, panelShare: 3 / 6, suppressed: false },
            { value: '65+', min: 1, max: 3, populationShare: 0.2, poolCount: null, poolShare: null, panelCount: null, panelShare: null, suppressed: true },
          ],
        },
      ],
    });
  });

  it('has no shares of an empty pool or panel, and hides a draft assembly from all but its organisers', async () => {
    const empty = await seatedAssembly(database.db, { members: [], phase: 'draft' });
    expect(await rejection(representation(database.db, anonymous, empty.assemblyId))).toBeInstanceOf(NotFoundError);
    const seen = await representation(database.db, empty.admin, empty.assemblyId);
    expect(seen).toMatchObject({ poolSize: 0, panelSize: 0, confirmed: 0, firstTime: 0, firstTimeShare: null });
    expect(seen.features.flatMap((f) => f.values.map((v) => [v.value, v.poolCount, v.poolShare, v.panelShare]))).toEqual([
      ['Female', 0, null, null],
      ['Male', 0, null, null],
      ['16-44', 0, null, null],
      ['45+', 0, null, null],
    ]);
  });
});
