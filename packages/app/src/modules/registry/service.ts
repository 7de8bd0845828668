// The registry's business actions: places, organisations, relations, bodies, members, gaps,
// search and import. Plain data in, plain data out; writes check `can` first and run in one
// transaction with an audit entry.
import type { Db } from '../../platform/database.js';
import { NotFoundError } from '../../platform/errors.js';

/** The few facts other modules need about an organisation (name and type), or null. */
export async function getOrganisationSummary(db: Db, id: number): Promise<{ id: number; name: string; type: string } | null> {
  if (!Number.isSafeInteger(id) || id <= 0 || id > 2147483647) return null;
  const row = await db.selectFrom('organisation').select(['id', 'name', 'type']).where('id', '=', id).executeTakeFirst();
  return row ?? null;
}

/** The same, for a page or an action about that organisation: a NotFoundError when there is none. */
export async function organisationSummaryOrNotFound(db: Db, id: number, message?: string): Promise<{ id: number; name: string; type: string }> {
  const organisation = await getOrganisationSummary(db, id);
  if (!organisation) throw new NotFoundError(message);
  return organisation;
}

/** Whether the registry holds no organisation yet (the demo loads only into an empty database). */
export async function isRegistryEmpty(db: Db): Promise<boolean> {
  const row = await db.selectFrom('organisation').select('id').limit(1).executeTakeFirst();
  return row === undefined;
}

export type { BodyDetail, BodyInput, BodyMember, MemberInput } from './bodies.js';
export { addMember, createBody, deleteBody, endMember, getBody, getMember, isCurrent, listBodies, removeMember, updateBody, updateMember } from './bodies.js';
export type { GapItem, Gaps } from './gaps.js';
export { findGaps } from './gaps.js';
export type { ImportReport } from './import.js';
export { importColumns, importOrganisationsCsv } from './import.js';
export type { OrganisationDetail, OrganisationWrite, RegistryDeps, RelationInput } from './organisations.js';
export {
  addRelation,
  createOrganisation,
  deleteOrganisation,
  getOrganisation,
  getRelation,
  importOrganisation,
  organisationIdsInPlace,
  organisationNames,
  organisationProfiles,
  patientVoiceRoles,
  removeRelation,
  updateOrganisation,
} from './organisations.js';
export { findPlaceByPostcode } from './placeByPostcode.js';
export type { PlaceDetail, PlaceInput, PlaceNode, Population, PopulationFigure } from './places.js';
export {
  chosenPlaces,
  createPlace,
  getPlace,
  listPlaces,
  parsePopulationText,
  placeOptions,
  populationDimensions,
  populationToText,
  updatePlace,
} from './places.js';
export { type MemberRole, memberRoles } from './schema.js';
export type { OrganisationListItem, OrganisationSearchQuery, OrganisationSearchResult } from './search.js';
export { searchOrganisations } from './search.js';
export { isMemberRole, normalisePostcode } from './validation.js';
