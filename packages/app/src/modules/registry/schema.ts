// Tables of the registry: places, organisations, their relations, bodies and members.
import type { ColumnType, Generated } from 'kysely';

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;

export const placeKinds = ['integrated_care_system', 'local_authority_area', 'neighbourhood'] as const;
export type PlaceKind = (typeof placeKinds)[number];

export interface PlaceTable {
  id: Generated<number>;
  name: string;
  kind: PlaceKind;
  parent_id: number | null;
  /** ONS/GSS code where one exists, e.g. E54000054. */
  code: string | null;
  created_at: CreatedAt;
}

export interface PlacePopulationTable {
  place_id: number;
  /** 'age_band' | 'sex' | 'ethnicity' */
  dimension: string;
  category: string;
  people: number;
}

export const organisationTypes = [
  'commissioner',
  'nhs_trust',
  'gp_practice',
  'pharmacy',
  'local_authority',
  'healthwatch',
  'voluntary_group',
  'social_care_provider',
  'independent_provider',
  'school_or_university',
] as const;
export type OrganisationType = (typeof organisationTypes)[number];

export interface OrganisationTable {
  id: Generated<number>;
  name: string;
  type: OrganisationType;
  ods_code: string | null;
  address: string | null;
  postcode: string | null;
  website: string | null;
  takes_nhs_money: boolean;
  description: string | null;
  /** true for the demo health system, so it is clearly labelled and can be told apart. */
  is_demo: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
  /** Generated full-text column; never written. */
  search_vector: ColumnType<string, never, never>;
}

export interface OrganisationPlaceTable {
  organisation_id: number;
  place_id: number;
}

export const relationKinds = ['commissions', 'provides_for', 'member_of', 'hosts'] as const;
export type RelationKind = (typeof relationKinds)[number];

export interface OrganisationRelationTable {
  id: Generated<number>;
  from_organisation_id: number;
  kind: RelationKind;
  to_organisation_id: number;
}

export const bodyKinds = ['board', 'committee', 'patient_participation_group', 'patient_reference_group', 'health_and_wellbeing_board', 'assembly'] as const;
export type BodyKind = (typeof bodyKinds)[number];

export interface BodyTable {
  id: Generated<number>;
  organisation_id: number;
  name: string;
  kind: BodyKind;
  remit: string | null;
  reports_to_body_id: number | null;
  created_at: CreatedAt;
}

export const memberRoles = ['chair', 'member', 'lay_member', 'patient_representative', 'non_executive_ppi_lead', 'healthwatch_representative'] as const;
export type MemberRole = (typeof memberRoles)[number];

export interface BodyMemberTable {
  id: Generated<number>;
  body_id: number;
  /** The name shown in public: members of public bodies are public in that role. */
  person_name: string;
  account_id: number | null;
  role: MemberRole;
  term_start: ColumnType<string, string, string>;
  term_end: ColumnType<string | null, string | null | undefined, string | null>;
}

/** The registry module's tables, as Kysely sees them. */
export interface RegistryTables {
  place: PlaceTable;
  place_population: PlacePopulationTable;
  organisation: OrganisationTable;
  organisation_place: OrganisationPlaceTable;
  organisation_relation: OrganisationRelationTable;
  body: BodyTable;
  body_member: BodyMemberTable;
}

/** Their names, for the manifest (the boundary test checks that only this module queries them). */
export const registryTables = [
  'place',
  'place_population',
  'organisation',
  'organisation_place',
  'organisation_relation',
  'body',
  'body_member',
] as const satisfies ReadonlyArray<keyof RegistryTables>;

declare module '../../platform/schema.js' {
  interface Database extends RegistryTables {}
}
