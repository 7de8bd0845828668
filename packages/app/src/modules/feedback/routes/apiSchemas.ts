// The shapes the stories API takes and answers with (OpenAPI documents them from here). A response
// schema drops any field it does not name, so nothing private can leave by a field added elsewhere.
import { Type } from 'typebox';
import { Nullable, OrganisationRef } from '../../../platform/apiSchemas.js';
import { fieldLimits } from '../fieldLimits.js';
import { authorRoles, changeStatuses } from '../schema.js';

const Month = (description: string) => Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])$', description });

export const StorySummary = Type.Object({
  id: Type.Integer(),
  title: Type.String(),
  organisation: OrganisationRef,
  service: Nullable(Type.String()),
  displayName: Type.String({ description: 'The name the author chose to show (never their real name unless they chose it)' }),
  happenedMonth: Type.String({ description: 'YYYY-MM' }),
  publishedAt: Type.String({ format: 'date-time' }),
  responses: Type.Integer(),
});

export const ResponseSchema = Type.Object({
  id: Type.Integer(),
  from: Type.Enum(['organisation', 'author']),
  organisation: Nullable(Type.String()),
  signedName: Type.String(),
  signedRole: Nullable(Type.String()),
  body: Type.String(),
  change: Nullable(Type.Object({ status: Type.Enum([...changeStatuses]), description: Type.String() })),
  createdAt: Type.String({ format: 'date-time' }),
});

export const StoryFull = Type.Object({
  id: Type.Integer(),
  title: Type.String(),
  organisation: OrganisationRef,
  service: Nullable(Type.String()),
  authorRole: Type.Enum([...authorRoles]),
  displayName: Type.String(),
  happenedMonth: Type.String({ description: 'YYYY-MM' }),
  publishedAt: Type.String({ format: 'date-time' }),
  whatHappened: Type.String(),
  whatWasGood: Nullable(Type.String()),
  whatCouldBeBetter: Nullable(Type.String()),
  howFelt: Nullable(Type.String()),
  themes: Type.Array(Type.Object({ id: Type.Integer(), name: Type.String(), polarity: Type.Enum(['good', 'could_be_better']) })),
  responses: Type.Array(ResponseSchema),
});

export const StoryListQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: fieldLimits.search, description: 'Words to search for' })),
  organisation: Type.Optional(Type.String({ description: 'Organisation number' })),
  theme: Type.Optional(Type.String({ description: 'Theme number' })),
  service: Type.Optional(Type.String({ maxLength: fieldLimits.service })),
  from: Type.Optional(Month('Care in this month or later, YYYY-MM')),
  to: Type.Optional(Month('Care in this month or earlier, YYYY-MM')),
  page: Type.Optional(Type.String()),
});

export const StoryList = Type.Object({
  total: Type.Integer({ description: 'How many match, counted up to 1,000' }),
  totalCapped: Type.Boolean({ description: 'More than 1,000 match' }),
  page: Type.Integer(),
  pages: Type.Integer(),
  items: Type.Array(StorySummary),
});

// The same limits as the forms (fieldLimits.ts).
export const NewStory = Type.Object({
  organisationId: Type.Integer(),
  service: Type.Optional(Type.String({ maxLength: fieldLimits.service })),
  title: Type.String({ maxLength: fieldLimits.title }),
  whatHappened: Type.String({ maxLength: fieldLimits.storyPart }),
  whatWasGood: Type.Optional(Type.String({ maxLength: fieldLimits.storyPart })),
  whatCouldBeBetter: Type.Optional(Type.String({ maxLength: fieldLimits.storyPart })),
  howFelt: Type.Optional(Type.String({ maxLength: fieldLimits.storyPart })),
  happenedMonth: Type.String({ maxLength: 7, description: 'YYYY-MM' }),
  authorRole: Type.Enum([...authorRoles]),
  displayName: Type.String({ maxLength: fieldLimits.displayName }),
});

export const NewResponse = Type.Object({
  body: Type.String({ maxLength: fieldLimits.response }),
  signedName: Type.Optional(Type.String({ maxLength: fieldLimits.signedName })),
  signedRole: Type.String({ maxLength: fieldLimits.signedRole }),
  changeStatus: Type.Optional(Type.Enum([...changeStatuses])),
  changeDescription: Type.Optional(Type.String({ maxLength: fieldLimits.changeDescription })),
});
