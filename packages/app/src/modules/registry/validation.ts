// Rules for registry fields, shared by the pages, the API and the CSV import so a value is
// accepted or refused the same way (and with the same words) wherever it comes from.
import { labelFor } from './labels.js';
import { type BodyKind, bodyKinds, type MemberRole, memberRoles, type OrganisationType, organisationTypes, type PlaceKind, placeKinds } from './schema.js';

export const limits = { name: 200, address: 500, description: 2000, remit: 2000, personName: 200, placeCode: 20, populationCategory: 100 } as const;

/** Trimmed text, or null when empty or missing. */
export function optionalText(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  const text = String(value).trim();
  return text === '' ? null : text;
}

const postcodePattern = /^[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}$/;

/** A UK postcode in upper case with one space before the last three characters, or null if not valid. */
/**
 * A required text of at most `max` characters: its trimmed value (null when empty), with the error
 * put under `errors[field]`: `missing`, or "<label> must be <max> characters or fewer".
 */
export function requiredText(
  errors: Record<string, string>,
  field: string,
  value: unknown,
  max: number,
  messages: { missing: string; label: string },
): string | null {
  const text = optionalText(value);
  if (!text) errors[field] = messages.missing;
  else if (text.length > max) errors[field] = `${messages.label} must be ${max} characters or fewer`;
  return text;
}

export function normalisePostcode(value: string): string | null {
  const compact = value.toUpperCase().replace(/\s+/g, '');
  if (!postcodePattern.test(compact)) return null;
  return `${compact.slice(0, -3)} ${compact.slice(-3)}`;
}

export function normaliseOdsCode(value: string): string {
  return value.trim().toUpperCase();
}

export const odsCodePattern = /^[A-Z0-9]{3,10}$/;

export function isWebAddress(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname.includes('.');
  } catch {
    return false;
  }
}

/** The organisation type for a code or its plain-English label, any case. */
export function organisationTypeFrom(value: string): OrganisationType | null {
  const wanted = value.trim().toLowerCase();
  return organisationTypes.find((t) => t === wanted || labelFor(t).toLowerCase() === wanted) ?? null;
}

export const organisationTypeList = organisationTypes.map((t) => labelFor(t)).join(', ');

export function isBodyKind(value: unknown): value is BodyKind {
  return typeof value === 'string' && (bodyKinds as readonly string[]).includes(value);
}
export function isMemberRole(value: unknown): value is MemberRole {
  return typeof value === 'string' && (memberRoles as readonly string[]).includes(value);
}
export function isPlaceKind(value: unknown): value is PlaceKind {
  return typeof value === 'string' && (placeKinds as readonly string[]).includes(value);
}

export interface OrganisationFields {
  name: string;
  type: OrganisationType;
  odsCode: string | null;
  address: string | null;
  postcode: string | null;
  website: string | null;
  takesNhsMoney: boolean;
  description: string | null;
}

/** What a person may send for an organisation: strings as typed (or values from the API). */
export interface OrganisationInput {
  name?: unknown;
  type?: unknown;
  odsCode?: unknown;
  address?: unknown;
  postcode?: unknown;
  website?: unknown;
  takesNhsMoney?: unknown;
  description?: unknown;
}

/** Check and clean an organisation's fields. Returns the clean values or messages by field. */
export function checkOrganisation(input: OrganisationInput): { value: OrganisationFields; errors: null } | { value: null; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const name = requiredText(errors, 'name', input.name, limits.name, { missing: 'Enter the name of the organisation', label: 'Name' });

  const typeText = optionalText(input.type);
  const type = typeText ? organisationTypeFrom(typeText) : null;
  if (!typeText) errors.type = 'Select the type of organisation';
  else if (!type) errors.type = `Type '${typeText}' is not a known organisation type (use one of: ${organisationTypeList})`;

  let odsCode = optionalText(input.odsCode);
  if (odsCode) {
    odsCode = normaliseOdsCode(odsCode);
    if (!odsCodePattern.test(odsCode)) errors.odsCode = `ODS code '${odsCode}' must be 3 to 10 letters or numbers, like RR8 or B86001`;
  }

  const address = optionalText(input.address);
  if (address && address.length > limits.address) errors.address = `Address must be ${limits.address} characters or fewer`;

  let postcode = optionalText(input.postcode);
  if (postcode) {
    const clean = normalisePostcode(postcode);
    if (!clean) errors.postcode = `Postcode '${postcode}' is not a UK postcode in the right format, like LS1 4AP`;
    postcode = clean;
  }

  const website = optionalText(input.website);
  if (website && (website.length > 500 || !isWebAddress(website)))
    errors.website = 'Website must be a full web address starting http:// or https://, like https://www.example.org';

  const description = optionalText(input.description);
  if (description && description.length > limits.description) errors.description = `Description must be ${limits.description} characters or fewer`;

  const takesNhsMoney = yesNo(input.takesNhsMoney);
  if (takesNhsMoney === null) errors.takesNhsMoney = 'Takes NHS money must be yes or no';

  if (Object.keys(errors).length || !name || !type || takesNhsMoney === null) return { value: null, errors };
  return { value: { name, type, odsCode, address, postcode, website, takesNhsMoney, description }, errors: null };
}

/** yes/no/true/false/1/0 (any case), booleans, or empty meaning no. null when not understood. */
export function yesNo(value: unknown): boolean | null {
  if (value === undefined || value === null || value === '') return false;
  if (typeof value === 'boolean') return value;
  const text = String(value).trim().toLowerCase();
  if (['yes', 'y', 'true', '1'].includes(text)) return true;
  if (['no', 'n', 'false', '0', ''].includes(text)) return false;
  return null;
}

/** Escape % _ and \ for a LIKE pattern. */
export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}
