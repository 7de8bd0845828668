// Public pages of the community directory: the search (words, category, distance from a postcode;
// a plain GET form, so it works without JavaScript and every result page has its own address) and
// a service's page with everything a person needs to go: where, when, who for, what it costs, how to
// get in touch, and when the entry was last checked.
import type { FastifyRequest } from 'fastify';
import { NotFoundError, ValidationError } from '../../../platform/errors.js';
import { errorsFor, pageNumber, paginationOf, queryId, queryString, queryText, selectItems, view } from '../../../platform/web/index.js';
import type { App } from '../../../platform/web/types.js';
import { getOrganisationSummary, placeOptions } from '../../registry/service.js';
import { getService, isUuid, listCategories, postcodePoint, type SearchQuery, searchServices } from '../service.js';
import { directionsText } from './directions.js';
import { amountText, contactRows, listLine, scheduleText, statusTags } from './serviceView.js';

const page = view('directory');

/** How far from a postcode a person may look, in miles (the select's choices). */
export const distanceChoices = [1, 3, 5, 10, 25, 50] as const;
const defaultMiles = 10;

/** The search as asked in the query string, with a message for each value that cannot be used. */
function searchFrom(request: FastifyRequest) {
  const errors: Record<string, string> = {};
  const words = queryText(request, 'words').slice(0, 200);
  const category = queryText(request, 'category');
  if (category && !isUuid(category)) errors.category = 'Choose a category from the list';
  const postcode = queryText(request, 'postcode').slice(0, 16);
  const milesText = queryText(request, 'miles');
  const miles = milesText === '' ? defaultMiles : Number(milesText);
  if (!(distanceChoices as readonly number[]).includes(miles)) errors.miles = 'Choose how far from the postcode to look';
  return {
    words,
    category,
    postcode,
    miles: errors.miles ? defaultMiles : miles,
    milesText,
    organisationId: queryId(request, 'organisation'),
    placeId: queryId(request, 'place'),
    page: pageNumber(queryText(request, 'page')),
    errors,
  };
}

export async function registerDirectoryPages(app: App): Promise<void> {
  const { deps } = app;

  app.get('/directory', async (request, reply) => {
    const asked = searchFrom(request);
    const [categories, organisation, places] = await Promise.all([
      listCategories(deps.db),
      asked.organisationId === undefined ? null : getOrganisationSummary(deps.db, asked.organisationId),
      asked.placeId === undefined ? [] : placeOptions(deps.db),
    ]);
    const place = places.find((p) => p.id === asked.placeId) ?? null;
    const chosenCategory = categories.find((c) => c.id === asked.category);
    if (asked.category && !asked.errors.category && !chosenCategory) asked.errors.category = 'Choose a category from the list';
    const query: SearchQuery = {
      text: asked.words || undefined,
      category: chosenCategory?.id,
      postcode: asked.postcode || undefined,
      withinMiles: asked.postcode ? asked.miles : undefined,
      organisationId: organisation?.id,
      placeId: place?.id,
      page: asked.page,
    };
    let result: Awaited<ReturnType<typeof searchServices>> | null = null;
    if (Object.keys(asked.errors).length === 0) {
      try {
        result = await searchServices(deps.db, request.actor, query);
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        // The service names the words 'text' (as Open Referral does); the form calls them 'words'.
        for (const [field, message] of Object.entries(error.fieldErrors)) asked.errors[field === 'text' ? 'words' : field] = message;
      }
    }
    const scope = [organisation ? `by ${organisation.name}` : '', place ? `near ${place.name}` : ''].filter(Boolean).join(' ');
    const heading = scope ? `Community services ${scope}` : 'Find community services';
    const kept = {
      words: asked.words,
      category: chosenCategory?.id ?? asked.category,
      postcode: asked.postcode,
      miles: asked.postcode ? asked.milesText || undefined : undefined,
      organisation: organisation?.id,
      place: place?.id,
    };
    const fromPostcode = result?.postcode ?? null;
    const searched = Boolean(asked.words || chosenCategory || asked.postcode);
    return reply.code(result ? 200 : 422).render(page('directory-search'), {
      title: result && result.page > 1 ? `${heading} (page ${result.page})` : heading,
      heading,
      organisation,
      place,
      values: { words: asked.words, postcode: asked.postcode },
      categoryItems: selectItems(
        categories.map((c) => ({ value: c.id, text: c.name })),
        kept.category,
        'Any category',
      ),
      milesItems: selectItems(
        distanceChoices.map((m) => ({ value: m, text: m === 1 ? 'Within 1 mile' : `Within ${m} miles` })),
        asked.errors.miles ? asked.milesText : asked.miles,
      ),
      searched,
      chosenCategory,
      fromPostcode,
      withinMiles: result?.withinMiles ?? null,
      items: (result?.items ?? []).map((s) => ({
        ...s,
        href: `/directory/services/${s.id}${fromPostcode ? queryString({ from: fromPostcode }) : ''}`,
        line: listLine(s),
        tag: statusTags[s.status],
      })),
      total: result?.total ?? 0,
      totalCapped: result?.totalCapped ?? false,
      showing:
        result && result.total > 0 ? { from: (result.page - 1) * result.pageSize + 1, to: (result.page - 1) * result.pageSize + result.items.length } : null,
      resultPages: result ? paginationOf(result.page, result.pageSize, result.total, (n) => `/directory${queryString({ ...kept, page: n })}`) : null,
      ...errorsFor(asked.errors),
    });
  });

  app.get('/directory/services/:id', async (request, reply) => {
    const id = String((request.params as Record<string, unknown>).id ?? '');
    if (!isUuid(id)) throw new NotFoundError();
    const service = await getService(deps.db, request.actor, id);
    // The postcode a person searched from, carried to this page by the result's link.
    const fromText = queryText(request, 'from').slice(0, 16);
    const from = fromText ? await postcodePoint(deps.db, fromText) : null;
    return reply.render(page('directory-service'), {
      title: service.name,
      service,
      statusTag: statusTags[service.status],
      overdue: service.checkOverdue,
      fromPostcode: from?.postcode ?? null,
      locations: service.locations.map((l) => ({
        ...l,
        directions: from && l.latitude !== null && l.longitude !== null ? directionsText(from, { latitude: l.latitude, longitude: l.longitude }) : null,
      })),
      schedules: service.schedules.map((s) => ({ ...s, text: scheduleText(s) })),
      contactRows: contactRows(service),
      costs: service.costOptions.map((c) => ({ ...c, amountText: amountText(c.amount) })),
      ages: agesText(service.minimumAge, service.maximumAge),
      backHref: from ? `/directory${queryString({ postcode: from.postcode })}` : '/directory',
    });
  });
}

/** Who the service is for by age, in words ('' when it takes any age). */
export function agesText(minimum: number | null, maximum: number | null): string {
  if (minimum !== null && maximum !== null) return `Aged ${minimum} to ${maximum}`;
  if (minimum !== null) return `Aged ${minimum} and over`;
  if (maximum !== null) return `Aged ${maximum} and under`;
  return '';
}
