// Plain-English names for the registry's codes: place kinds, organisation types, relations,
// population figures, bodies and members' roles.
import { defineLabels, labelFor } from '../../platform/labels.js';

// Registry code reads labels through here, so they are registered before the first use.
export { labelFor };

export const registryLabels = defineLabels({
  // places
  integrated_care_system: 'Integrated care system',
  local_authority_area: 'Local authority area',
  neighbourhood: 'Neighbourhood',
  // organisation types
  commissioner: 'Commissioner',
  nhs_trust: 'NHS trust',
  gp_practice: 'GP practice',
  pharmacy: 'Pharmacy',
  local_authority: 'Local authority',
  healthwatch: 'Healthwatch',
  voluntary_group: 'Voluntary or community group',
  social_care_provider: 'Social care provider',
  independent_provider: 'Independent provider',
  school_or_university: 'School or university',
  // relations
  commissions: 'Commissions',
  provides_for: 'Provides for',
  member_of: 'Member of',
  hosts: 'Hosts',
  // relations seen from the other side ("<other> commissions this organisation")
  reverse_commissions: 'Commissioned by',
  reverse_provides_for: 'Receives services from',
  reverse_member_of: 'Has as a member',
  reverse_hosts: 'Hosted by',
  // population figures
  age_band: 'Age band',
  sex: 'Sex',
  ethnicity: 'Ethnicity',
  // bodies
  board: 'Board',
  committee: 'Committee',
  patient_participation_group: 'Patient participation group',
  patient_reference_group: 'Patient reference group',
  health_and_wellbeing_board: 'Health and Wellbeing Board',
  assembly: 'Assembly',
  // member roles
  chair: 'Chair',
  member: 'Member',
  lay_member: 'Lay member',
  patient_representative: 'Patient representative',
  non_executive_ppi_lead: 'Non-executive PPI lead',
  healthwatch_representative: 'Healthwatch representative',
});

/** Codes as choices for a select or radios: each with its label. */
export function optionsOf(codes: readonly string[]): Array<{ value: string; text: string }> {
  return codes.map((code) => ({ value: code, text: labelFor(code) }));
}
