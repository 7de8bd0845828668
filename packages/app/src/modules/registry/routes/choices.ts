// Choices the registry's pages offer in selects and radios: organisation types, body kinds,
// members' roles, and places indented under the place they are part of.
import type { Db } from '../../../platform/database.js';
import { optionsOf } from '../labels.js';
import { bodyKinds, memberRoles, organisationTypes } from '../schema.js';
import { placeOptions } from '../service.js';

export const organisationTypeOptions = optionsOf(organisationTypes);
export const bodyKindOptions = optionsOf(bodyKinds);
export const memberRoleOptions = optionsOf(memberRoles);

type PlaceOption = Awaited<ReturnType<typeof placeOptions>>[number];

/** Places as choices, indented under the place each is part of ("– – Millbrook"). */
export function indentedPlaces(places: readonly PlaceOption[]): Array<{ value: number; text: string }> {
  return places.map((p) => ({ value: p.id, text: `${'– '.repeat(p.depth)}${p.name}` }));
}

/** Every place (or those kept) as a choice, indented. */
export async function placeChoices(db: Db, keep: (place: PlaceOption) => boolean = () => true): Promise<Array<{ value: number; text: string }>> {
  return indentedPlaces((await placeOptions(db)).filter(keep));
}
