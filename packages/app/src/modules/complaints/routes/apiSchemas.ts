// The shapes the complaints API answers with (OpenAPI documents them from here). Text fields carry
// the same maximum lengths as the forms that fill them (limits.ts).
import { Type } from 'typebox';
import { Nullable, OrganisationRef } from '../../../platform/apiSchemas.js';
import { limits } from '../limits.js';
import { complaintOutcomes, complaintStatuses, complaintSubjects, consentBases, letterKinds } from '../schema.js';

const DateString = Type.String({ description: 'A date, YYYY-MM-DD' });

export const Complaint = Type.Object({
  id: Type.Integer(),
  reference: Type.String({ maxLength: limits.reference, description: 'The reference people quote, like C-7K3M-9QXP' }),
  organisation: OrganisationRef,
  status: Type.Enum([...complaintStatuses]),
  whatHappened: Type.String({ maxLength: limits.whatHappened }),
  eventDate: DateString,
  whereHappened: Nullable(Type.String({ maxLength: limits.whereHappened })),
  peopleInvolved: Nullable(Type.String({ maxLength: limits.peopleInvolved })),
  outcomeWanted: Nullable(Type.String({ maxLength: limits.outcomeWanted })),
  onBehalf: Type.Boolean(),
  personName: Nullable(Type.String({ maxLength: limits.name, description: 'The person the complaint is for, when made on their behalf' })),
  consentBasis: Nullable(Type.Enum([...consentBases])),
  receivedOn: DateString,
  late: Type.Boolean({ description: 'The event was more than 12 months before the complaint was received' }),
  timeLimitWaived: Nullable(Type.Boolean()),
  acknowledgementDue: DateString,
  acknowledgedOn: Nullable(DateString),
  responseDue: Nullable(DateString),
  responseSentOn: Nullable(DateString),
  outcome: Nullable(Type.Enum([...complaintOutcomes])),
  closedOn: Nullable(DateString),
  ombudsmanReferredOn: Nullable(DateString),
  subjects: Type.Array(Type.Enum([...complaintSubjects])),
  letters: Type.Array(Type.Object({ id: Type.Integer(), kind: Type.Enum([...letterKinds]), sentOn: DateString })),
});
