// The gaps view: organisations that take NHS money but have no patient representative on their
// board, or no patient reference group (for a GP practice: no patient participation group).
// One query per kind of gap, never one per organisation.
import { type Expression, type SqlBool, sql } from 'kysely';
import type { Db } from '../../platform/database.js';
import { todayInEngland } from '../../platform/web/forms.js';
import type { OrganisationType } from './schema.js';

export interface GapItem {
  id: number;
  name: string;
  type: OrganisationType;
  odsCode: string | null;
  isDemo: boolean;
}

export interface Gaps {
  /**
   * Organisations with no board, or whose board has nobody with a current term as patient
   * representative. GP practices are left out: they are partnerships without a board, and their
   * patient voice is the patient participation group (checked below).
   */
  noBoardRepresentative: Array<GapItem & { hasBoard: boolean }>;
  /** Organisations without a patient reference group (a GP practice: without a PPG). */
  noPatientGroup: Array<GapItem & { missing: 'patient_reference_group' | 'patient_participation_group' }>;
}

export async function findGaps(db: Db, options: { placeId?: number; today?: string } = {}): Promise<Gaps> {
  const today = options.today ?? todayInEngland();
  const inPlace: Expression<SqlBool> =
    options.placeId === undefined
      ? sql<SqlBool>`true`
      : sql<SqlBool>`exists (
          with recursive within_place(id) as (
            select id from place where id = ${options.placeId}
            union all
            select p.id from place p join within_place w on p.parent_id = w.id
          )
          select 1 from organisation_place op where op.organisation_id = o.id and op.place_id in (select id from within_place))`;

  const boards = await sql<{ id: number; name: string; type: OrganisationType; ods_code: string | null; is_demo: boolean; has_board: boolean }>`
      select o.id, o.name, o.type, o.ods_code, o.is_demo,
        exists (select 1 from body b where b.organisation_id = o.id and b.kind = 'board') as has_board
      from organisation o
      where o.takes_nhs_money and o.type <> 'gp_practice' and ${inPlace}
        and not exists (
          select 1 from body b join body_member m on m.body_id = b.id
          where b.organisation_id = o.id and b.kind = 'board' and m.role = 'patient_representative'
            and m.term_start <= ${today}::date and (m.term_end is null or m.term_end >= ${today}::date))
      order by o.name, o.id`.execute(db);
  const groups = await sql<{ id: number; name: string; type: OrganisationType; ods_code: string | null; is_demo: boolean }>`
      select o.id, o.name, o.type, o.ods_code, o.is_demo
      from organisation o
      where o.takes_nhs_money and ${inPlace}
        and not exists (
          select 1 from body b where b.organisation_id = o.id
            and b.kind = case when o.type = 'gp_practice' then 'patient_participation_group' else 'patient_reference_group' end)
      order by o.name, o.id`.execute(db);
  return {
    noBoardRepresentative: boards.rows.map((r) => ({ id: r.id, name: r.name, type: r.type, odsCode: r.ods_code, isDemo: r.is_demo, hasBoard: r.has_board })),
    noPatientGroup: groups.rows.map((r) => ({
      id: r.id,
      name: r.name,
      type: r.type,
      odsCode: r.ods_code,
      isDemo: r.is_demo,
      missing: r.type === 'gp_practice' ? 'patient_participation_group' : 'patient_reference_group',
    })),
  };
}
