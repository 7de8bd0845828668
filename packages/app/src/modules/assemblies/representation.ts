// How far the panel reflects the places it speaks for: for every selection feature and value, the
// population's share beside the pool's and the panel's (the panel: members selected or confirmed).
// Pool groups of fewer than 10 people are not shown, nor the panel's count for them, so no one can
// be picked out. And the "not the usual suspects" figure: the share of confirmed members who had
// never taken part in anything before.
import { sql } from 'kysely';
import type { Db } from '../../platform/database.js';
import type { Actor } from './policy.js';
import { assemblyRow, featuresOf, quotaRows, seatedStatuses } from './records.js';

/** Pool groups smaller than this are suppressed (a group of none is shown: it picks no one out). */
export const smallestPoolGroup = 10;
export const suppressedText = 'fewer than 10';

export interface RepresentationValue {
  value: string;
  min: number;
  max: number;
  populationShare: number | null;
  /** null when suppressed. */
  poolCount: number | null;
  poolShare: number | null;
  panelCount: number | null;
  panelShare: number | null;
  suppressed: boolean;
}

export interface RepresentationFeature {
  key: string;
  label: string;
  values: RepresentationValue[];
}

export interface Representation {
  features: RepresentationFeature[];
  /** Volunteers still registered. */
  poolSize: number;
  /** Members selected or confirmed. */
  panelSize: number;
  confirmed: number;
  /** Confirmed members who said they had never taken part before, and their share (null: no confirmed members). */
  firstTime: number;
  firstTimeShare: number | null;
}

type Counts = Map<string, number>;
const countKey = (feature: string, value: string) => `${feature}\u0000${value}`;

/** How many of the assembly's volunteers (of those the condition keeps) gave each feature's value. */
async function featureCounts(db: Db, id: number, panel: boolean): Promise<Counts> {
  const { rows } = await sql<{ feature: string; value: string; count: number | string }>`
    select f.key as feature, f.value as value, count(*) as count
    from assembly_volunteer v
    cross join lateral jsonb_each_text(v.features) f
    where v.assembly_id = ${id} and v.status = 'registered'
      and (${!panel} or exists (select 1 from assembly_member m where m.volunteer_id = v.id and m.status in (${sql.join(seatedStatuses)})))
    group by f.key, f.value`.execute(db);
  return new Map(rows.map((r) => [countKey(r.feature, r.value), Number(r.count)]));
}

export async function representation(db: Db, actor: Actor, id: number): Promise<Representation> {
  await assemblyRow(db, actor, id);
  const [quotas, pool, panel, sizes] = await Promise.all([
    quotaRows(db, id),
    featureCounts(db, id, false),
    featureCounts(db, id, true),
    db
      .selectFrom('assembly_volunteer as v')
      .leftJoin('assembly_member as m', (join) => join.onRef('m.volunteer_id', '=', 'v.id').on('m.status', 'in', seatedStatuses))
      .select((eb) => [
        eb.fn.countAll<number>().as('pool'),
        eb.fn.count<number>('m.id').as('panel'),
        eb.fn.count<number>('m.id').filterWhere('m.status', '=', 'confirmed').as('confirmed'),
        eb.fn.count<number>('m.id').filterWhere('m.status', '=', 'confirmed').filterWhere('v.first_time', '=', true).as('first_time'),
      ])
      .where('v.assembly_id', '=', id)
      .where('v.status', '=', 'registered')
      .executeTakeFirstOrThrow(),
  ]);
  const poolSize = Number(sizes.pool);
  const panelSize = Number(sizes.panel);
  const confirmed = Number(sizes.confirmed);
  const firstTime = Number(sizes.first_time);
  const features = featuresOf(quotas).map((feature) => ({
    key: feature.key,
    label: feature.label,
    values: feature.values.map((v): RepresentationValue => {
      const poolCount = pool.get(countKey(feature.key, v.value)) ?? 0;
      const panelCount = panel.get(countKey(feature.key, v.value)) ?? 0;
      const suppressed = poolCount > 0 && poolCount < smallestPoolGroup;
      return {
        ...v,
        poolCount: suppressed ? null : poolCount,
        poolShare: suppressed || !poolSize ? null : poolCount / poolSize,
        panelCount: suppressed ? null : panelCount,
        panelShare: suppressed || !panelSize ? null : panelCount / panelSize,
        suppressed,
      };
    }),
  }));
  return { features, poolSize, panelSize, confirmed, firstTime, firstTimeShare: confirmed ? firstTime / confirmed : null };
}
