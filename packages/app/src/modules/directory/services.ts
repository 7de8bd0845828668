// One service: read for its public page, saved by its organisation's admins, marked checked, listed
// per organisation.
import type { Db } from '../../platform/database.js';
import type { Actor } from './policy.js';
import type { DirectoryDeps } from './records.js';
import type { ServiceDetail, ServiceInput, ServiceSummary } from './types.js';

/** Everything a public page shows about one service; NotFoundError for an unknown or malformed id. */
export async function getService(db: Db, actor: Actor, id: string): Promise<ServiceDetail> {
  throw new Error(`TODO getService ${db && actor && id}`);
}

/**
 * Create (no id) or update a service. Only admins of input.organisationId (and of the service's
 * current organisation, when updating). ValidationError keyed by ServiceInput field names.
 * Returns the service's id.
 */
export async function saveService(deps: DirectoryDeps, actor: Actor, input: ServiceInput, id?: string): Promise<string> {
  throw new Error(`TODO saveService ${deps && actor && input && id}`);
}

/** The organisation's admin confirms the entry is right: last_checked becomes today. */
export async function markChecked(deps: DirectoryDeps, actor: Actor, id: string): Promise<void> {
  throw new Error(`TODO markChecked ${deps && actor && id}`);
}

/** Remove a service (its organisation's admins). */
export async function deleteService(deps: DirectoryDeps, actor: Actor, id: string): Promise<void> {
  throw new Error(`TODO deleteService ${deps && actor && id}`);
}

/** An organisation's services, by name, inactive ones included (for its admins' list and its page). */
export async function servicesOf(db: Db, actor: Actor, organisationId: number): Promise<ServiceSummary[]> {
  throw new Error(`TODO servicesOf ${db && actor && organisationId}`);
}

/** The form's values for an existing service (for the edit page). */
export function serviceInputOf(detail: ServiceDetail): ServiceInput {
  throw new Error(`TODO serviceInputOf ${detail}`);
}

/** An empty form for a new service of this organisation. */
export function emptyServiceInput(organisationId: number): ServiceInput {
  return {
    organisationId,
    name: '',
    description: '',
    url: '',
    email: '',
    status: 'active',
    fees: '',
    eligibilityDescription: '',
    minimumAge: null,
    maximumAge: null,
    alert: '',
    categoryIds: [],
    languages: 'English',
    locationName: '',
    address1: '',
    address2: '',
    city: '',
    postcode: '',
    accessibility: '',
    openingTimes: [],
    contactName: '',
    contactTitle: '',
    contactEmail: '',
    contactPhone: '',
    costs: [],
  };
}
