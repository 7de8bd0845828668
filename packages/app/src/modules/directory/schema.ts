// Tables of the community directory, following the Open Referral UK profile (HSDS 3.0 UK): services
// run by registry organisations, their locations (with addresses, accessibility and coordinates),
// service-at-location links, opening times (schedules), contacts and phones, costs, funding, service
// areas and languages, and taxonomies whose terms are linked to services (and other records) by
// attributes. Every record's id is the profile's UUID. The registry's organisations keep their
// integer ids; directory_organisation gives each one its Open Referral UUID and the profile's
// organisation fields the registry does not hold. directory_postcode holds postcode coordinates
// (imported files and the demo) for distance search; nothing asks an outside service.
//
// Optional profile fields are nullable, so that what a directory exchanged as CSV leaves out stays
// left out when it is served again.
import type { ColumnType } from 'kysely';

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
/** A 'YYYY-MM-DD' date (both drivers return date columns as strings). */
type DateText = string;
type Uuid = string;
type MaybeUuid = ColumnType<string, string | undefined, string>;

export const serviceStatuses = ['active', 'inactive', 'defunct', 'temporarily closed'] as const;
export type ServiceStatus = (typeof serviceStatuses)[number];

export const locationTypes = ['physical', 'postal', 'virtual'] as const;
export type LocationType = (typeof locationTypes)[number];

export const addressTypes = ['physical', 'postal', 'virtual'] as const;
export type AddressType = (typeof addressTypes)[number];

export const scheduleFrequencies = ['WEEKLY', 'MONTHLY'] as const;
export type ScheduleFrequency = (typeof scheduleFrequencies)[number];

/** The Open Referral side of a registry organisation: its UUID and the profile's fields the registry lacks. */
export interface DirectoryOrganisationTable {
  organisation_id: number;
  oruk_id: MaybeUuid;
  email: string | null;
  logo: string | null;
  uri: string | null;
  parent_organization_id: Uuid | null;
  created_at: CreatedAt;
}

export interface DirectoryOrganisationIdentifierTable {
  id: MaybeUuid;
  organisation_id: number;
  identifier_scheme: string | null;
  identifier_type: string;
  identifier: string;
}

export interface DirectoryServiceTable {
  id: MaybeUuid;
  organisation_id: number;
  name: string;
  description: string | null;
  url: string | null;
  email: string | null;
  status: ColumnType<ServiceStatus, ServiceStatus | undefined, ServiceStatus>;
  fees: string | null;
  accreditations: string | null;
  /** Not in the UK profile; HSDS 3.0's eligibility_description. */
  eligibility_description: string | null;
  minimum_age: number | null;
  maximum_age: number | null;
  assured_date: DateText | null;
  assurer_email: string | null;
  alert: string | null;
  /** The profile's last_modified: when the entry last changed. */
  last_modified: Timestamp;
  /** When the owner last confirmed the entry is right (shown on every entry; reminders after 6 months). */
  last_checked: ColumnType<DateText, DateText | undefined, DateText>;
  /** When the owner was last reminded to check it (claimed by the reminder job). */
  check_reminded_at: NullableTimestamp;
  created_at: CreatedAt;
  /** Generated full-text column (name weighted above description); never written. */
  search_vector: ColumnType<string, never, never>;
}

export interface DirectoryLocationTable {
  id: MaybeUuid;
  location_type: LocationType;
  name: string | null;
  description: string | null;
  /** WGS84 decimal degrees (not range-checked: exchanged files carry what they carry; search skips impossible ones). */
  latitude: number | null;
  longitude: number | null;
  external_identifier: string | null;
  external_identifier_type: string | null;
}

export interface DirectoryAddressTable {
  id: MaybeUuid;
  location_id: Uuid;
  attention: string | null;
  address_1: string;
  /** Not in the compiled answer schema's address, but in the profile's addresses.csv. */
  address_2: string | null;
  city: string;
  region: string | null;
  state_province: string;
  postal_code: string;
  country: string;
  address_type: AddressType;
}

export interface DirectoryAccessibilityTable {
  id: MaybeUuid;
  location_id: Uuid;
  description: string | null;
  details: string | null;
  url: string | null;
  accessibility: string | null;
}

export interface DirectoryServiceAtLocationTable {
  id: MaybeUuid;
  service_id: Uuid;
  location_id: Uuid;
}

export interface DirectoryScheduleTable {
  id: MaybeUuid;
  service_id: Uuid | null;
  location_id: Uuid | null;
  service_at_location_id: Uuid | null;
  valid_from: DateText | null;
  valid_to: DateText | null;
  dtstart: DateText | null;
  timezone: number | null;
  until: DateText | null;
  count: number | null;
  wkst: string | null;
  freq: ScheduleFrequency | null;
  interval: number | null;
  /** RFC 5545 days, comma separated ("MO,TU"). */
  byday: string | null;
  byweekno: string | null;
  bymonthday: string | null;
  byyearday: string | null;
  description: string | null;
  /** 'HH:MM:SS'. */
  opens_at: string | null;
  closes_at: string | null;
  schedule_link: string | null;
  attending_type: string | null;
  notes: string | null;
}

export interface DirectoryContactTable {
  id: MaybeUuid;
  service_id: Uuid;
  name: string | null;
  title: string | null;
  /** Not in the UK profile's contact; HSDS 3.0's contact email. */
  email: string | null;
}

export interface DirectoryPhoneTable {
  id: MaybeUuid;
  contact_id: Uuid | null;
  /** A service's own number (HSDS 3.0), when not a contact's. */
  service_id: Uuid | null;
  number: string;
  description: string | null;
}

/** A language a service is delivered in. The UK profile's row has only ids; name and code are HSDS 3.0's. */
export interface DirectoryLanguageTable {
  id: MaybeUuid;
  service_id: Uuid;
  phone_id: Uuid | null;
  /** The language's name in English ("Polish"). */
  name: string | null;
  /** ISO 639 code ("pl"). */
  code: string | null;
}

export interface DirectoryCostOptionTable {
  id: MaybeUuid;
  service_id: Uuid;
  valid_from: DateText | null;
  valid_to: DateText | null;
  option: string | null;
  /** In pounds. */
  amount: number | null;
  amount_description: string | null;
}

export interface DirectoryFundingTable {
  id: MaybeUuid;
  service_id: Uuid;
  source: string | null;
}

export interface DirectoryServiceAreaTable {
  id: MaybeUuid;
  service_id: Uuid;
  name: string | null;
  extent: string | null;
  extent_type: string | null;
  uri: string | null;
  service_area: string | null;
}

export interface DirectoryTaxonomyTable {
  id: MaybeUuid;
  name: string;
  description: string;
  uri: string | null;
  version: string | null;
}

export interface DirectoryTaxonomyTermTable {
  id: MaybeUuid;
  name: string;
  description: string;
  /** Not a foreign key: exchanged files name parents and taxonomies they do not carry. */
  parent_id: Uuid | null;
  taxonomy: string | null;
  taxonomy_id: Uuid | null;
  term_uri: string | null;
  term: string | null;
}

/**
 * A taxonomy term attached to a record (HSDS attribute): link_id is the record's id, link_entity
 * which table it is in ('service', 'location', 'organization', ... or null when an exchanged file
 * does not say). A service's categories are its attributes.
 */
export interface DirectoryAttributeTable {
  id: MaybeUuid;
  link_id: Uuid;
  link_entity: string | null;
  link_type: string | null;
  taxonomy_term_id: Uuid;
}

/** Postcode coordinates for distance search. postcode is normalised: upper case, one space ("NV1 1AA"). */
export interface DirectoryPostcodeTable {
  postcode: string;
  latitude: number;
  longitude: number;
}

export interface DirectoryTables {
  directory_organisation: DirectoryOrganisationTable;
  directory_organisation_identifier: DirectoryOrganisationIdentifierTable;
  directory_service: DirectoryServiceTable;
  directory_location: DirectoryLocationTable;
  directory_address: DirectoryAddressTable;
  directory_accessibility: DirectoryAccessibilityTable;
  directory_service_at_location: DirectoryServiceAtLocationTable;
  directory_schedule: DirectoryScheduleTable;
  directory_contact: DirectoryContactTable;
  directory_phone: DirectoryPhoneTable;
  directory_language: DirectoryLanguageTable;
  directory_cost_option: DirectoryCostOptionTable;
  directory_funding: DirectoryFundingTable;
  directory_service_area: DirectoryServiceAreaTable;
  directory_taxonomy: DirectoryTaxonomyTable;
  directory_taxonomy_term: DirectoryTaxonomyTermTable;
  directory_attribute: DirectoryAttributeTable;
  directory_postcode: DirectoryPostcodeTable;
}

export const directoryTables = [
  'directory_organisation',
  'directory_organisation_identifier',
  'directory_service',
  'directory_location',
  'directory_address',
  'directory_accessibility',
  'directory_service_at_location',
  'directory_schedule',
  'directory_contact',
  'directory_phone',
  'directory_language',
  'directory_cost_option',
  'directory_funding',
  'directory_service_area',
  'directory_taxonomy',
  'directory_taxonomy_term',
  'directory_attribute',
  'directory_postcode',
] as const satisfies ReadonlyArray<keyof DirectoryTables>;

declare module '../../platform/schema.js' {
  interface Database extends DirectoryTables {}
}
