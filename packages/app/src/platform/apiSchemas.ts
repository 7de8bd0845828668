// Schemas every part of the JSON API shares: RFC 9457 problem details (with the fields at fault,
// when there are any), a nullable wrapper, a list narrowed to one organisation and an organisation
// named in an answer. They feed both validation and the OpenAPI document.
import { type TSchema, Type } from 'typebox';

export const Problem = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.Optional(Type.String()),
    instance: Type.Optional(Type.String()),
    errors: Type.Optional(Type.Array(Type.Object({ field: Type.Optional(Type.String()), detail: Type.Optional(Type.String()) }))),
  },
  { description: 'RFC 9457 problem details' },
);

export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

/** ?organisation=N: a list narrowed to one organisation's records. */
export const OrganisationFilter = Type.Object({ organisation: Type.Optional(Type.Integer({ minimum: 1, maximum: 2147483647 })) });

/** An organisation named in an answer, and how a record's organisation fills it in. */
export const OrganisationRef = Type.Object({ id: Type.Integer(), name: Type.String() });
export const organisationRef = (record: { organisationId: number; organisationName: string }) => ({ id: record.organisationId, name: record.organisationName });

/** Problem details as the response schema of each listed status (for a route's `response`). */
export function problemResponses(statuses: readonly number[]): Record<number, typeof Problem> {
  return Object.fromEntries(statuses.map((status) => [status, Problem]));
}

/** ?organisation=N&page=P&pageSize=S: a list narrowed to one organisation, a page at a time. */
export const PagedOrganisationFilter = Type.Object({
  organisation: Type.Optional(Type.Integer({ minimum: 1, maximum: 2147483647 })),
  page: Type.Optional(Type.Integer({ minimum: 1, default: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
});

/** What a paged list answers beside its items: the total, this page, and links to the pages either side. */
export const PageFields = {
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
  links: Type.Object({ next: Nullable(Type.String()), prev: Nullable(Type.String()) }),
};

/** PageFields for one page of a list, with the address of page n from `linkTo`. */
export function pageFieldsOf(result: { total: number; page: number; pageSize: number }, linkTo: (page: number) => string) {
  const pages = Math.ceil(result.total / result.pageSize);
  return {
    total: result.total,
    page: result.page,
    pageSize: result.pageSize,
    links: { next: result.page < pages ? linkTo(result.page + 1) : null, prev: result.page > 1 ? linkTo(Math.min(result.page - 1, Math.max(pages, 1))) : null },
  };
}
