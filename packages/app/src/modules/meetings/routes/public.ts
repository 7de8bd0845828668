// Public pages of meetings: the lists (upcoming and past, by organisation, body or place), a meeting
// with its agenda, papers, questions and answers and minutes, a paper's file, sending a question,
// registering to attend, and the iCalendar feeds.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { NotFoundError } from '../../../platform/errors.js';
import { sendDownload } from '../../../platform/uploads.js';
import { formOf, handleForm, idParam, pageNumber, paginationOf, queryId, queryString, queryText, text, view } from '../../../platform/web/index.js';
import type { App } from '../../../platform/web/types.js';
import { getBody, getOrganisationSummary, getPlace } from '../../registry/service.js';
import { meetingWhen } from '../rules.js';
import type { ItemPart, ItemPurpose, MeetingStatus } from '../schema.js';
import {
  askQuestion,
  type CalendarScope,
  calendarMeetings,
  formatLondon,
  getMeeting,
  listMeetings,
  type MeetingDetail,
  meetingsCalendar,
  paperFile,
  registerToAttend,
} from '../service.js';

const page = view('meetings');

export const purposeLabels: Record<ItemPurpose, string> = { decision: 'For decision', discussion: 'For discussion', information: 'For information' };
export const partLabels: Record<ItemPart, string> = { public: 'Public part', private: 'Private part (confidential)' };
export const statusTags: Record<MeetingStatus, { text: string; classes: string }> = {
  scheduled: { text: 'Scheduled', classes: 'nhsuk-tag--blue' },
  cancelled: { text: 'Cancelled', classes: 'nhsuk-tag--red' },
  held: { text: 'Held', classes: 'nhsuk-tag--grey' },
};

const escapeHtml = (value: string) => value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The meeting's facts as rows of the NHS.UK summary list. */
function detailRows(m: MeetingDetail) {
  return [
    { key: { text: 'When' }, value: { text: `${meetingWhen(m.startsAt, m.endsAt)} (UK time)` } },
    ...(m.venue ? [{ key: { text: 'Where' }, value: { text: m.venue, classes: 'involve-prewrap' } }] : []),
    ...(m.onlineUrl ? [{ key: { text: 'Online' }, value: { html: `<a href="${escapeHtml(m.onlineUrl)}">Join the meeting online</a>` } }] : []),
    { key: { text: 'Access' }, value: { text: m.accessArrangements || 'Ask the organisation about access before the meeting.', classes: 'involve-prewrap' } },
    ...(m.venue && m.placesLeft !== null ? [{ key: { text: 'Places in the room' }, value: { text: `${m.placesLeft} of ${m.capacity} left` } }] : []),
    { key: { text: 'Questions from the public' }, value: { text: `Send them by ${formatLondon(m.questionDeadline)}` } },
  ];
}

/** What every page about one meeting shows of it. */
export function meetingView(m: MeetingDetail) {
  return {
    m,
    detailRows: detailRows(m),
    when: meetingWhen(m.startsAt, m.endsAt),
    questionsClose: formatLondon(m.questionDeadline),
    tag: statusTags[m.status],
    purposeLabels,
    publicItems: m.items.filter((i) => i.part === 'public'),
    privateItems: m.items.filter((i) => i.part === 'private'),
  };
}

export async function registerPublicMeetingRoutes(app: App): Promise<void> {
  const { deps } = app;

  app.get('/meetings', async (request, reply) => {
    const organisationId = queryId(request, 'organisation');
    const bodyId = queryId(request, 'body');
    const placeId = queryId(request, 'place');
    const when = queryText(request, 'when') === 'past' ? 'past' : 'upcoming';
    const result = await listMeetings(deps.db, { organisationId, bodyId, placeId, when, page: pageNumber(queryText(request, 'page')) });
    // What the list is of, named, with its calendar feed.
    const [organisation, body, place] = await Promise.all([
      organisationId === undefined ? null : getOrganisationSummary(deps.db, organisationId),
      bodyId === undefined ? null : getBody(deps.db, bodyId),
      placeId === undefined ? null : getPlace(deps.db, placeId, { organisationLimit: 0 }),
    ]);
    const scope = body
      ? { name: body.name, feed: `/bodies/${body.id}/meetings.ics` }
      : organisation
        ? { name: organisation.name, feed: `/organisations/${organisation.id}/meetings.ics` }
        : place
          ? { name: place.name, feed: `/places/${place.id}/meetings.ics` }
          : null;
    const filters = { organisation: organisation?.id, body: body?.id, place: place?.id };
    const heading = scope
      ? `${when === 'past' ? 'Past' : 'Upcoming'} public meetings: ${scope.name}`
      : `${when === 'past' ? 'Past' : 'Upcoming'} public meetings`;
    return reply.render(page('list'), {
      title: result.page > 1 ? `${heading} (page ${result.page})` : heading,
      heading,
      when,
      scope,
      items: result.items.map((item) => ({ ...item, when: meetingWhen(item.startsAt, item.endsAt), tag: statusTags[item.status] })),
      otherWhen: {
        href: `/meetings${queryString({ ...filters, when: when === 'past' ? undefined : 'past' })}`,
        text: when === 'past' ? 'Upcoming meetings' : 'Past meetings',
      },
      resultPages: paginationOf(
        result.page,
        result.pageSize,
        result.total,
        (n) => `/meetings${queryString({ ...filters, when: when === 'past' ? 'past' : undefined, page: n })}`,
      ),
    });
  });

  app.get('/meetings/:id', async (request, reply) => {
    const m = await getMeeting(deps.db, request.actor, idParam(request, 'id'));
    return reply.render(page('meeting'), { title: m.title, ...meetingView(m) });
  });

  app.get('/meetings/:id/papers/:paperId', async (request, reply) => {
    return sendDownload(reply, await paperFile(deps.db, request.actor, idParam(request, 'id'), idParam(request, 'paperId')));
  });

  // ---- questions from the public ----
  const person = (request: FastifyRequest) => ({ name: request.account?.name ?? '', email: request.account?.email ?? '' });
  const questionContext = async (request: FastifyRequest, values: Record<string, unknown>) => {
    const m = await getMeeting(deps.db, request.actor, idParam(request, 'id'));
    return { title: `Send a question: ${m.title}`, ...meetingView(m), values, errors: {} };
  };

  app.get('/meetings/:id/question', async (request, reply) => reply.render(page('question'), await questionContext(request, person(request))));

  app.post('/meetings/:id/question', async (request, reply) => {
    const id = idParam(request, 'id');
    const form = formOf(request);
    return handleForm(reply, { template: page('question'), context: () => questionContext(request, form) }, async () => {
      await askQuestion(deps, request.actor, id, { name: text(form.name), email: text(form.email), question: text(form.question) });
      deps.kickMail();
      return reply.redirect(`/meetings/${id}/question/sent`, 303);
    });
  });

  app.get('/meetings/:id/question/sent', async (request, reply) => {
    const m = await getMeeting(deps.db, request.actor, idParam(request, 'id'));
    return reply.render(page('sent'), { title: 'Your question is sent', ...meetingView(m), sent: 'question' });
  });

  // ---- registering to attend ----
  const registerContext = async (request: FastifyRequest, values: Record<string, unknown>) => {
    const m = await getMeeting(deps.db, request.actor, idParam(request, 'id'));
    const attendanceItems = [
      ...(m.venue
        ? [{ value: 'in_person', text: 'In person', hint: { text: m.placesLeft === null ? m.venue : `${m.venue} (${m.placesLeft} places left)` } }]
        : []),
      ...(m.onlineUrl ? [{ value: 'online', text: 'Online', hint: { text: 'We email you the link to join' } }] : []),
    ];
    return { title: `Register to attend: ${m.title}`, ...meetingView(m), attendanceItems, values, errors: {} };
  };

  app.get('/meetings/:id/register', async (request, reply) => reply.render(page('register'), await registerContext(request, person(request))));

  app.post('/meetings/:id/register', async (request, reply) => {
    const id = idParam(request, 'id');
    const form = formOf(request);
    return handleForm(reply, { template: page('register'), context: () => registerContext(request, form) }, async () => {
      await registerToAttend(deps, request.actor, id, {
        name: text(form.name),
        email: text(form.email),
        attendance: text(form.attendance),
        accessNeeds: text(form.accessNeeds),
      });
      deps.kickMail();
      return reply.redirect(`/meetings/${id}/registered`, 303);
    });
  });

  app.get('/meetings/:id/registered', async (request, reply) => {
    const m = await getMeeting(deps.db, request.actor, idParam(request, 'id'));
    return reply.render(page('sent'), { title: 'You are registered', ...meetingView(m), sent: 'registration' });
  });

  // ---- calendar feeds ----
  const feed = async (reply: FastifyReply, scope: CalendarScope, fileName: string) => {
    const found = await calendarMeetings(deps.db, scope);
    if (!found) throw new NotFoundError();
    return reply
      .type('text/calendar; charset=utf-8')
      .header('content-disposition', `inline; filename="${fileName}"`)
      .send(meetingsCalendar({ name: found.name, publicUrl: deps.config.publicUrl, meetings: found.meetings }));
  };
  app.get('/bodies/:id/meetings.ics', async (request, reply) => feed(reply, { bodyId: idParam(request, 'id') }, 'meetings.ics'));
  app.get('/organisations/:id/meetings.ics', async (request, reply) => feed(reply, { organisationId: idParam(request, 'id') }, 'meetings.ics'));
  app.get('/places/:id/meetings.ics', async (request, reply) => feed(reply, { placeId: idParam(request, 'id') }, 'meetings.ics'));
}
