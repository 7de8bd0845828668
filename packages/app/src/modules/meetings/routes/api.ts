// The meetings API: open reads of public meetings (paged lists by organisation, body or place, and
// one meeting with its public agenda, published papers, answered questions and minutes). Nothing of
// the private part, and nobody's email address, is ever in it, whoever asks.
import { Type } from 'typebox';
import { Nullable, PageFields, pageFieldsOf, problemResponses } from '../../../platform/apiSchemas.js';
import { pageNumber, queryString } from '../../../platform/web/index.js';
import type { App } from '../../../platform/web/types.js';
import { anonymous } from '../policy.js';
import { attendanceModes, itemPurposes, meetingStatuses } from '../schema.js';
import { getMeeting, listMeetings, type MeetingListItem } from '../service.js';

const Id = Type.Integer({ minimum: 1, maximum: 2147483647 });
const Named = Type.Object({ id: Type.Integer(), name: Type.String() });

const MeetingSummary = Type.Object({
  id: Type.Integer(),
  title: Type.String(),
  body: Named,
  organisation: Named,
  startsAt: Type.String({ format: 'date-time' }),
  endsAt: Type.String({ format: 'date-time' }),
  status: Type.Enum([...meetingStatuses]),
  venue: Nullable(Type.String()),
  online: Type.Boolean({ description: 'Whether people can join online' }),
  url: Type.String({ description: 'The meeting’s page' }),
});

const MeetingDetail = Type.Object({
  ...MeetingSummary.properties,
  summary: Type.String(),
  onlineUrl: Nullable(Type.String()),
  accessArrangements: Type.String(),
  questionDeadline: Type.String({ format: 'date-time' }),
  takingQuestions: Type.Boolean(),
  takingRegistrations: Type.Boolean(),
  attendance: Type.Array(Type.Enum([...attendanceModes])),
  placesLeft: Nullable(Type.Integer({ description: 'Places left in the room (null: no limit)' })),
  hasPrivatePart: Type.Boolean({ description: 'The body also meets in private; those items and papers are not published' }),
  agenda: Type.Array(
    Type.Object({
      position: Type.Integer(),
      title: Type.String(),
      presenter: Type.String(),
      purpose: Type.Enum([...itemPurposes]),
      papers: Type.Array(Type.Object({ id: Type.Integer(), title: Type.String(), fileName: Type.String(), sizeBytes: Type.Integer(), url: Type.String() })),
      minutes: Type.String({ description: 'Empty until the meeting is held and its minutes written' }),
      decision: Nullable(Type.Object({ id: Type.Integer(), title: Type.String(), decided: Type.String(), url: Type.String() })),
    }),
  ),
  questions: Type.Array(
    Type.Object({ name: Type.String(), question: Type.String(), answer: Type.String(), answeredAt: Nullable(Type.String({ format: 'date-time' })) }),
  ),
});

const MeetingPage = Type.Object({ items: Type.Array(MeetingSummary), ...PageFields });

/** A meeting as the list and the detail both give it. */
function summaryJson(m: MeetingListItem, base: string) {
  return {
    id: m.id,
    title: m.title,
    body: m.body,
    organisation: m.organisation,
    startsAt: m.startsAt.toISOString(),
    endsAt: m.endsAt.toISOString(),
    status: m.status,
    venue: m.venue,
    online: m.online,
    url: `${base}/meetings/${m.id}`,
  };
}

export async function registerMeetingApi(app: App): Promise<void> {
  const { deps } = app;
  app.get(
    '/api/v1/meetings',
    {
      schema: {
        tags: ['Meetings'],
        summary: 'Public meetings of boards, committees and groups: upcoming (soonest first) or past (newest first), paged',
        querystring: Type.Object({
          organisation: Type.Optional(Id),
          body: Type.Optional(Id),
          place: Type.Optional(
            Type.Integer({ minimum: 1, maximum: 2147483647, description: 'Meetings of organisations serving this place or a place inside it' }),
          ),
          when: Type.Optional(Type.Enum(['upcoming', 'past'], { default: 'upcoming' })),
          page: Type.Optional(Type.Integer({ minimum: 1, default: 1 })),
          pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
        }),
        response: { 200: MeetingPage, ...problemResponses([400]) },
      },
    },
    async (request) => {
      const { organisation, body, place, pageSize } = request.query;
      const when = request.query.when === 'past' ? 'past' : 'upcoming';
      const result = await listMeetings(deps.db, {
        organisationId: organisation,
        bodyId: body,
        placeId: place,
        when,
        page: pageNumber(request.query.page),
        pageSize,
      });
      return {
        items: result.items.map((m) => summaryJson(m, deps.config.publicUrl)),
        ...pageFieldsOf(result, (n) => `/api/v1/meetings${queryString({ organisation, body, place, when, page: n, pageSize: result.pageSize })}`),
      };
    },
  );

  app.get(
    '/api/v1/meetings/:id',
    {
      schema: {
        tags: ['Meetings'],
        summary:
          'A public meeting: where and when, access arrangements, the public agenda with its published papers, answered questions and, once held, minutes and decisions',
        params: Type.Object({ id: Id }),
        response: { 200: MeetingDetail, ...problemResponses([400, 404]) },
      },
    },
    async (request) => {
      // The API is the public record: it answers as it would to anyone, whoever's token asks.
      const m = await getMeeting(deps.db, anonymous, request.params.id);
      const base = deps.config.publicUrl;
      return {
        ...summaryJson({ ...m, online: m.onlineUrl !== null }, base),
        summary: m.summary,
        onlineUrl: m.onlineUrl,
        accessArrangements: m.accessArrangements,
        questionDeadline: m.questionDeadline.toISOString(),
        takingQuestions: m.questionsRefusal === null,
        takingRegistrations: m.registrationRefusal === null,
        attendance: attendanceModes.filter((mode) => (mode === 'in_person' ? m.venue !== null : m.onlineUrl !== null)),
        placesLeft: m.placesLeft,
        hasPrivatePart: m.hasPrivatePart,
        agenda: m.items
          .filter((item) => item.part === 'public')
          .map((item) => ({
            position: item.position,
            title: item.title,
            presenter: item.presenter,
            purpose: item.purpose,
            papers: item.papers.map((p) => ({
              id: p.id,
              title: p.title,
              fileName: p.fileName,
              sizeBytes: p.sizeBytes,
              url: `${base}/meetings/${m.id}/papers/${p.id}`,
            })),
            minutes: item.minutes,
            decision: item.decision ? { ...item.decision, url: `${base}/decisions/${item.decision.id}` } : null,
          })),
        questions: m.questions.map((q) => ({
          name: q.name,
          question: q.question,
          answer: q.answer,
          answeredAt: q.answeredAt ? q.answeredAt.toISOString() : null,
        })),
      };
    },
  );
}
