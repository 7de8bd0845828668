// Organisers' pages of an assembly's work: its sessions, the evidence (papers and speakers, public) and
// the members' documents (members only); and its recommendations: voting opened, the voted ones
// published, and the convening body's public answer to each (accept, accept in part, not accept, with
// reasons and what will be done), overdue ones shown as overdue.
import type { FastifyRequest } from 'fastify';
import { NotFoundError, ValidationError } from '../../../platform/errors.js';
import { dateFromParts, idParam, isRecordId, selectItems, text } from '../../../platform/web/index.js';
import { type AnswerResponse, answerResponses, type DocumentKind, documentKinds } from '../schema.js';
import {
  addDocument,
  addSession,
  answerLabels,
  answerRecommendation,
  draftRecommendation,
  getRecommendation,
  listDocuments,
  listRecommendations,
  listSessions,
  openVoting,
  publishRecommendations,
} from '../service.js';
import type { ManageKit, ManagePage } from './manageKit.js';
import { onRow, page, renamingFields } from './manageKit.js';

const answerChoices: Record<AnswerResponse, string> = { accept: 'Accept', accept_in_part: 'Accept in part', not_accept: 'Do not accept' };

/** A time typed as HH:MM (24-hour), or what was typed (refused by the service). */
const timeOf = (value: unknown) => {
  const typed = text(value).trim().replace('.', ':');
  const match = /^(\d{1,2}):(\d{2})$/.exec(typed);
  return match ? `${match[1]?.padStart(2, '0')}:${match[2]}` : typed;
};

export function registerManageWork({ deps, managed, show, submit }: ManageKit): void {
  // ---- sessions and documents ----
  const work: ManagePage = {
    template: page('manage-work'),
    context: async (request, typed) => {
      const a = await managed(request);
      const [sessions, evidence, privateDocuments] = await Promise.all([
        listSessions(deps.db, a.id),
        listDocuments(deps.db, request.actor, a.id, 'evidence'),
        listDocuments(deps.db, request.actor, a.id, 'private'),
      ]);
      return {
        title: `Sessions and documents: ${a.title}`,
        a,
        sessions,
        evidence,
        privateDocuments,
        sessionItems: selectItems(
          sessions.map((s) => ({ value: s.id, text: s.title })),
          typed.sessionId,
          'Not for one session',
        ),
        kindItems: documentKinds.map((k) => ({
          value: k,
          text: k === 'evidence' ? 'Evidence: a paper or a speaker (public)' : 'A members’ document (members only)',
          checked: text(typed.kind || 'evidence') === k,
        })),
        values: typed,
        errors: {},
      };
    },
  };
  show('/assemblies/:id/manage/work', work);

  submit('/assemblies/:id/manage/work/sessions', work, async (request, a, form) => {
    const day = dateFromParts(form, 'startsAt');
    if (!day) throw new ValidationError({ startsAt: 'Enter the date of the session' });
    await addSession(deps, request.actor, a.id, {
      title: text(form.title).trim(),
      startsAt: `${day}T${timeOf(form.startsTime)}`,
      venue: text(form.venue).trim(),
      summary: text(form.summary).trim(),
    });
    return `/assemblies/${a.id}/manage/work?done=session-added`;
  });

  submit('/assemblies/:id/manage/work/documents', work, async (request, a, form) => {
    const kind = text(form.kind) as DocumentKind;
    if (!documentKinds.includes(kind)) throw new ValidationError({ kind: 'Choose whether it is evidence or a members’ document' });
    const session = text(form.sessionId);
    if (session && !isRecordId(Number(session))) throw new ValidationError({ sessionId: 'Choose one of the assembly’s sessions, or none' });
    const document = {
      kind,
      sessionId: session ? Number(session) : null,
      title: text(form.docTitle).trim(),
      speaker: text(form.speaker).trim(),
      body: text(form.body).trim(),
      url: text(form.url).trim(),
    };
    await renamingFields({ title: 'docTitle' }, () => addDocument(deps, request.actor, a.id, document));
    return `/assemblies/${a.id}/manage/work?done=assembly-document-added`;
  });

  // ---- recommendations: voting, publication, answers ----
  const recommendations: ManagePage = {
    template: page('manage-recommendations'),
    context: async (request, typed) => {
      const a = await managed(request);
      const list = await listRecommendations(deps.db, request.actor, a.id);
      return {
        title: `Recommendations: ${a.title}`,
        a,
        recommendations: list.map((r) => ({
          ...r,
          answerText: r.answer ? answerLabels[r.answer] : '',
          supportPercent: Math.round((r.support.share ?? 0) * 1000) / 10,
          answerItems: answerResponses.map((value) => ({ value, text: answerChoices[value], checked: text(typed[`answer-${r.id}`]) === value })),
        })),
        voting: list.filter((r) => r.status === 'voting').length,
        values: typed,
        errors: {},
      };
    },
  };
  show('/assemblies/:id/manage/recommendations', recommendations);

  submit('/assemblies/:id/manage/recommendations', recommendations, async (request, a, form) => {
    await draftRecommendation(deps, request.actor, a.id, { title: text(form.title).trim(), text: text(form.text).trim() });
    return `/assemblies/${a.id}/manage/recommendations?done=recommendation-drafted`;
  });

  submit('/assemblies/:id/manage/recommendations/publish', recommendations, async (request, a) => {
    await publishRecommendations(deps, request.actor, a.id);
    return `/assemblies/${a.id}/manage/recommendations?done=recommendations-published`;
  });

  /** A recommendation of the assembly in the page's address (one of another assembly is not found here). */
  const recommendationIn = async (request: FastifyRequest, a: { id: number }): Promise<number> => {
    const recId = idParam(request, 'recId');
    if ((await getRecommendation(deps.db, request.actor, recId)).assemblyId !== a.id) throw new NotFoundError();
    return recId;
  };

  submit('/assemblies/:id/manage/recommendations/:recId/voting', recommendations, async (request, a) => {
    const recId = await recommendationIn(request, a);
    await onRow(recId, () => openVoting(deps, request.actor, recId));
    return `/assemblies/${a.id}/manage/recommendations?done=voting-opened#recommendation-${recId}`;
  });

  submit('/assemblies/:id/manage/recommendations/:recId/answer', recommendations, async (request, a, form) => {
    const recId = await recommendationIn(request, a);
    const field = (name: string) => text(form[`${name}-${recId}`]).trim();
    await onRow(recId, () =>
      answerRecommendation(deps, request.actor, recId, { answer: field('answer') as AnswerResponse, reasons: field('reasons'), actions: field('actions') }),
    );
    return `/assemblies/${a.id}/manage/recommendations?done=recommendation-answered#recommendation-${recId}`;
  });
}
