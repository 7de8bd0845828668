// The shapes the directory's service hands to pages (its own and other modules'): a search result
// line, everything a public page shows about one service, and what an organisation admin's form saves.
import type { ServiceStatus } from './schema.js';

export type { ServiceStatus };

export interface SearchQuery {
  /** Words to find in names and descriptions (PostgreSQL full text, English stemming). */
  text?: string;
  /** A taxonomy term id (uuid): services carrying that category. */
  category?: string;
  /** A UK postcode: results sorted by distance from it, with distanceMiles set. */
  postcode?: string;
  /** With a postcode: only services within this many miles (default 10, at most 200). */
  withinMiles?: number;
  /** 1-based (default 1). */
  page?: number;
  /** Default 20, at most 100. */
  pageSize?: number;
  /** Only this organisation's services. */
  organisationId?: number;
  /** Only services of organisations serving this place or a place within it (the registry's places). */
  placeId?: number;
  /** Include inactive and defunct services (default: only active and temporarily closed). */
  includeInactive?: boolean;
}

export interface Category {
  /** The taxonomy term's uuid. */
  id: string;
  name: string;
  description: string;
  /** The taxonomy's name ("Involve community categories"). */
  taxonomy: string | null;
  /** How many active services carry it (listCategories only). */
  services?: number;
}

export interface ServiceSummary {
  id: string;
  name: string;
  /** The description's first 300 characters ('' when none). */
  summary: string;
  status: ServiceStatus;
  organisationId: number;
  organisationName: string;
  categories: Array<{ id: string; name: string }>;
  /** Name of the nearest (or first) location, and its town and postcode, when it has one. */
  locationName: string | null;
  town: string | null;
  postcode: string | null;
  /** Miles from the searched postcode to the nearest location, rounded to 0.1 (null without a postcode search). */
  distanceMiles: number | null;
  /** 'YYYY-MM-DD'. */
  lastChecked: string;
  /** Last checked more than 6 months ago. */
  checkOverdue: boolean;
}

export interface SearchResult {
  items: ServiceSummary[];
  total: number;
  /** More than `total` (1,000) services match: a search without a postcode stops counting there, and then lists by name. */
  totalCapped: boolean;
  page: number;
  pageSize: number;
  /** The searched postcode, normalised ('NV1 1AA'), when one was given and known. */
  postcode: string | null;
  withinMiles: number | null;
}

export interface AddressView {
  id: string;
  address1: string;
  address2: string | null;
  city: string;
  region: string | null;
  postcode: string;
  country: string;
  addressType: string;
}

export interface LocationView {
  id: string;
  serviceAtLocationId: string;
  locationType: string;
  name: string | null;
  description: string | null;
  latitude: number | null;
  longitude: number | null;
  addresses: AddressView[];
  accessibility: Array<{ id: string; description: string | null; details: string | null; url: string | null }>;
}

export interface ScheduleView {
  id: string;
  /** RFC 5545 days ('MO', 'TU', …) as given. */
  days: string[];
  /** 'Monday, Wednesday' (empty when no days). */
  dayNames: string;
  freq: string | null;
  /** 'HH:MM' or null. */
  opensAt: string | null;
  closesAt: string | null;
  description: string | null;
  validFrom: string | null;
  validTo: string | null;
  attendingType: string | null;
  notes: string | null;
  /** The location it is for, when for one. */
  locationName: string | null;
}

export interface ContactView {
  id: string;
  name: string | null;
  title: string | null;
  email: string | null;
  phones: Array<{ id: string; number: string; description: string | null }>;
}

export interface ServiceDetail {
  id: string;
  name: string;
  description: string | null;
  url: string | null;
  email: string | null;
  status: ServiceStatus;
  fees: string | null;
  accreditations: string | null;
  eligibilityDescription: string | null;
  minimumAge: number | null;
  maximumAge: number | null;
  alert: string | null;
  assuredDate: string | null;
  /** ISO date-time. */
  lastModified: string;
  /** 'YYYY-MM-DD'. */
  lastChecked: string;
  /** Last checked more than 6 months ago. */
  checkOverdue: boolean;
  organisation: { id: number; name: string; orukId: string };
  categories: Category[];
  locations: LocationView[];
  schedules: ScheduleView[];
  contacts: ContactView[];
  /** The service's own phone numbers (not a contact's). */
  phones: Array<{ id: string; number: string; description: string | null }>;
  languages: Array<{ id: string; name: string | null; code: string | null }>;
  costOptions: Array<{
    id: string;
    option: string | null;
    amount: number | null;
    amountDescription: string | null;
    validFrom: string | null;
    validTo: string | null;
  }>;
  funding: Array<{ id: string; source: string | null }>;
  serviceAreas: Array<{ id: string; name: string | null; extent: string | null; extentType: string | null; uri: string | null }>;
  /** The actor may edit it and mark it checked (an admin of its organisation). */
  mayEdit: boolean;
}

export interface OpeningTimeInput {
  /** RFC 5545 day codes: 'MO' … 'SU'. */
  days: string[];
  /** 'HH:MM'. */
  opensAt: string;
  closesAt: string;
  description?: string;
}

export interface CostInput {
  option: string;
  /** Pounds, e.g. '3.50' (empty: free / not given). */
  amount: string | number | null;
  amountDescription?: string;
}

/**
 * What the edit form saves. Text fields take '' for "none". The service's first location and first
 * contact are edited in place; categories, languages, opening times and costs are replaced.
 */
export interface ServiceInput {
  organisationId: number;
  name: string;
  description: string;
  url: string;
  email: string;
  status: ServiceStatus | string;
  fees: string;
  eligibilityDescription: string;
  minimumAge: string | number | null;
  maximumAge: string | number | null;
  alert: string;
  /** Taxonomy term ids. */
  categoryIds: string[];
  /** Language names separated by commas ('English, Polish'). */
  languages: string;
  locationName: string;
  address1: string;
  address2: string;
  city: string;
  /** A UK postcode; its coordinates (from the postcode table) place the location for distance search. */
  postcode: string;
  /** How to get in and around (step-free access, hearing loop, …). */
  accessibility: string;
  openingTimes: OpeningTimeInput[];
  contactName: string;
  contactTitle: string;
  contactEmail: string;
  contactPhone: string;
  costs: CostInput[];
}
