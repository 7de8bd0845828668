// The complainant's pages: choosing the organisation, making a complaint, and following it in their
// account (its timeline, its letters, and who has looked at it).
import type { FastifyReply, FastifyRequest } from 'fastify';
import { type App, dateFromParts, formOf, formValue, handleForm, idParam, isRecordId, queryValue, redirectToSignIn } from '../../../platform/web/index.js';
import { storyForAuthor } from '../../feedback/service.js';
import { getOrganisationSummary, searchOrganisations } from '../../registry/service.js';
import { contactPreferenceLabels } from '../casework.js';
import { searchWords } from '../finding.js';
import { letterParagraphs } from '../letters.js';
import { type ComplaintInput, makeComplaint, reviewComplaint, takesComplaints } from '../making.js';
import { consentBases } from '../schema.js';
import { limits, listOwnComplaints, listViews, viewComplaint } from '../service.js';
import { consentLabels } from '../timeline.js';
import { letterOrReply, notFoundUnlessSignedIn, view, viewerName } from './pageHelpers.js';

const consentItems = consentBases.map((value) => ({ value, text: consentLabels[value] }));

function complaintInput(body: Record<string, unknown>): ComplaintInput {
  return {
    organisationId: formValue(body, 'organisation'),
    whatHappened: formValue(body, 'whatHappened'),
    eventDate: dateFromParts(body, 'eventDate'),
    whereHappened: formValue(body, 'whereHappened'),
    peopleInvolved: formValue(body, 'peopleInvolved'),
    outcomeWanted: formValue(body, 'outcomeWanted'),
    complainantName: formValue(body, 'complainantName'),
    forWhom: formValue(body, 'forWhom'),
    personName: formValue(body, 'personName'),
    consent: formValue(body, 'consent'),
    contactPreference: formValue(body, 'contactPreference'),
    contactPhone: formValue(body, 'contactPhone'),
    postalAddress: formValue(body, 'postalAddress'),
  };
}

/** Every field of the complaint form: the check page carries them in hidden fields, so going back loses nothing. */
const formFields = [
  'organisation',
  'whatHappened',
  'eventDate-day',
  'eventDate-month',
  'eventDate-year',
  'whereHappened',
  'peopleInvolved',
  'outcomeWanted',
  'complainantName',
  'forWhom',
  'personName',
  'consent',
  'contactPreference',
  'contactPhone',
  'postalAddress',
] as const;

function formValuesOf(body: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(formFields.map((name) => [name, formValue(body, name)]));
}

/** A record id as typed in a form or address, or null when it cannot be one. */
function idOrNull(idText: string): number | null {
  const id = /^\d{1,10}$/.test(idText) ? Number(idText) : Number.NaN;
  return isRecordId(id) ? id : null;
}

export async function registerAccountRoutes(app: App): Promise<void> {
  const { deps } = app;

  async function organisationOf(idText: string) {
    const id = idOrNull(idText);
    return id === null ? null : getOrganisationSummary(deps.db, id);
  }

  const formContext = (organisation: { id: number; name: string }, values: Record<string, unknown>) => ({
    title: `Make a complaint to ${organisation.name}`,
    organisation,
    values,
    consentItems,
    limits,
  });

  // ---- choosing the organisation, then the form ----
  app.get('/complaints/new', async (request, reply) => {
    if (request.actor.accountId === null) return redirectToSignIn(request, reply);
    const organisationText = queryValue(request, 'organisation');
    const organisation = organisationText ? await organisationOf(organisationText) : null;
    if (organisation && (await takesComplaints(deps.db, organisation.id))) {
      // From one of the person's own stories: start from their words (never anyone else's story).
      const storyId = idOrNull(queryValue(request, 'story'));
      const story = storyId === null ? null : await storyForAuthor(deps, request.actor, storyId).catch(() => null);
      const values = {
        organisation: String(organisation.id),
        complainantName: request.account?.name ?? '',
        whatHappened: story && story.organisationId === organisation.id ? story.original.whatHappened : '',
      };
      return reply.render(view('complaint-form'), formContext(organisation, values));
    }
    const q = queryValue(request, 'q').trim();
    const page = {
      title: 'Which organisation is your complaint about?',
      q,
      notTaking: organisation,
      unknownOrganisation: Boolean(organisationText) && !organisation,
    };
    return handleForm(reply, { template: view('choose-organisation'), context: page }, async () => {
      const words = searchWords(q, 'The organisation to search for');
      const found = words ? await searchOrganisations(deps, { q: words, pageSize: 20 }) : null;
      return reply.render(view('choose-organisation'), { ...page, found });
    });
  });

  // ---- check your answers: the form posts here; "Change" goes back to the form with every answer kept ----
  app.post('/complaints/new/check', async (request, reply) => {
    const body = formOf(request);
    const input = complaintInput(body);
    const organisation = (await organisationOf(input.organisationId.trim())) ?? { id: 0, name: 'an organisation' };
    const values = formValuesOf(body);
    return handleForm(reply, { template: view('complaint-form'), context: formContext(organisation, values), dateFields: ['eventDate'] }, async () => {
      const reviewed = await reviewComplaint(deps, request.actor, input);
      return reply.render(view('complaint-check'), {
        title: 'Check your complaint before sending it',
        organisation: reviewed.organisation,
        answers: input,
        values,
        consentLabel: consentItems.find((c) => c.value === input.consent)?.text ?? '',
        contactLabel: contactPreferenceLabels[(input.contactPreference || 'email') as keyof typeof contactPreferenceLabels] ?? 'Email',
      });
    });
  });

  app.post('/complaints/new/change', async (request, reply) => {
    if (request.actor.accountId === null) return redirectToSignIn(request, reply);
    const body = formOf(request);
    const organisation = (await organisationOf(formValue(body, 'organisation').trim())) ?? { id: 0, name: 'an organisation' };
    return reply.render(view('complaint-form'), formContext(organisation, formValuesOf(body)));
  });

  app.post('/complaints/new', async (request, reply) => {
    const body = formOf(request);
    const input = complaintInput(body);
    const organisation = (await organisationOf(input.organisationId.trim())) ?? { id: 0, name: 'an organisation' };
    const values = { ...body, _csrf: undefined };
    return handleForm(reply, { template: view('complaint-form'), context: formContext(organisation, values), dateFields: ['eventDate'] }, async () => {
      const made = await makeComplaint(deps, request.actor, input);
      deps.kickMail();
      return reply.redirect(`/account/complaints/${made.id}?done=complaint-made`, 303);
    });
  });

  // ---- the complainant's own complaints ----
  app.get('/account/complaints', async (request, reply) => {
    if (request.actor.accountId === null) return redirectToSignIn(request, reply);
    const complaints = await listOwnComplaints(deps, request.actor);
    return reply.render(view('account-complaints'), { title: 'Your complaints', complaints });
  });

  app.get('/account/complaints/:id', async (request, reply) => {
    const signedOut = notFoundUnlessSignedIn(request, reply);
    if (signedOut) return signedOut;
    const id = idParam(request, 'id');
    const result = await viewComplaint(deps, request.actor, id, { viewerName: viewerName(request), what: 'complaint_page', as: 'complainant' });
    if ('redirect' in result) return reply.redirect(`/complaints/${id}`, 303);
    const views = await listViews(deps, request.actor, id);
    reply.header('cache-control', 'no-store');
    return reply.render(view('account-complaint'), { title: `Your complaint ${result.complaint.reference}`, complaint: result.complaint, views });
  });

  app.get('/account/complaints/:id/letters/:letterId', async (request, reply) => letterPage(request, reply, 'complainant'));

  /** A letter, for the complainant (/account/…) or a complaints manager (/complaints/…). */
  async function letterPage(request: FastifyRequest, reply: FastifyReply, as: 'complainant' | 'complaints_manager'): Promise<FastifyReply> {
    const found = await letterOrReply(deps, request, reply, as, '');
    if (!('letter' in found)) return found;
    const { letter: result, id } = found;
    return reply.render(view('letter'), {
      title: `${result.letter.label}: complaint ${result.complaint.reference}`,
      ...result,
      paragraphs: letterParagraphs(result.letter.body),
      backHref: as === 'complainant' ? `/account/complaints/${id}` : `/complaints/${id}`,
    });
  }
  app.get('/complaints/:id/letters/:letterId', async (request, reply) => letterPage(request, reply, 'complaints_manager'));
}
