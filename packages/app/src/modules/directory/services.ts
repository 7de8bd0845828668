// One service: read for its public page, saved by its organisation's admins, marked checked, listed
// per organisation.
import { recordAudit } from '../../platform/audit.js';
import { type Db, inTransaction } from '../../platform/database.js';
import { NotFoundError, ValidationError } from '../../platform/errors.js';
import { todayInEngland } from '../../platform/web/index.js';
import { normalisePostcode, organisationNames } from '../registry/service.js';
import { type Actor, assertCan, can } from './policy.js';
import { checkDueBefore, type DirectoryDeps, isUuid } from './records.js';
import { type ServiceStatus, serviceStatuses } from './schema.js';
import { findServiceIds, postcodePoint, summariesOf } from './search.js';
import type { Category, OpeningTimeInput, ScheduleView, ServiceDetail, ServiceInput, ServiceSummary } from './types.js';

export const dayCodes = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
export const dayNames: Record<string, string> = {
  MO: 'Monday',
  TU: 'Tuesday',
  WE: 'Wednesday',
  TH: 'Thursday',
  FR: 'Friday',
  SA: 'Saturday',
  SU: 'Sunday',
};

/** ISO 639-1 codes of languages commonly offered in England (others are kept by name only). */
const languageCodes: Record<string, string> = {
  english: 'en',
  welsh: 'cy',
  polish: 'pl',
  romanian: 'ro',
  punjabi: 'pa',
  urdu: 'ur',
  bengali: 'bn',
  gujarati: 'gu',
  arabic: 'ar',
  portuguese: 'pt',
  spanish: 'es',
  french: 'fr',
  somali: 'so',
  tamil: 'ta',
  turkish: 'tr',
  italian: 'it',
  lithuanian: 'lt',
  chinese: 'zh',
  mandarin: 'zh',
  cantonese: 'yue',
  farsi: 'fa',
  persian: 'fa',
  pashto: 'ps',
  kurdish: 'ku',
  ukrainian: 'uk',
  russian: 'ru',
  hindi: 'hi',
  tigrinya: 'ti',
  'british sign language': 'bfi',
  bsl: 'bfi',
};

/** The Open Referral organisation id of a registry organisation, made when first needed. */
export async function orukIdOf(db: Db, organisationId: number): Promise<string> {
  const existing = await db.selectFrom('directory_organisation').select('oruk_id').where('organisation_id', '=', organisationId).executeTakeFirst();
  if (existing) return existing.oruk_id;
  const made = await db
    .insertInto('directory_organisation')
    .values({ organisation_id: organisationId })
    .onConflict((oc) => oc.column('organisation_id').doNothing())
    .returning('oruk_id')
    .executeTakeFirst();
  if (made) return made.oruk_id;
  const again = await db.selectFrom('directory_organisation').select('oruk_id').where('organisation_id', '=', organisationId).executeTakeFirstOrThrow();
  return again.oruk_id;
}

function hhmm(value: string | null): string | null {
  return value ? value.slice(0, 5) : null;
}

/** Everything a public page shows about one service; NotFoundError for an unknown or malformed id. */
export async function getService(db: Db, actor: Actor, id: string, now: Date = new Date()): Promise<ServiceDetail> {
  assertCan(actor, 'directory.read');
  if (!isUuid(id)) throw new NotFoundError('There is no service with that id in the directory');
  const s = await db.selectFrom('directory_service').selectAll().where('id', '=', id).executeTakeFirst();
  if (!s) throw new NotFoundError('There is no service with that id in the directory');
  const [orgs, orukId, categories, locations, schedules, contacts, phones, languages, costs, funding, areas] = await Promise.all([
    organisationNames(db, [s.organisation_id]),
    db.selectFrom('directory_organisation').select('oruk_id').where('organisation_id', '=', s.organisation_id).executeTakeFirst(),
    db
      .selectFrom('directory_attribute as a')
      .innerJoin('directory_taxonomy_term as t', 't.id', 'a.taxonomy_term_id')
      .leftJoin('directory_taxonomy as x', 'x.id', 't.taxonomy_id')
      .select((eb) => ['t.id', 't.name', 't.description', eb.fn.coalesce('x.name', 't.taxonomy').as('taxonomy')])
      .where('a.link_id', '=', id)
      .orderBy('t.name')
      .execute(),
    db
      .selectFrom('directory_service_at_location as sal')
      .innerJoin('directory_location as l', 'l.id', 'sal.location_id')
      .select(['sal.id as sal_id', 'l.id', 'l.location_type', 'l.name', 'l.description', 'l.latitude', 'l.longitude'])
      .where('sal.service_id', '=', id)
      .orderBy('sal.id')
      .execute(),
    db.selectFrom('directory_schedule').selectAll().where('service_id', '=', id).orderBy('id').execute(),
    db.selectFrom('directory_contact').selectAll().where('service_id', '=', id).orderBy('id').execute(),
    db
      .selectFrom('directory_phone as p')
      .leftJoin('directory_contact as c', 'c.id', 'p.contact_id')
      .select(['p.id', 'p.number', 'p.description', 'p.contact_id'])
      .where((eb) => eb.or([eb('p.service_id', '=', id), eb('c.service_id', '=', id)]))
      .orderBy('p.id')
      .execute(),
    db.selectFrom('directory_language').selectAll().where('service_id', '=', id).orderBy('name').execute(),
    db.selectFrom('directory_cost_option').selectAll().where('service_id', '=', id).orderBy('id').execute(),
    db.selectFrom('directory_funding').selectAll().where('service_id', '=', id).orderBy('id').execute(),
    db.selectFrom('directory_service_area').selectAll().where('service_id', '=', id).orderBy('id').execute(),
  ]);
  const locationIds = locations.map((l) => l.id);
  const [addresses, access] = locationIds.length
    ? await Promise.all([
        db.selectFrom('directory_address').selectAll().where('location_id', 'in', locationIds).orderBy('id').execute(),
        db.selectFrom('directory_accessibility').selectAll().where('location_id', 'in', locationIds).orderBy('id').execute(),
      ])
    : [[], []];
  const locationNameOf = new Map(locations.flatMap((l) => [[l.id, l.name] as const, [l.sal_id, l.name] as const]));
  return {
    id: s.id,
    name: s.name,
    description: s.description,
    url: s.url,
    email: s.email,
    status: s.status,
    fees: s.fees,
    accreditations: s.accreditations,
    eligibilityDescription: s.eligibility_description,
    minimumAge: s.minimum_age,
    maximumAge: s.maximum_age,
    alert: s.alert,
    assuredDate: s.assured_date,
    lastModified: new Date(s.last_modified).toISOString(),
    lastChecked: s.last_checked,
    checkOverdue: s.last_checked < checkDueBefore(now),
    organisation: { id: s.organisation_id, name: orgs[0]?.name ?? '', orukId: orukId?.oruk_id ?? '' },
    categories: categories as Category[],
    locations: locations.map((l) => ({
      id: l.id,
      serviceAtLocationId: l.sal_id,
      locationType: l.location_type,
      name: l.name,
      description: l.description,
      latitude: l.latitude,
      longitude: l.longitude,
      addresses: addresses
        .filter((a) => a.location_id === l.id)
        .map((a) => ({
          id: a.id,
          address1: a.address_1,
          address2: a.address_2,
          city: a.city,
          region: a.region,
          postcode: a.postal_code,
          country: a.country,
          addressType: a.address_type,
        })),
      accessibility: access
        .filter((a) => a.location_id === l.id)
        .map((a) => ({ id: a.id, description: a.description ?? a.accessibility, details: a.details, url: a.url })),
    })),
    schedules: schedules.map((r): ScheduleView => {
      const days = (r.byday ?? '')
        .split(',')
        .map((d) => d.trim().toUpperCase().slice(-2))
        .filter((d) => d in dayNames);
      return {
        id: r.id,
        days,
        dayNames: days.map((d) => dayNames[d]).join(', '),
        freq: r.freq,
        opensAt: hhmm(r.opens_at),
        closesAt: hhmm(r.closes_at),
        description: r.description,
        validFrom: r.valid_from,
        validTo: r.valid_to,
        attendingType: r.attending_type,
        notes: r.notes,
        locationName: locationNameOf.get(r.service_at_location_id ?? r.location_id ?? '') ?? null,
      };
    }),
    contacts: contacts.map((c) => ({
      id: c.id,
      name: c.name,
      title: c.title,
      email: c.email,
      phones: phones.filter((p) => p.contact_id === c.id).map((p) => ({ id: p.id, number: p.number, description: p.description })),
    })),
    phones: phones.filter((p) => p.contact_id === null).map((p) => ({ id: p.id, number: p.number, description: p.description })),
    languages: languages.map((l) => ({ id: l.id, name: l.name, code: l.code })),
    costOptions: costs.map((c) => ({
      id: c.id,
      option: c.option,
      amount: c.amount,
      amountDescription: c.amount_description,
      validFrom: c.valid_from,
      validTo: c.valid_to,
    })),
    funding: funding.map((f) => ({ id: f.id, source: f.source })),
    serviceAreas: areas.map((a) => ({ id: a.id, name: a.name, extent: a.extent, extentType: a.extent_type, uri: a.uri })),
    mayEdit: can(actor, 'directory.manage', { organisationId: s.organisation_id }),
  };
}

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const timePattern = /^([01]\d|2[0-3]):[0-5]\d$/;

function isWebAddress(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname.includes('.');
  } catch {
    return false;
  }
}

const str = (value: unknown) => (typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : '');
const orNull = (value: string) => (value === '' ? null : value);

interface CheckedService {
  organisationId: number;
  name: string;
  description: string | null;
  url: string | null;
  email: string | null;
  status: ServiceStatus;
  fees: string | null;
  eligibilityDescription: string | null;
  minimumAge: number | null;
  maximumAge: number | null;
  alert: string | null;
  categoryIds: string[];
  languages: string[];
  location: { name: string | null; address1: string; address2: string | null; city: string; postcode: string } | null;
  accessibility: string | null;
  openingTimes: Array<Required<OpeningTimeInput>>;
  contact: { name: string | null; title: string | null; email: string | null; phone: string | null } | null;
  costs: Array<{ option: string | null; amount: number | null; amountDescription: string | null }>;
}

/** Check a form's values: the field-named errors, or the clean values. */
async function checkService(db: Db, input: ServiceInput): Promise<CheckedService> {
  const errors: Record<string, string> = {};
  const text = (field: keyof ServiceInput, label: string, max: number, required = false): string | null => {
    const value = str(input[field]);
    if (required && !value) errors[field] = `Enter the ${label}`;
    else if (value.length > max) errors[field] = `The ${label} must be ${max.toLocaleString('en-GB')} characters or fewer`;
    return orNull(value);
  };
  const name = text('name', 'service’s name', 300, true) ?? '';
  const description = text('description', 'description', 10000);
  const url = text('url', 'website', 2000);
  if (url && !errors.url && !isWebAddress(url)) errors.url = 'Enter the website as a full address, like https://www.example.org';
  const email = text('email', 'email address', 320);
  if (email && !errors.email && !emailPattern.test(email)) errors.email = 'Enter an email address in the correct format, like name@example.com';
  const status = str(input.status) || 'active';
  if (!(serviceStatuses as readonly string[]).includes(status)) errors.status = 'Choose whether the service is active, temporarily closed, inactive or defunct';
  const fees = text('fees', 'fees', 2000);
  const eligibilityDescription = text('eligibilityDescription', 'who it is for', 2000);
  const alert = text('alert', 'alert', 2000);
  const age = (field: 'minimumAge' | 'maximumAge', label: string): number | null => {
    const raw = str(input[field]);
    if (!raw) return null;
    if (!/^\d{1,3}$/.test(raw) || Number(raw) > 120) {
      errors[field] = `Enter the ${label} as a whole number of years from 0 to 120`;
      return null;
    }
    return Number(raw);
  };
  const minimumAge = age('minimumAge', 'youngest age');
  const maximumAge = age('maximumAge', 'oldest age');
  if (minimumAge !== null && maximumAge !== null && maximumAge < minimumAge)
    errors.maximumAge = 'The oldest age must be the same as or more than the youngest age';
  const categoryIds = [...new Set((Array.isArray(input.categoryIds) ? input.categoryIds : [input.categoryIds]).map(str).filter(Boolean))];
  if (categoryIds.some((c) => !isUuid(c))) errors.categoryIds = 'Choose categories from the list';
  else if (categoryIds.length) {
    const known = await db.selectFrom('directory_taxonomy_term').select('id').where('id', 'in', categoryIds).execute();
    if (known.length !== categoryIds.length) errors.categoryIds = 'Choose categories from the list';
  }
  const languages = [
    ...new Set(
      str(input.languages)
        .split(/[,;\n]/)
        .map((l) => l.trim())
        .filter(Boolean),
    ),
  ];
  if (languages.length > 30 || languages.some((l) => l.length > 100))
    errors.languages = 'List up to 30 languages, separated by commas, each up to 100 characters';
  const locationName = text('locationName', 'place’s name', 300);
  const address1 = text('address1', 'first line of the address', 300);
  const address2 = text('address2', 'second line of the address', 300);
  const city = text('city', 'town or city', 200);
  const rawPostcode = str(input.postcode);
  let location: CheckedService['location'] = null;
  if (address1 || city || rawPostcode || locationName) {
    if (!address1 && !errors.address1) errors.address1 = 'Enter the first line of the address where the service is held';
    if (!city && !errors.city) errors.city = 'Enter the town or city';
    const postcode = normalisePostcode(rawPostcode);
    if (!rawPostcode) errors.postcode = 'Enter the postcode';
    else if (!postcode) errors.postcode = 'Enter a real postcode, like NV1 1AA';
    if (address1 && city && postcode) location = { name: locationName, address1, address2, city, postcode };
  }
  const accessibility = text('accessibility', 'access information', 5000);
  const openingTimes: CheckedService['openingTimes'] = [];
  (Array.isArray(input.openingTimes) ? input.openingTimes : []).forEach((row, i) => {
    const days = [...new Set((Array.isArray(row?.days) ? row.days : [row?.days]).map((d) => str(d).toUpperCase()).filter(Boolean))];
    const opensAt = str(row?.opensAt);
    const closesAt = str(row?.closesAt);
    const rowDescription = str(row?.description);
    if (!days.length && !opensAt && !closesAt && !rowDescription) return;
    const key = `openingTimes.${i}`;
    if (!days.length || days.some((d) => !(dayCodes as readonly string[]).includes(d))) errors[key] = `Opening times row ${i + 1}: choose the days it is open`;
    else if (!timePattern.test(opensAt) || !timePattern.test(closesAt))
      errors[key] = `Opening times row ${i + 1}: enter the times it opens and closes as hours and minutes, like 09:30 and 17:00`;
    else if (closesAt <= opensAt) errors[key] = `Opening times row ${i + 1}: the closing time must be after the opening time`;
    else if (rowDescription.length > 500) errors[key] = `Opening times row ${i + 1}: the note must be 500 characters or fewer`;
    else openingTimes.push({ days: dayCodes.filter((d) => days.includes(d)), opensAt, closesAt, description: rowDescription });
  });
  const contactName = text('contactName', 'contact’s name', 300);
  const contactTitle = text('contactTitle', 'contact’s role', 300);
  const contactEmail = text('contactEmail', 'contact’s email address', 320);
  if (contactEmail && !errors.contactEmail && !emailPattern.test(contactEmail))
    errors.contactEmail = 'Enter an email address in the correct format, like name@example.com';
  const contactPhone = text('contactPhone', 'phone number', 50);
  if (contactPhone && !errors.contactPhone && !/^\+?[\d\s()-]{6,}$/.test(contactPhone))
    errors.contactPhone = 'Enter a phone number, like 01632 960 001 or +44 1632 960 001';
  const contact =
    contactName || contactTitle || contactEmail || contactPhone ? { name: contactName, title: contactTitle, email: contactEmail, phone: contactPhone } : null;
  const costs: CheckedService['costs'] = [];
  (Array.isArray(input.costs) ? input.costs : []).forEach((row, i) => {
    const option = str(row?.option);
    const rawAmount = str(row?.amount).replace(/^£/, '');
    const amountDescription = str(row?.amountDescription);
    if (!option && !rawAmount && !amountDescription) return;
    const key = `costs.${i}`;
    if (rawAmount && !/^\d{1,6}(\.\d{1,2})?$/.test(rawAmount)) errors[key] = `Costs row ${i + 1}: enter the amount in pounds, like 3.50`;
    else if (option.length > 500 || amountDescription.length > 500) errors[key] = `Costs row ${i + 1}: each part must be 500 characters or fewer`;
    else costs.push({ option: orNull(option), amount: rawAmount ? Number(rawAmount) : null, amountDescription: orNull(amountDescription) });
  });
  if (Object.keys(errors).length) throw new ValidationError(errors);
  return {
    organisationId: input.organisationId,
    name,
    description,
    url,
    email,
    status: status as ServiceStatus,
    fees,
    eligibilityDescription,
    minimumAge,
    maximumAge,
    alert,
    categoryIds,
    languages,
    location,
    accessibility,
    openingTimes,
    contact,
    costs,
  };
}

/**
 * Create (no id) or update a service. Only admins of input.organisationId (and of the service's
 * current organisation, when updating). ValidationError keyed by ServiceInput field names.
 * Returns the service's id.
 */
export async function saveService(deps: DirectoryDeps, actor: Actor, input: ServiceInput, id?: string): Promise<string> {
  assertCan(actor, 'directory.manage', { organisationId: input.organisationId });
  let existing: { organisation_id: number } | undefined;
  if (id !== undefined) {
    if (!isUuid(id)) throw new NotFoundError('There is no service with that id in the directory');
    existing = await deps.db.selectFrom('directory_service').select('organisation_id').where('id', '=', id).executeTakeFirst();
    if (!existing) throw new NotFoundError('There is no service with that id in the directory');
    assertCan(actor, 'directory.manage', { organisationId: existing.organisation_id });
  }
  const checked = await checkService(deps.db, input);
  const today = todayInEngland(deps.now ?? new Date());
  const coordinates = checked.location ? await postcodePoint(deps.db, checked.location.postcode) : null;
  return inTransaction(deps.db, async (trx) => {
    await orukIdOf(trx, checked.organisationId);
    const values = {
      organisation_id: checked.organisationId,
      name: checked.name,
      description: checked.description,
      url: checked.url,
      email: checked.email,
      status: checked.status,
      fees: checked.fees,
      eligibility_description: checked.eligibilityDescription,
      minimum_age: checked.minimumAge,
      maximum_age: checked.maximumAge,
      alert: checked.alert,
      last_modified: new Date(),
      last_checked: today,
    };
    const serviceId = id
      ? (await trx.updateTable('directory_service').set(values).where('id', '=', id).returning('id').executeTakeFirstOrThrow()).id
      : (await trx.insertInto('directory_service').values(values).returning('id').executeTakeFirstOrThrow()).id;

    // The first location, edited in place (or made, or let go).
    const firstAt = await trx
      .selectFrom('directory_service_at_location')
      .select(['id', 'location_id'])
      .where('service_id', '=', serviceId)
      .orderBy('id')
      .executeTakeFirst();
    if (checked.location) {
      const loc = checked.location;
      const locationValues = {
        location_type: 'physical' as const,
        name: loc.name ?? checked.name,
        latitude: coordinates?.latitude ?? null,
        longitude: coordinates?.longitude ?? null,
      };
      let locationId = firstAt?.location_id;
      if (locationId) await trx.updateTable('directory_location').set(locationValues).where('id', '=', locationId).execute();
      else {
        locationId = (await trx.insertInto('directory_location').values(locationValues).returning('id').executeTakeFirstOrThrow()).id;
        await trx.insertInto('directory_service_at_location').values({ service_id: serviceId, location_id: locationId }).execute();
      }
      const addressValues = {
        location_id: locationId,
        address_1: loc.address1,
        address_2: loc.address2,
        city: loc.city,
        state_province: '',
        postal_code: loc.postcode,
        country: 'GB',
        address_type: 'physical' as const,
      };
      const address = await trx.selectFrom('directory_address').select('id').where('location_id', '=', locationId).orderBy('id').executeTakeFirst();
      if (address) await trx.updateTable('directory_address').set(addressValues).where('id', '=', address.id).execute();
      else await trx.insertInto('directory_address').values(addressValues).execute();
      const access = await trx.selectFrom('directory_accessibility').select('id').where('location_id', '=', locationId).orderBy('id').executeTakeFirst();
      if (access && checked.accessibility)
        await trx.updateTable('directory_accessibility').set({ description: checked.accessibility }).where('id', '=', access.id).execute();
      else if (access) await trx.deleteFrom('directory_accessibility').where('id', '=', access.id).execute();
      else if (checked.accessibility)
        await trx.insertInto('directory_accessibility').values({ location_id: locationId, description: checked.accessibility }).execute();
    } else if (firstAt) {
      await trx.deleteFrom('directory_service_at_location').where('id', '=', firstAt.id).execute();
    }

    // The first contact and its first phone, edited in place.
    const contact = await trx.selectFrom('directory_contact').select('id').where('service_id', '=', serviceId).orderBy('id').executeTakeFirst();
    if (checked.contact) {
      const c = checked.contact;
      const contactValues = { service_id: serviceId, name: c.name, title: c.title, email: c.email };
      const contactId = contact
        ? (await trx.updateTable('directory_contact').set(contactValues).where('id', '=', contact.id).returning('id').executeTakeFirstOrThrow()).id
        : (await trx.insertInto('directory_contact').values(contactValues).returning('id').executeTakeFirstOrThrow()).id;
      const phone = await trx.selectFrom('directory_phone').select('id').where('contact_id', '=', contactId).orderBy('id').executeTakeFirst();
      if (phone && c.phone) await trx.updateTable('directory_phone').set({ number: c.phone }).where('id', '=', phone.id).execute();
      else if (phone) await trx.deleteFrom('directory_phone').where('id', '=', phone.id).execute();
      else if (c.phone) await trx.insertInto('directory_phone').values({ contact_id: contactId, number: c.phone }).execute();
    } else if (contact) {
      await trx.deleteFrom('directory_contact').where('id', '=', contact.id).execute();
    }

    // Replaced: categories, languages, opening times, costs.
    await trx.deleteFrom('directory_attribute').where('link_id', '=', serviceId).execute();
    if (checked.categoryIds.length)
      await trx
        .insertInto('directory_attribute')
        .values(checked.categoryIds.map((termId) => ({ link_id: serviceId, link_entity: 'service', taxonomy_term_id: termId })))
        .execute();
    await trx.deleteFrom('directory_language').where('service_id', '=', serviceId).execute();
    if (checked.languages.length)
      await trx
        .insertInto('directory_language')
        .values(checked.languages.map((name) => ({ service_id: serviceId, name, code: languageCodes[name.toLowerCase()] ?? null })))
        .execute();
    await trx.deleteFrom('directory_schedule').where('service_id', '=', serviceId).execute();
    if (checked.openingTimes.length)
      await trx
        .insertInto('directory_schedule')
        .values(
          checked.openingTimes.map((t) => ({
            service_id: serviceId,
            freq: 'WEEKLY' as const,
            interval: 1,
            byday: t.days.join(','),
            opens_at: `${t.opensAt}:00`,
            closes_at: `${t.closesAt}:00`,
            description: t.description || null,
          })),
        )
        .execute();
    await trx.deleteFrom('directory_cost_option').where('service_id', '=', serviceId).execute();
    if (checked.costs.length)
      await trx
        .insertInto('directory_cost_option')
        .values(checked.costs.map((c) => ({ service_id: serviceId, option: c.option, amount: c.amount, amount_description: c.amountDescription })))
        .execute();
    await recordAudit(trx, actor, {
      action: id ? 'directory.service.update' : 'directory.service.create',
      subjectType: 'directory_service',
      subjectId: serviceId,
      detail: { organisationId: checked.organisationId },
    });
    return serviceId;
  });
}

async function ownedService(deps: DirectoryDeps, actor: Actor, id: string): Promise<{ id: string; organisation_id: number }> {
  if (!isUuid(id)) throw new NotFoundError('There is no service with that id in the directory');
  const row = await deps.db.selectFrom('directory_service').select(['id', 'organisation_id']).where('id', '=', id).executeTakeFirst();
  if (!row) throw new NotFoundError('There is no service with that id in the directory');
  assertCan(actor, 'directory.manage', { organisationId: row.organisation_id });
  return row;
}

/** The organisation's admin confirms the entry is right: last_checked becomes today. */
export async function markChecked(deps: DirectoryDeps, actor: Actor, id: string): Promise<void> {
  const row = await ownedService(deps, actor, id);
  await inTransaction(deps.db, async (trx) => {
    await trx
      .updateTable('directory_service')
      .set({ last_checked: todayInEngland(deps.now ?? new Date()) })
      .where('id', '=', row.id)
      .execute();
    await recordAudit(trx, actor, { action: 'directory.service.checked', subjectType: 'directory_service', subjectId: row.id });
  });
}

/** Remove a service (its organisation's admins). */
export async function deleteService(deps: DirectoryDeps, actor: Actor, id: string): Promise<void> {
  const row = await ownedService(deps, actor, id);
  await inTransaction(deps.db, async (trx) => {
    await trx.deleteFrom('directory_attribute').where('link_id', '=', row.id).execute();
    await trx.deleteFrom('directory_service').where('id', '=', row.id).execute();
    await recordAudit(trx, actor, { action: 'directory.service.delete', subjectType: 'directory_service', subjectId: row.id });
  });
}

/** An organisation's services, by name, inactive ones included (for its admins' list and its page). */
export async function servicesOf(db: Db, actor: Actor, organisationId: number): Promise<ServiceSummary[]> {
  assertCan(actor, 'directory.read');
  const { rows } = await findServiceIds(db, { organisationId, includeInactive: true, page: 1, pageSize: 1000 });
  return summariesOf(db, rows);
}

/** The form's values for an existing service (for the edit page). */
export function serviceInputOf(detail: ServiceDetail): ServiceInput {
  const location = detail.locations[0];
  const address = location?.addresses[0];
  const contact = detail.contacts[0];
  return {
    organisationId: detail.organisation.id,
    name: detail.name,
    description: detail.description ?? '',
    url: detail.url ?? '',
    email: detail.email ?? '',
    status: detail.status,
    fees: detail.fees ?? '',
    eligibilityDescription: detail.eligibilityDescription ?? '',
    minimumAge: detail.minimumAge,
    maximumAge: detail.maximumAge,
    alert: detail.alert ?? '',
    categoryIds: detail.categories.map((c) => c.id),
    languages: detail.languages
      .map((l) => l.name ?? l.code ?? '')
      .filter(Boolean)
      .join(', '),
    locationName: location?.name ?? '',
    address1: address?.address1 ?? '',
    address2: address?.address2 ?? '',
    city: address?.city ?? '',
    postcode: address?.postcode ?? '',
    accessibility: location?.accessibility[0]?.description ?? '',
    openingTimes: detail.schedules.map((s) => ({ days: s.days, opensAt: s.opensAt ?? '', closesAt: s.closesAt ?? '', description: s.description ?? '' })),
    contactName: contact?.name ?? '',
    contactTitle: contact?.title ?? '',
    contactEmail: contact?.email ?? '',
    contactPhone: contact?.phones[0]?.number ?? '',
    costs: detail.costOptions.map((c) => ({ option: c.option ?? '', amount: c.amount, amountDescription: c.amountDescription ?? '' })),
  };
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
