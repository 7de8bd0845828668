// The registry API's schemas (TypeBox): what each route takes and answers, so the OpenAPI document
// is complete. Shared by the API's route files.
import { type TSchema, Type } from 'typebox';
import { Nullable, Problem } from '../../../../platform/apiSchemas.js';
import { bodyKinds, memberRoles, organisationTypes, placeKinds, relationKinds } from '../../schema.js';

export const tags = ['registry'];
export const security = [{ bearerAuth: [] }];

export const Id = Type.Integer({ minimum: 1, maximum: 2147483647 });
export const IdParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2147483647, description: 'The record number' }) });
export const OrganisationTypeSchema = Type.Enum([...organisationTypes], { description: 'Organisation type code' });
export const PlaceKindSchema = Type.Enum([...placeKinds]);
export const BodyKindSchema = Type.Enum([...bodyKinds]);
export const RoleSchema = Type.Enum([...memberRoles]);
export const RelationKindSchema = Type.Enum([...relationKinds]);
export const DateString = Type.String({ description: 'A date, YYYY-MM-DD' });

export const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: Problem } } });
export const json = (description: string, schema: TSchema) => ({ description, content: { 'application/json': { schema } } });
export const readErrors = { 400: problem('The query or address is not valid'), 404: problem('Not found') };
export const writeErrors = {
  400: problem('The request body is not valid JSON of the expected shape'),
  401: problem('The API token is not valid or has been revoked'),
  403: problem('The token does not give permission to do this, or no token was sent'),
  404: problem('Not found'),
  422: problem('A field breaks a rule; errors[] names each field'),
};

export const PlaceItem = Type.Object({
  id: Id,
  name: Type.String(),
  kind: PlaceKindSchema,
  code: Nullable(Type.String()),
  parentId: Nullable(Id),
  organisations: Type.Integer({ description: 'Organisations linked to this place itself' }),
});
const Figure = Type.Object({ category: Type.String(), people: Type.Integer() });
export const OrganisationItem = Type.Object({
  id: Id,
  name: Type.String(),
  type: OrganisationTypeSchema,
  odsCode: Nullable(Type.String()),
  postcode: Nullable(Type.String()),
  takesNhsMoney: Type.Boolean(),
  isDemo: Type.Boolean({ description: 'Part of the made-up demo health system' }),
});
export const PlaceDetail = Type.Object({
  id: Id,
  name: Type.String(),
  kind: PlaceKindSchema,
  code: Nullable(Type.String()),
  parent: Nullable(Type.Object({ id: Id, name: Type.String(), kind: PlaceKindSchema })),
  children: Type.Array(Type.Object({ id: Id, name: Type.String(), kind: PlaceKindSchema, code: Nullable(Type.String()) })),
  population: Type.Object({ age_band: Type.Array(Figure), sex: Type.Array(Figure), ethnicity: Type.Array(Figure) }),
  organisations: Type.Array(
    Type.Object({
      id: Id,
      name: Type.String(),
      type: OrganisationTypeSchema,
      odsCode: Nullable(Type.String()),
      postcode: Nullable(Type.String()),
      isDemo: Type.Boolean(),
    }),
    {
      description: 'The first 100 organisations serving this place or a place inside it',
    },
  ),
  organisationsTotal: Type.Integer(),
});
const OrganisationRef = Type.Object({ id: Id, name: Type.String(), type: OrganisationTypeSchema });
const Relation = Type.Object({ id: Id, kind: RelationKindSchema, organisation: OrganisationRef });
export const OrganisationDetailSchema = Type.Object({
  id: Id,
  name: Type.String(),
  type: OrganisationTypeSchema,
  odsCode: Nullable(Type.String()),
  address: Nullable(Type.String()),
  postcode: Nullable(Type.String()),
  website: Nullable(Type.String()),
  takesNhsMoney: Type.Boolean(),
  description: Nullable(Type.String()),
  isDemo: Type.Boolean(),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
  places: Type.Array(Type.Object({ id: Id, name: Type.String(), kind: PlaceKindSchema })),
  relationsFrom: Type.Array(Relation, { description: 'This organisation <kind> the other' }),
  relationsTo: Type.Array(Relation, { description: 'The other organisation <kind> this one' }),
  bodies: Type.Array(Type.Object({ id: Id, name: Type.String(), kind: BodyKindSchema, currentMembers: Type.Integer(), patientVoices: Type.Integer() })),
  patientVoices: Type.Array(
    Type.Object({
      memberId: Id,
      personName: Type.String(),
      role: RoleSchema,
      bodyId: Id,
      bodyName: Type.String(),
      termStart: DateString,
      termEnd: Nullable(DateString),
    }),
    { description: 'Current patient representatives, lay members, PPI leads and Healthwatch representatives on its bodies' },
  ),
});
export const BodyItem = Type.Object({
  id: Id,
  name: Type.String(),
  kind: BodyKindSchema,
  remit: Nullable(Type.String()),
  reportsToBodyId: Nullable(Id),
  currentMembers: Type.Integer(),
});
export const Member = Type.Object({
  id: Id,
  personName: Type.String(),
  role: RoleSchema,
  termStart: DateString,
  termEnd: Nullable(DateString),
  current: Type.Boolean(),
});
export const MemberDetail = Type.Object({ ...Member.properties, body: Type.Object({ id: Id, name: Type.String(), organisationId: Id }) });
export const BodyDetail = Type.Object({
  id: Id,
  name: Type.String(),
  kind: BodyKindSchema,
  remit: Nullable(Type.String()),
  organisation: Type.Object({ id: Id, name: Type.String(), type: OrganisationTypeSchema, isDemo: Type.Boolean() }),
  reportsTo: Nullable(Type.Object({ id: Id, name: Type.String() })),
  reportingBodies: Type.Array(Type.Object({ id: Id, name: Type.String(), kind: BodyKindSchema })),
  currentMembers: Type.Array(Member),
  pastMembers: Type.Array(Member),
});
export const GapItem = Type.Object({ id: Id, name: Type.String(), type: OrganisationTypeSchema, odsCode: Nullable(Type.String()), isDemo: Type.Boolean() });

export const OrganisationWriteFields = {
  name: Type.String({ description: 'Up to 200 characters' }),
  type: Type.String({ description: `An organisation type code: ${organisationTypes.join(', ')}` }),
  odsCode: Type.Optional(Nullable(Type.String({ description: 'NHS ODS code, 3 to 10 letters or digits; unique' }))),
  address: Type.Optional(Nullable(Type.String({ description: 'Up to 500 characters' }))),
  postcode: Type.Optional(Nullable(Type.String({ description: 'A UK postcode' }))),
  website: Type.Optional(Nullable(Type.String({ description: 'A web address starting http:// or https://' }))),
  takesNhsMoney: Type.Optional(Type.Boolean()),
  description: Type.Optional(Nullable(Type.String({ description: 'Up to 2,000 characters' }))),
  placeIds: Type.Optional(Type.Array(Id, { description: 'Places the organisation serves (replaces the list)' })),
};

export const OrganisationCreate = Type.Object(OrganisationWriteFields, { additionalProperties: false });
export const OrganisationChange = Type.Object(
  { ...OrganisationWriteFields, name: Type.Optional(OrganisationWriteFields.name), type: Type.Optional(OrganisationWriteFields.type) },
  { additionalProperties: false, minProperties: 1 },
);

export const OrganisationSearchQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 200, description: 'Words, a name (or the start of one) or an ODS code' })),
    type: Type.Optional(OrganisationTypeSchema),
    place: Type.Optional(Type.Integer({ minimum: 1, maximum: 2147483647, description: 'A place id; organisations serving it or a place inside it' })),
    postcode: Type.Optional(Type.String({ maxLength: 10, description: 'The start of a postcode: "LS6" matches LS6 1AA but not LS61 1AA' })),
    page: Type.Optional(Type.Integer({ minimum: 1, default: 1 })),
    pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
  },
  { additionalProperties: false },
);
export const OrganisationPage = Type.Object({
  items: Type.Array(OrganisationItem),
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
  links: Type.Object({ next: Nullable(Type.String()), prev: Nullable(Type.String()) }),
});

export const GapsQuery = Type.Object(
  {
    place: Type.Optional(Type.Integer({ minimum: 1, maximum: 2147483647, description: 'Only organisations serving this place or a place inside it' })),
  },
  { additionalProperties: false },
);
export const Gaps = Type.Object({
  noBoardRepresentative: Type.Array(Type.Object({ ...GapItem.properties, hasBoard: Type.Boolean() })),
  noPatientGroup: Type.Array(Type.Object({ ...GapItem.properties, missing: Type.Enum(['patient_reference_group', 'patient_participation_group']) })),
});

export const BodyCreate = Type.Object(
  {
    name: Type.String({ description: 'Up to 200 characters' }),
    kind: Type.String({ description: `One of: ${bodyKinds.join(', ')}` }),
    remit: Type.Optional(Nullable(Type.String({ description: 'Up to 2,000 characters' }))),
    reportsToBodyId: Type.Optional(Nullable(Id)),
  },
  { additionalProperties: false },
);
export const MemberCreate = Type.Object(
  {
    personName: Type.String({ description: 'The name shown in public; up to 200 characters' }),
    role: Type.String({ description: `One of: ${memberRoles.join(', ')}` }),
    termStart: DateString,
    termEnd: Type.Optional(Nullable(DateString)),
  },
  { additionalProperties: false },
);
